/**
 * How the content script starts (src/content/index.ts, in happy-dom with a fake `chrome`): it
 * asks the background once for the rules and the word lists, scans with them, and without
 * usable words it does not scan at all — it stops quietly, as when the extension is reloaded
 * under it. Each test loads the script into a fresh module registry; the lexicon the scan is
 * given is the one the script compiled from the reply.
 *
 * happy-dom cannot run the real scan (it rejects the engine's selectors), so the engine's scan
 * is replaced by one that records what it was given and what the script's own lexicon says of
 * the page's text. The real scan with words from the background is the e2e tests' (dist/).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORDS } from '../../src/engine/lexicon-words';
import type { Report } from '../../src/engine/types';
import type { Lexicon } from '../../src/engine/lexicon';
import type { Rule } from '../../src/rules/schema';
import { BUILTIN_RULES } from '../../src/rules';

const TEXT = 'You can help improve Claude: allow the use of your chats to train our AI models.';

interface World {
  sent: Array<{ type: string; report?: Report }>;
  listeners: number;
  /** The pending first-scan callback (requestIdleCallback). */
  idle: Array<() => void>;
  /** Each scan: the rule ids it was given, and whether the script's TRAIN matched the page's text. */
  scans: Array<{ rules: string[]; train: boolean }>;
}

/** A `chrome` whose runtime answers get-rules with `reply` (or rejects with it, when an Error). */
function fakeChrome(reply: unknown, world: World): void {
  vi.stubGlobal('chrome', {
    runtime: {
      id: 'consent-lens-test',
      sendMessage: (m: { type: string }) => {
        world.sent.push(m);
        if (m.type !== 'content→background:get-rules') return Promise.resolve(undefined);
        return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(structuredClone(reply));
      },
      onMessage: { addListener: () => void world.listeners++, removeListener: () => void world.listeners-- },
    },
    i18n: { getMessage: () => '' },
  });
  vi.stubGlobal('requestIdleCallback', (fn: () => void) => world.idle.push(fn));
}

/** Loads the content script, lets its question be answered and its first idle moment come. */
async function start(reply: unknown): Promise<World> {
  const world: World = { sent: [], listeners: 0, idle: [], scans: [] };
  fakeChrome(reply, world);
  vi.resetModules();
  vi.doMock('../../src/engine/scan', async () => {
    return {
      // The lexicon is what the script compiled from the reply and passed in (it has none of its own).
      scan: (doc: Document, opts: { rules: readonly Rule[]; lexicon: Lexicon }) => {
        const train = opts.lexicon.TRAIN.test(doc.body.textContent ?? '');
        world.scans.push({ rules: opts.rules.map((r) => r.id), train });
        const report = { url: doc.URL, controls: [], surfaces: [], deadline: null } as unknown as Report;
        return { report, elements: new Map(), targets: new Map(), roots: [doc], texts: [] };
      },
    };
  });
  await import('../../src/content/index');
  expect(world.sent[0]).toEqual({ type: 'content→background:get-rules' });
  expect(world.listeners).toBe(1);
  await new Promise((r) => setTimeout(r, 0));
  for (const fn of world.idle.splice(0)) fn();
  await new Promise((r) => setTimeout(r, 0));
  return world;
}

const reports = (w: World): number => w.sent.filter((m) => m.type === 'content→background:report').length;

beforeEach(() => {
  const p = document.createElement('p');
  p.textContent = TEXT;
  document.body.replaceChildren(p);
});

afterEach(() => {
  vi.doUnmock('../../src/engine/scan');
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('the content script at start', () => {
  it('scans with the words and the rules the background sends, once they are in', async () => {
    const rule = { ...BUILTIN_RULES.find((r) => r.id === 'claude')!, id: 'mine', hosts: ['mine.example'] };
    const w = await start({ rules: [rule], words: WORDS });
    expect(w.scans).toEqual([{ rules: ['mine'], train: true }]);
    expect(reports(w)).toBe(1);
    expect(w.listeners, 'still listening').toBe(1);
  });

  it('sends a report again when the background did not say it received it (a worker stopped in the middle)', async () => {
    // The fake background answers reports with nothing, as Chrome does for a worker that stopped.
    const w = await start({ rules: [], words: WORDS });
    const first = reports(w);
    await new Promise((r) => setTimeout(r, 1300));
    expect(reports(w)).toBeGreaterThan(first);
  });

  it('sends its report again when the page comes back from the back/forward cache, not on an ordinary pageshow', async () => {
    const w = await start({ rules: [], words: WORDS });
    expect(reports(w)).toBe(1);
    // happy-dom's PageTransitionEvent has no `persisted`: the event is made as the browser's is.
    const pageshow = (persisted: boolean): Event => Object.assign(new Event('pageshow'), { persisted });
    // (Scripts loaded by the tests before this one still listen on the same window: count what is added.)
    const before = reports(w);
    window.dispatchEvent(pageshow(false));
    expect(reports(w)).toBe(before);
    window.dispatchEvent(pageshow(true));
    expect(reports(w)).toBeGreaterThan(before);
  });

  it('its expressions are the reply’s words, not words of its own', async () => {
    const w = await start({ rules: [], words: { ...structuredClone(WORDS), TRAIN: { latin: ['nothing-like-this'], cjk: [] } } });
    expect(w.scans).toEqual([{ rules: [], train: false }]);
  });

  for (const [what, reply] of [
    ['no reply', undefined],
    ['a reply without words (the old format: the rules alone)', BUILTIN_RULES],
    ['word lists of the wrong shape', { rules: [], words: { ...structuredClone(WORDS), TRAIN: { latin: 'train' } } }],
    ['a word list that does not compile', { rules: [], words: { ...structuredClone(WORDS), TURN_ON: { whole: ['turn on('] } } }],
    ['a rejected question (the extension went away)', new Error('Extension context invalidated.')],
  ] as const) {
    it(`does not scan, and stops quietly, on ${what}`, async () => {
      const w = await start(reply);
      expect(w.scans).toEqual([]);
      expect(reports(w)).toBe(0);
      expect(w.listeners, 'it stopped listening').toBe(0);
      // The page keeps changing: still nothing is scanned or sent.
      document.body.append(document.createElement('dialog'));
      await new Promise((r) => setTimeout(r, 50));
      expect(w.scans).toEqual([]);
      expect(reports(w)).toBe(0);
    });
  }
});
