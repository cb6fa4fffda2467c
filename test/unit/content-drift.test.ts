/**
 * Whose change was it (src/content/drift.ts): a training control's change is the person's only
 * after a trusted input of theirs reached it (or its label) since the state seen before, or
 * while our own Turn off acted; anything else is the page's — hydration, a server push, an SPA
 * route that reuses the label — and makes the report say so (`changedInPage` false), so the
 * background judges it as drift. The `isTrusted` check itself is the listener's (index.ts),
 * proved end to end in test/e2e/drift-in-page.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createDriftTracker, type Seen } from '../../src/content/drift';

function world() {
  const label = Object.assign(document.createElement('label'), { id: 'l' });
  const text = Object.assign(document.createElement('span'), { id: 't', textContent: 'Help improve' });
  const box = Object.assign(document.createElement('input'), { id: 'c', type: 'checkbox' });
  label.append(text, box);
  document.body.replaceChildren(label, Object.assign(document.createElement('button'), { id: 'other', textContent: 'Other' }));
  const el = (id: string): Element => document.getElementById(id)!;
  const seen = (state: Seen['state']): Seen[] => [{ key: 'checkbox|Help improve', state, reach: [el('c'), el('l')] }];
  /** A composed path as the browser gives it: the target and its ancestors. */
  const path = (id: string): EventTarget[] => {
    const out: EventTarget[] = [];
    for (let n: Element | null = el(id); n; n = n.parentElement) out.push(n);
    return [...out, document, window];
  };
  return { d: createDriftTracker(), seen, path };
}

describe('whose change was it', () => {
  it('a change with no input of the person\'s is the page\'s', () => {
    const { d, seen } = world();
    expect(d.scan(seen('off'), 10)).toBe(false);
    expect(d.scan(seen('on'), 20)).toBe(false);
  });

  it('a change after the person clicked the control, or its label, is theirs', () => {
    for (const target of ['c', 't']) {
      const { d, seen, path } = world();
      d.scan(seen('off'), 10);
      d.input(path(target), 15);
      expect(d.scan(seen('on'), 20), target).toBe(true);
      // Still theirs on the next scans, while nothing else changes.
      expect(d.scan(seen('on'), 30), target).toBe(true);
    }
  });

  it('a click elsewhere, or one before the state seen, does not make it theirs', () => {
    const { d, seen, path } = world();
    d.input(path('c'), 5);
    d.scan(seen('off'), 10);
    d.input(path('other'), 15);
    expect(d.scan(seen('on'), 20)).toBe(false);
  });

  it('the page flipping it back after the person\'s change is the page\'s again', () => {
    const { d, seen, path } = world();
    d.scan(seen('off'), 10);
    d.input(path('c'), 15);
    expect(d.scan(seen('on'), 20)).toBe(true);
    expect(d.scan(seen('off'), 30)).toBe(false);
  });

  it('a change while our Turn off acts, or after it took, is ours; after one that did not, the page\'s', () => {
    const { d, seen } = world();
    d.scan(seen('on'), 10);
    d.acting('checkbox|Help improve', true);
    expect(d.scan(seen('off'), 20)).toBe(true);
    d.acting('checkbox|Help improve', false);
    d.ours('checkbox|Help improve', 'off', 25);
    expect(d.scan(seen('off'), 30)).toBe(true);
    // Later, with nothing of ours or theirs, the page turns it on: the page's.
    expect(d.scan(seen('on'), 40)).toBe(false);
  });

  it('a first sight is nobody\'s change', () => {
    const { d, seen } = world();
    expect(d.scan(seen('on'), 10)).toBe(false);
  });
});
