/**
 * The built extension (dist/, or E2E_DIST): the engine's word lists, and the findings' English
 * sentences and sources, are in the background's code and in none of the files a page can load
 * for the content script — the lists come with the rules (`content→background:get-rules`), the
 * sentences are written into each report the background receives. The source-level check is
 * test/unit/lexicon.test.ts; this one also catches a bundler putting either into a chunk the
 * content script shares.
 *
 * And the content script's shape: classic scripts with nothing to import, so that nothing of the
 * extension is web-accessible (a site could otherwise fetch a file to learn Consent Lens is there).
 */
import { describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { contentScriptGraph } from '../../bench/bytes';
import { DIST_DIR } from '../../src/cli/extension-browser';
import { WORDS } from '../../src/engine/lexicon-words';
import { HIDDEN_WHY, REFS } from '../../src/engine/findings-words';
import { CAPTURE_FILE, CONTENT_FILE } from '../../src/shared/content-files';

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

/** `file: marker` for every marker found in the built files. */
async function markersIn(files: readonly string[], markers: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    const code = await readFile(join(dist, file), 'utf8');
    for (const m of markers) if (code.includes(m)) found.push(`${file}: ${m}`);
  }
  return found;
}

describe('the word lists in the built extension', () => {
  it('are in none of the content script’s files, and all in the background’s', async () => {
    expect(MARKERS.length).toBeGreaterThan(40);
    const content = (await contentScriptGraph(dist)).map((c) => c.file);
    expect(content).toEqual([CONTENT_FILE, CAPTURE_FILE]);
    expect(await markersIn(content, MARKERS)).toEqual([]);

    const files = (await readdir(join(dist, 'assets'))).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
    const holders: string[] = [];
    for (const file of files) if ((await readFile(join(dist, file), 'utf8')).includes('weiterentwickl')) holders.push(file);
    expect(holders).toHaveLength(1);
    const background = await readFile(join(dist, holders[0]!), 'utf8');
    expect(MARKERS.filter((m) => !background.includes(m))).toEqual([]);
    expect(content).not.toContain(holders[0]);
  });
});

/** The background's own code: the chunk its service-worker loader imports. */
async function backgroundChunk(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8')) as { background: { service_worker: string } };
  const loader = await readFile(join(dist, manifest.background.service_worker), 'utf8');
  const entry = /import\s*['"]\.\/([^'"]+\.js)['"]/.exec(loader)?.[1];
  expect(entry, loader).toBeDefined();
  return entry!;
}

/** Every source, every reason's words, and the fixed words of each kind of sentence. */
const SENTENCE_MARKERS = [
  ...Object.values(REFS).flat(),
  ...Object.values(HIDDEN_WHY),
  'before you have chosen anything',
  'You cannot see the training',
  'the accessibility minimum for a target is',
  'Hard to see: ',
  'stands out from its background at only',
  'so you have to scroll to find it, while',
  'button outweighs the training',
  'speaks of helping or improving but does not say',
  'offers no way to close it or decide later',
  'button accepts the new terms and also saves the training setting',
];

describe('the findings\' sentences and sources in the built extension', () => {
  it('are in none of the content script’s files, and all in the background’s', async () => {
    expect(SENTENCE_MARKERS).toContain('CJEU C-673/17 (Planet49)');
    const content = (await contentScriptGraph(dist)).map((c) => c.file);
    expect(content).toEqual([CONTENT_FILE, CAPTURE_FILE]);
    expect(await markersIn(content, SENTENCE_MARKERS)).toEqual([]);

    const background = await backgroundChunk();
    expect(content).not.toContain(background);
    const code = await readFile(join(dist, background), 'utf8');
    expect(SENTENCE_MARKERS.filter((m) => !code.includes(m))).toEqual([]);
    // The same chunk the word lists are in (the test above).
    expect(code).toContain('weiterentwickl');
  });
});

describe('the content script in the built extension', () => {
  it('is one classic script with nothing to import, the capture code another, and nothing is web-accessible', async () => {
    const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8')) as {
      content_scripts?: { js?: string[]; matches?: string[] }[];
      web_accessible_resources?: unknown;
    };
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.content_scripts?.map((c) => c.js)).toEqual([[CONTENT_FILE]]);
    expect(manifest.content_scripts?.[0]?.matches).toContain('https://claude.ai/*');
    for (const file of [CONTENT_FILE, CAPTURE_FILE]) {
      const code = await readFile(join(dist, file), 'utf8');
      expect(code.startsWith('(function(){'), file).toBe(true);
      expect(code, file).not.toMatch(/\bimport\s*\(|^\s*import[\s{"']|\bexport\s*\{|getURL\(/m);
    }
    // The capture code is not in the script every page loads.
    const content = await readFile(join(dist, CONTENT_FILE), 'utf8');
    // The capture notice's stylesheet (src/content/capture-notice.ts) stands for the capture code.
    const notice = 'right: 16px !important; bottom: 16px !important;';
    expect(await readFile(join(dist, CAPTURE_FILE), 'utf8')).toContain(notice);
    expect(content).not.toContain(notice);
  });
});
