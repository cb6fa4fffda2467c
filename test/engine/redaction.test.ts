/**
 * Redaction where it needs layout: the content script's capture session (src/content/
 * capture-session.ts, with the real engine scan and src/content/redact.ts) in real Chromium, on
 * test/fixtures/redaction-lookalikes.html. What is checked is what the background would paint:
 * the regions the prepare step answers, against the boxes of words in the page.
 *
 * - an account name is masked as a whole word ("Al"), never inside a longer one ("Allow"), for
 *   one-word, two- and three-letter, hyphenated, accented and CJK names;
 * - nothing is painted over the consent dialog, although the page put an avatar-like badge and
 *   a name-like text inside it;
 * - the search has a budget: past it, the answer says the redaction is incomplete;
 * - the texts the background copies into the record (the tab's URL, the deadline) come back
 *   scrubbed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixtureUrl, openLab, pageBundle, type Lab } from '../helpers/browser';
import type { CapturePrepared } from '../../src/shared/messages';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

let lab: Lab;
let page: Page;
let bundle = '';

beforeAll(async () => {
  bundle = await pageBundle(`import { BUILTIN_LEXICON } from './src/engine/lexicon-builtin';
import { scan } from './src/engine/scan';
import { BUILTIN_RULES } from './src/rules';
import { createCaptureSession } from './src/content/capture-session';
globalThis.__redaction = { prepare: (copied) => {
  const overlayHost = document.createElement('div');
  document.body.append(overlayHost);
  const session = createCaptureSession({ scanNow: () => scan(document, { rules: BUILTIN_RULES, lexicon: BUILTIN_LEXICON }), overlayHost, hideOverlay: () => {} });
  return session.handle({ type: 'background→content:capture-prepare', redact: true, copied }).finally(() => session.handle({ type: 'background→content:capture-restore' }));
} };`);
  lab = await openLab();
  page = await lab.context.newPage();
});

afterAll(async () => lab?.close());

interface Setup {
  /** The account's name, as the sidebar shows it. */
  name: string;
  /** A sentence outside the dialog with words that begin like the name (or hold it). */
  lookalikes: string;
  /** The same, inside the dialog. */
  dialogLookalikes?: string;
  /** Extra text nodes to add at the end of the page (for the budget). */
  filler?: number;
}

/** Loads the fixture with the texts in place, and runs the prepare step as the background asks it. */
async function prepared(setup: Setup, copied = { url: 'https://claude.ai/new', deadline: null as string | null }): Promise<CapturePrepared> {
  await page.goto(fixtureUrl('redaction-lookalikes.html'));
  await page.evaluate((s) => {
    const set = (id: string, text: string): void => {
      document.getElementById(id)!.textContent = text;
    };
    set('account-name', s.name);
    set('greeting', `Good morning, ${s.name}`);
    set('outside', `${s.name} wrote the first draft.`);
    set('lookalikes', s.lookalikes);
    set('dialog-lookalikes', s.dialogLookalikes ?? s.lookalikes);
    if (s.filler) {
      const box = document.createElement('div');
      box.style.display = 'none';
      for (let i = 0; i < s.filler; i++) box.append(document.createElement('i'), document.createTextNode('filler'));
      document.body.append(box);
    }
  }, setup);
  return prepareHere(copied);
}

/** The prepare step on the page as it is. */
async function prepareHere(copied = { url: 'https://claude.ai/new', deadline: null as string | null }): Promise<CapturePrepared> {
  await page.addScriptTag({ content: bundle });
  return page.evaluate((c) => (globalThis as unknown as { __redaction: { prepare(c: unknown): Promise<CapturePrepared> } }).__redaction.prepare(c), copied);
}

