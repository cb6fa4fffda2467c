/**
 * The built extension (dist/, or E2E_DIST): the engine's word lists are in the background's
 * code and in none of the files a page can load for the content script — they come with the
 * rules (`content→background:get-rules`). The source-level check is test/unit/lexicon.test.ts;
 * this one also catches a bundler putting the lists into a chunk the content script shares.
 */
import { describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { contentScriptGraph } from '../../bench/bytes';
import { DIST_DIR } from '../../src/cli/extension-browser';
import { WORDS } from '../../src/engine/lexicon-words';

const dist = resolve(process.env.E2E_DIST ?? DIST_DIR);

/**
 * The fragments in Japanese or Korean (three characters or more, no regular-expression syntax):
 * the content script has no such text of its own (its words come from _locales at run time), so
 * finding one in its code means a list came with it. And one German stem, as a spot check.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const MARKERS = [
  ...Object.values(WORDS)
    .flatMap((list: Record<string, string[]>) => Object.values(list).flat())
    .filter((f) => [...f].length >= 3 && CJK.test(f) && !/[\\()[\]?*+|{}.^$]/.test(f)),
  'weiterentwickl',
];

describe('the word lists in the built extension', () => {
  it('are in none of the content script’s files, and all in the background’s', async () => {
    expect(MARKERS.length).toBeGreaterThan(40);
    const content = (await contentScriptGraph(dist)).map((c) => c.file);
    expect(content.length).toBeGreaterThan(2);
    const found: string[] = [];
    for (const file of content) {
      const code = await readFile(join(dist, file), 'utf8');
      for (const m of MARKERS) if (code.includes(m)) found.push(`${file}: ${m}`);
    }
    expect(found).toEqual([]);

    const files = (await readdir(join(dist, 'assets'))).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
    const holders: string[] = [];
    for (const file of files) if ((await readFile(join(dist, file), 'utf8')).includes('weiterentwickl')) holders.push(file);
    expect(holders).toHaveLength(1);
    const background = await readFile(join(dist, holders[0]!), 'utf8');
    expect(MARKERS.filter((m) => !background.includes(m))).toEqual([]);
    expect(content).not.toContain(holders[0]);
  });
});
