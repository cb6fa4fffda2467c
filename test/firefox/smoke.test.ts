/**
 * The Firefox build in Firefox ESR: installed as a temporary add-on over WebDriver BiDi, the
 * Claude terms fixture served under https://claude.ai, and the same overlay contract as the
 * Chromium e2e suite (test/e2e/highlight.test.ts): one element without attributes on <html>, its
 * shadow root closed, holding a mark over the switch and its callout. The overlay is read over
 * WebDriver BiDi (./overlay.ts), which sees closed roots; the page cannot, which the hostile page
 * (test/fixtures/hostile-overlay.html, as in test/hostile/overlay.test.ts) checks here too, since
 * Firefox gives content scripts other ways in and out of the page (Xray vision) than Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { fixture, startFixtureServer, type FixtureServer } from '../../src/cli/https-fixture-server';
import { buildFirefox, launchFirefox } from './firefox';
import { readOverlayFirefox } from './overlay';
import type { OverlayState } from '../../src/cli/overlay-reader';

const HOSTS = ['claude.ai', 'example-chat.test'] as const;
const SWITCH = '[role="dialog"] button[role="switch"]';

let server: FixtureServer;
let browser: Browser;
let addonId = '';

beforeAll(async () => {
  const dist = await buildFirefox();
  server = await startFixtureServer({
    hosts: HOSTS,
    routes: {
      'claude.ai/new': fixture('claude-terms-grace-switch.html'),
      // The terms dialog inside the last of 2 000 closed shadow roots (?closed).
      'claude.ai/hostile/shadow': fixture('hostile-shadow-roots.html', { behaviour: false }),
      // A page that goes after our overlay.
      'claude.ai/hostile/overlay': fixture('hostile-overlay.html', { behaviour: false }),
      // The same dialog on a host the manifest does not match.
      'example-chat.test/': fixture('claude-terms-grace-switch.html'),
    },
  });
  browser = await launchFirefox({ hosts: HOSTS });
  addonId = await browser.installExtension(dist);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Seen {
  hosts: number;
  closed: boolean;
  attributes: string[];
  marks: Array<{ id: string; x: number; y: number; width: number; height: number; outline: string }>;
  callouts: string[];
  state: OverlayState;
  errors: string[];
}

/** Records errors that reach the page's main world, from before the page's first script. */
async function openRecorded(b: Browser, url: string): Promise<Page> {
  const page = await b.newPage();
  await page.evaluateOnNewDocument(() => {
    const errors: string[] = [];
    Object.defineProperty(window, '__errors', { value: errors });
    window.addEventListener('error', (e) => errors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
  });
  const res = await page.goto(url, { waitUntil: 'load' });
  expect(res?.status(), url).toBe(200);
  return page;
}

async function seen(page: Page): Promise<Seen> {
  const state = await readOverlayFirefox(browser, page);
  const errors = await page.evaluate(() => [...((window as unknown as { __errors?: string[] }).__errors ?? [])]);
  return {
    hosts: state.hosts,
    closed: state.closed,
    attributes: state.attributes,
    marks: state.marks.map((m) => ({ id: m.id, ...m.rect, outline: m.outline })),
    callouts: state.callouts.map((c) => c.text),
    state,
    errors,
  };
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

describe('Firefox ESR with dist-firefox/', () => {
  it('installs as a temporary add-on under its gecko id', () => {
    expect(addonId).toBe('consent-lens@consent-lens.dev');
  });

  it('outlines the pre-set switch in the Claude terms dialog on https://claude.ai', async () => {
    const page = await openRecorded(browser, server.url('claude.ai', '/new'));
    const state = await until(() => seen(page), (s) => s.marks.length > 0);
    expect(state.hosts, 'exactly one overlay host').toBe(1);
    expect(state.closed, 'the overlay host has a closed shadow root').toBe(true);
    expect(state.attributes, 'the overlay host has no attributes').toEqual([]);
    expect(state.marks).toHaveLength(1);
    // The constructed stylesheet reached the shadow root (Firefox content scripts see the page through Xrays).
    expect(state.marks[0]!.outline).toBe('solid');
    const target = await page.$eval(SWITCH, (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    const mark = state.marks[0]!;
    for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(mark[k] - target[k]), k).toBeLessThanOrEqual(2);
    expect(state.callouts[0]).toContain('Pre-set to ON');
    expect(state.callouts[0]).toMatch(/28×16 px switch/);
    expect(state.errors).toEqual([]);
    await page.close();
  });

  it('outlines the switch behind a closed shadow root, which the page’s own scripts cannot reach', async () => {
    const page = await openRecorded(browser, server.url('claude.ai', '/hostile/shadow?closed'));
    expect(await page.evaluate(() => [...document.querySelectorAll('chat-card')].filter((c) => c.shadowRoot).length)).toBe(0);
    const state = await until(() => seen(page), (s) => s.marks.length > 0, 20_000);
    expect(state.marks).toHaveLength(1);
    // The fixture's switch is 28×16 px; nothing else on the page has that size.
    expect(Math.round(state.marks[0]!.width)).toBe(28);
    expect(Math.round(state.marks[0]!.height)).toBe(16);
    expect(state.errors).toEqual([]);
    await page.close();
  });

  it('a page that goes after the overlay finds nothing of ours, cannot click it, and cannot take it away or restyle it', async () => {
    const page = await openRecorded(browser, server.url('claude.ai', '/hostile/overlay'));
    const attack = <T>(name: string, ...args: unknown[]): Promise<T> =>
      page.evaluate((n, a) => (window as unknown as { __hostile: Record<string, (...x: unknown[]) => unknown> }).__hostile[n]!(...a), name, args) as Promise<T>;
    const sw = (): Promise<string | null> => page.$eval('[data-hostile-training]', (el) => el.getAttribute('aria-checked'));
    const drawn = (s: Seen): boolean => s.hosts === 1 && s.marks.length === 1 && (s.callouts[0] ?? '').includes('Pre-set to ON') && s.attributes.length === 0;
    const before = await until(() => seen(page), drawn, 20_000);
    expect(drawn(before), JSON.stringify(before.state.read)).toBe(true);
    expect(before.closed).toBe(true);

    expect(await attack('search')).toEqual({ attributes: [], text: [], found: [], caught: [] });
    expect(await attack('reach')).toEqual([
      { tag: 'div', attributes: [], shadowRoot: null, attach: 'NotSupportedError', childNodes: 0, innerHTML: '', getHTML: '', text: '|' },
    ]);

    const sent = await attack<{ elements: number; points: number }>('barrage');
    expect(sent.elements).toBeGreaterThan(10);
    expect(sent.points, 'the page hit-tests the callout').toBeGreaterThan(10);
    await new Promise((r) => setTimeout(r, 600));
    expect(await sw(), 'synthetic events on everything left the switch alone').toBe('true');
    let now = await seen(page);
    expect(now.state.callouts.map((c) => [c.text, c.result])).toEqual([[before.callouts[0], '']]);

    expect(await attack('remove', 'remove')).toBe(true);
    now = await until(() => seen(page), drawn);
    expect(now.callouts).toEqual(before.callouts);

    await attack('restyle');
    await new Promise((r) => setTimeout(r, 300));
    expect(await attack('look')).toEqual([{ attributes: [], display: 'block', visibility: 'visible', opacity: '1', transform: 'none', before: 'none' }]);
    now = await until(() => seen(page), drawn);
    expect(now.state.callouts[0]!.rect).toEqual(before.state.callouts[0]!.rect);

    // The person's own click, with the real mouse (BiDi input actions), turns it off.
    const button = now.state.callouts[0]!.buttons.find((b) => b.action === 'turn-off')!;
    await page.mouse.click(button.rect.x + button.rect.width / 2, button.rect.y + button.rect.height / 2);
    expect(await until(sw, (v) => v === 'false')).toBe('false');
    now = await until(() => seen(page), (s) => s.state.callouts[0]?.result !== '');
    expect(now.state.callouts[0]!.result).not.toBe('');
    expect(now.errors).toEqual([]);
    await page.close();
  });

  it('asks the page’s server for nothing but the pages the test opened', () => {
    // Firefox's own favicon probe aside, a request here came from the page or from us (a
    // module-preload link, a fetch from the content script): the page is static.
    const opened = ['/new', '/', '/hostile/shadow?closed', '/hostile/overlay', '/favicon.ico'];
    const extra = server.log.filter((r) => !(r.method === 'GET' && opened.includes(r.path)));
    expect(server.log.some((r) => r.host === 'claude.ai' && r.path === '/new')).toBe(true);
    expect(extra).toEqual([]);
  });

  it('does not run on a host the manifest does not match', async () => {
    const page = await openRecorded(browser, server.url('example-chat.test', '/'));
    await new Promise((r) => setTimeout(r, 1000));
    const state = await seen(page);
    expect(state.hosts).toBe(0);
    expect(state.errors).toEqual([]);
    await page.close();
  });
});