/** The viewport box of the first (or the last) occurrence of `word` in the text of element `id`. */
function wordRect(id: string, word: string, last = false): Promise<Rect> {
  return page.evaluate(
    ({ id, word, last }) => {
      const el = document.getElementById(id)!;
      const text = el.firstChild as Text;
      const at = last ? text.data.lastIndexOf(word) : text.data.indexOf(word);
      if (at < 0) throw new Error(`"${word}" is not in #${id}`);
      const r = document.createRange();
      r.setStart(text, at);
      r.setEnd(text, at + word.length);
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    },
    { id, word, last },
  );
}

function boxOf(selector: string): Promise<Rect> {
  return page.locator(selector).evaluate((el) => {
    const b = el.getBoundingClientRect();
    return { x: b.x, y: b.y, width: b.width, height: b.height };
  });
}

/** redact.ts's budget of text nodes (the page has a few dozen besides the filler). */
const TEXT_BUDGET = 60_000;

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** Share of `r` under some region. */
function covered(r: Rect, regions: readonly Rect[]): number {
  return regions.reduce((sum, m) => sum + overlap(r, m), 0) / (r.width * r.height);
}

/** The part of a word's box strictly inside it (a neighbour's padded mask may reach its edge). */
const core = (r: Rect): Rect => ({ x: r.x + 3, y: r.y + 3, width: Math.max(1, r.width - 6), height: Math.max(1, r.height - 6) });

