/**
 * `shadowRootOf` (src/content/runtime.ts): which shadow root the content script sees, through
 * the browser's extension-only ways to a closed one. The real ones are exercised in Chromium
 * (test/hostile/extension.test.ts) and Firefox (test/firefox/smoke.test.ts); this covers the
 * choice between them and the fallback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { shadowRootOf } from '../../src/content/runtime';

const g = globalThis as { chrome?: unknown };
afterEach(() => {
  delete g.chrome;
});

/** Closed roots are looked for on custom elements only (see shadowRootOf). */
function closedHost(): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement('chat-card');
  const root = host.attachShadow({ mode: 'closed' });
  return { host, root };
}

describe('the shadow root the content script sees', () => {
  it('is only an open one without an extension API', () => {
    const { host } = closedHost();
    expect(shadowRootOf(host)).toBeNull();
    const open = document.createElement('div');
    const root = open.attachShadow({ mode: 'open' });
    expect(shadowRootOf(open)).toBe(root);
  });

  it('is the closed one Chromium’s chrome.dom.openOrClosedShadowRoot gives', () => {
    const { host, root } = closedHost();
    const asked: Element[] = [];
    g.chrome = { dom: { openOrClosedShadowRoot: (el: Element) => (asked.push(el), root) } };
    expect(shadowRootOf(host)).toBe(root);
    expect(asked).toEqual([host]);
    // Not asked of built-in elements, nor when the root is open: the call is costly, and a walk makes it for every element.
    const div = document.createElement('div');
    div.attachShadow({ mode: 'closed' });
    const open = document.createElement('chat-card');
    const openRoot = open.attachShadow({ mode: 'open' });
    expect(shadowRootOf(div)).toBeNull();
    expect(shadowRootOf(open)).toBe(openRoot);
    expect(asked).toEqual([host]);
  });

  it('is the closed one Firefox’s element.openOrClosedShadowRoot property gives', () => {
    const { host, root } = closedHost();
    Object.defineProperty(host, 'openOrClosedShadowRoot', { get: () => root });
    expect(shadowRootOf(host)).toBe(root);
  });

  it('falls back to the open root when the API throws', () => {
    const open = document.createElement('div');
    const root = open.attachShadow({ mode: 'open' });
    g.chrome = { dom: { openOrClosedShadowRoot: () => { throw new Error('Invalid element'); } } };
    expect(shadowRootOf(open)).toBe(root);
    expect(shadowRootOf(closedHost().host)).toBeNull();
  });
});
