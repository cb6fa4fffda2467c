/**
 * The findings' words, on every committed fixture in real Chromium: the engine as the content
 * script runs it (no `wordFindings`: every finding with `message: ''` and `refs: []`), worded
 * afterwards as the background words the report it receives, is the report the CLI makes (worded
 * in the page) — every sentence, source and number — but for the scan's time and duration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectations } from './expectations';
import { openLab, pageBundle, scanFixture, type Lab } from '../helpers/browser';
import { wordFindings } from '../../src/engine/findings-words';
import type { Report } from '../../src/engine/types';

/** The engine without the words, as the content script has it (plus the deadline reader, which the CLI's scan has). */
const UNWORDED_ENTRY = `
import { BUILTIN_LEXICON } from './src/engine/lexicon-builtin';
import { scan } from './src/engine/scan';
import { findDeadline } from './src/engine/deadline';
import { BUILTIN_RULES } from './src/rules';
globalThis.__unworded = (target) => scan(document, { rules: BUILTIN_RULES, lexicon: BUILTIN_LEXICON, target, readDeadline: findDeadline }).report;
`;

let lab: Lab;
let unworded: string;
beforeAll(async () => {
  lab = await openLab();
  unworded = await pageBundle(UNWORDED_ENTRY);
});
afterAll(async () => {
  await lab?.close();
});

/** The kinds of finding compared over all the fixtures. */
const compared = new Set<string>();
const timeless = (r: Report): Report => ({ ...r, scannedAt: '', engine: { ...r.engine, ms: 0 } });

describe.each(expectations.map((e) => e.file))('%s', (file) => {
  it('worded after the scan, as the background does, is the report worded in the page', async () => {
    const { report: cli, page } = await scanFixture(lab, file);
    try {
      await page.evaluate(unworded);
      const plain = await page.evaluate((t) => (globalThis as unknown as { __unworded(t: string): Report }).__unworded(t), file);
      const findings = [...plain.controls, ...plain.surfaces].flatMap((x) => x.findings);
      for (const f of findings) expect({ message: f.message, refs: f.refs }).toEqual({ message: '', refs: [] });
      // Through JSON, as Chrome carries a content script's message.
      const worded = wordFindings(JSON.parse(JSON.stringify(plain)) as Report);
      expect(timeless(worded)).toEqual(timeless(cli));
      for (const f of findings) compared.add(f.id);
    } finally {
      await page.close();
    }
  });
});

describe('over all the fixtures', () => {
  it('the findings compared were of every kind', () => {
    expect([...compared].sort()).toEqual(['bundled-consent', 'false-hierarchy', 'forced-choice', 'hidden', 'low-contrast', 'out-of-view', 'preselected', 'small-target', 'vague-label']);
  });
});