describe('redaction in the page', () => {
  // In each sentence the last occurrence of the name is the name itself, as a word.
  const cases: Array<{ name: string; lookalikes: string; misses: string[] }> = [
    { name: 'Al', lookalikes: 'Allow Alan, Also small Sal: Al.', misses: ['Allow', 'Alan', 'Also', 'small', 'Sal'] },
    { name: 'Eve', lookalikes: 'Every Steve Evelyn (Eve) eve2', misses: ['Every', 'Steve', 'Evelyn', 'eve2'] },
    { name: 'Dan', lookalikes: 'Danger Jordan Dana Dan’s', misses: ['Danger', 'Jordan', 'Dana'] },
    { name: 'Jean-Luc', lookalikes: 'Jean-Lucas and Jean-Luc’s', misses: ['Jean-Lucas'] },
    { name: 'Zoë', lookalikes: 'Zoëlle Zoë', misses: ['Zoëlle'] },
    // Written without spaces between words: the name is found inside the sentence as it is.
    { name: '田中太郎', lookalikes: 'こんにちは田中太郎さん、田中さん', misses: ['田中さん'] },
  ];

  it.each(cases)('masks $name as a whole word, not the words that begin like it, and nothing on the dialog', async ({ name, lookalikes, misses }) => {
    // In the dialog, only the words that begin like the name.
    const answer = await prepared({ name, lookalikes, dialogLookalikes: misses.join(' ') });
    const names = answer.regions.filter((r) => r.kind === 'name');
    expect(covered(core(await wordRect('account-name', name)), names), 'the account name is masked').toBeGreaterThan(0.99);
    expect(covered(core(await wordRect('outside', name)), names), 'the name in a sentence is masked').toBeGreaterThan(0.99);
    expect(covered(core(await wordRect('lookalikes', name, true)), names), `“${name}” among the lookalikes is masked`).toBeGreaterThan(0.99);
    for (const miss of misses) {
      expect(covered(core(await wordRect('lookalikes', miss)), answer.regions), `“${miss}” is not masked`).toBe(0);
      expect(answer.domExcerpt, `“${miss}” stays in the excerpt`).toContain(miss);
    }
    // The dialog holds no text of the account: nothing at all is painted on it.
    const dialog = await boxOf('#dialog');
    expect(answer.regions.filter((r) => overlap(r, dialog) > 0)).toEqual([]);
    // The report and the excerpt keep the words that only begin like the name.
    expect(answer.domExcerpt).toContain('Allow the use of your chats');
    expect(answer.report.controls.find((c) => c.purpose === 'ai-training')?.description ?? '').toContain('Allow the use');
    expect(answer.redactionComplete).toBe(true);
  });

  it('paints nothing over the dialog although the page put an avatar-like badge and a name-like text in it, and takes neither for the account', async () => {
    const answer = await prepared({ name: 'Alex Rivera', lookalikes: 'Alex Rivera wrote it.', dialogLookalikes: 'Allow Training is what this dialog asks for.' });
    const dialog = await boxOf('#dialog');
    expect(answer.regions.some((r) => r.kind === 'avatar'), 'the sidebar avatar is masked').toBe(true);
    expect(answer.regions.filter((r) => overlap(r, dialog) > 0)).toEqual([]);
    // "Allow Training" (beside the dialog's badge "AT") is no account name: not taken out of the texts either.
    expect(answer.domExcerpt).toContain('<span id="dialog-name">Allow Training</span>');
    expect(answer.domExcerpt).toContain('Allow Training is what this dialog asks for.');
    expect(answer.domExcerpt).toContain('class="badge user-avatar" id="dialog-badge">AT</span>');
  });

  it('in the dialog, masks an email address and a full name of more than one word as written, and not a one-word name (a word of the dialog too)', async () => {
    const will = await prepared({ name: 'Will', lookalikes: 'Willow and Will.', dialogLookalikes: 'We will use your chats. Will you allow it?' });
    expect(covered(core(await wordRect('outside', 'Will')), will.regions), 'outside the dialog, “Will” is masked').toBeGreaterThan(0.99);
    const dialog = await boxOf('#dialog');
    expect(will.regions.filter((r) => overlap(r, dialog) > 0), 'nothing on the dialog').toEqual([]);

    const alex = await prepared({ name: 'Alex Rivera', lookalikes: 'x', dialogLookalikes: 'Signed in as Alex Rivera (alex.rivera@example.com), not alex rivera.' });
    const names = alex.regions.filter((r) => r.kind === 'name');
    const emails = alex.regions.filter((r) => r.kind === 'email');
    expect(covered(core(await wordRect('dialog-lookalikes', 'Alex Rivera')), names)).toBeGreaterThan(0.99);
    expect(covered(core(await wordRect('dialog-lookalikes', 'alex.rivera@example.com')), emails)).toBeGreaterThan(0.99);
    expect(covered(core(await wordRect('dialog-lookalikes', 'alex rivera')), alex.regions), 'not in another case').toBe(0);
    expect(covered(core(await wordRect('dialog-lookalikes', 'Signed in as')), alex.regions)).toBe(0);
  });

  it('on ChatGPT’s settings dialog, does not take the person icon of its Account tab for an avatar: the sidebar’s badge is masked, nothing on the dialog', async () => {
    await page.goto(fixtureUrl('chatgpt-data-controls.html'));
    const answer = await prepareHere({ url: 'https://chatgpt.com/#settings/DataControls', deadline: null });
    const dialog = await boxOf('[role="dialog"]');
    const badge = await boxOf('nav .rounded-full');
    expect(covered(badge, answer.regions.filter((r) => r.kind === 'avatar'))).toBeGreaterThan(0.99);
    expect(answer.regions.filter((r) => overlap(r, dialog) > 0)).toEqual([]);
  });

  it('says the redaction is incomplete when its text budget runs out, and complete just below it', async () => {
    const few = await prepared({ name: 'Alex Rivera', lookalikes: 'x', filler: 1000 });
    expect(few.redactionComplete).toBe(true);
    const many = await prepared({ name: 'Alex Rivera', lookalikes: 'x', filler: TEXT_BUDGET });
    expect(many.redactionComplete).toBe(false);
  });

  it('scrubs the texts the background copies into the record: the tab’s URL after its origin, and the deadline', async () => {
    const answer = await prepared(
      { name: 'Al', lookalikes: 'Allow' },
      { url: 'https://claude.ai/u/Al/settings?who=Al&also=Allow', deadline: 'Al, decide by October 8, 2025. Allow time.' },
    );
    expect(answer.copied).toEqual({ url: 'https://claude.ai/u/[redacted]/settings?who=[redacted]&also=Allow', deadline: '[redacted], decide by October 8, 2025. Allow time.' });
  });
});
