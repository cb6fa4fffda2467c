/**
 * The general heuristics stand alone (issue: detection that generalises): every fixture and
 * every corpus page gives the same AI-training controls, with the same states, with and without
 * the service rules — but for the controls a rule's phrase names whose own words name no
 * training at all ("Help improve Claude"): that, the service id, the deadline and the settings
 * link are all a rule adds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, openLab, type Lab } from '../helpers/browser';
import { engineBundle } from '../../src/cli/bundle';
import { scanPage } from '../../src/cli/run';
import { speaksOfTraining } from '../../src/engine/purpose';
import { BUILTIN_LEXICON } from '../../src/engine/lexicon-builtin';
import type { Report } from '../../src/engine/types';

const CORPUS = resolve(import.meta.dirname, '../corpus');
const pages = [
  // The hostile pages test robustness (several refuse an audit on purpose), not detection.
  ...readdirSync(FIXTURES).filter((f) => f.endsWith('.html') && !f.startsWith('hostile-')).map((f) => join(FIXTURES, f)),
  ...(existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.html')).map((f) => join(CORPUS, f)) : []),
];

let lab: Lab;
let bundle: string;
beforeAll(async () => {
  lab = await openLab();
  bundle = await engineBundle();
});
afterAll(async () => {
  await lab?.close();
});

const training = (r: Report, keep: (label: string, description: string) => boolean): string[] =>
  r.controls.filter((c) => c.purpose === 'ai-training' && keep(c.label, c.description)).map((c) => `${c.label} = ${c.state}`);

describe.each(pages.map((p) => [p.slice(p.lastIndexOf('/') + 1), p]))('%s', (_name, path) => {
  it('the same training controls and states without rules, but for rule-only names', async () => {
    const page = await lab.context.newPage();
    try {
      await page.goto(pathToFileURL(path).href);
      const withRules = await scanPage(page, bundle, path, 200);
      const without = await scanPage(page, bundle, path, 0, true);
      expect(without.service).toBeNull();
      const named = (l: string, d: string): boolean => speaksOfTraining(`${l}. ${d}`, BUILTIN_LEXICON);
      // Everything the general heuristics find with the rules, they find without them.
      expect(training(without, () => true)).toEqual(training(withRules, named));
    } finally {
      await page.close();
    }
  });
});
