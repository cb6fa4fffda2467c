/**
 * The engine's word lists as data (src/engine/lexicon-words.ts) and their compiled form
 * (src/engine/lexicon.ts): `compileWords` turns lists into a `Lexicon` value or refuses what is
 * not word lists or does not compile; the engine keeps no words of its own, so a scan given none
 * is an error, never a clean report; and the content script never imports the lists (it gets
 * them from the background) — nor the findings' English sentences (src/engine/findings-words.ts:
 * the background words the reports it receives).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import * as lexicon from '../../src/engine/lexicon';
import { compileWords, isLexicon, isLexiconWords, type Lexicon } from '../../src/engine/lexicon';
import { BUILTIN_LEXICON } from '../../src/engine/lexicon-builtin';
import { WORDS, type LexiconWords } from '../../src/engine/lexicon-words';
import { classifyPurpose } from '../../src/engine/purpose';
import { NO_WORDS, scan } from '../../src/engine/scan';
import { BUILTIN_RULES } from '../../src/rules';

const KEYS = Object.keys(WORDS) as Array<keyof LexiconWords>;
/** Texts an empty lexicon must not match, and at least one expression matches with the words. */
const SAMPLES = ['', ' ', 'a', 'Help improve Claude', 'Allow your chats to be used to train our AI models', 'Turn off', 'Einstellungen', '学習', 'On'];

const clone = (): LexiconWords => structuredClone(WORDS);

describe('the built-in lexicon', () => {
  it('compiled every list of WORDS into its expression', () => {
    expect(KEYS).toHaveLength(24);
    for (const k of KEYS) {
      const re = BUILTIN_LEXICON[k];
      expect(re, k).toBeInstanceOf(RegExp);
      expect(re.source, `${k} matches nothing`).not.toBe('(?!)');
      expect(re.flags, k).toBe('iu');
    }
    expect(Object.isFrozen(BUILTIN_LEXICON)).toBe(true);
  });

  it('each expression matches a word of its own list', () => {
    const one: Record<keyof LexiconWords, string> = {
      TRAIN: 'trained', IMPROVE: 'Weiterentwicklung', AI_MODEL: 'modèles', USER_DATA: 'your chats', ML_OPS: 'training loss', NOT_USED: 'is not used to train models', DATA: 'Daten',
      MODEL: 'llm', NOTIFY: '通知', BENEFIT: 'aidez', CONSEQUENCE: 'years', TERMS_UPDATE: 'privacy policy', UPDATE: 'in vigore',
      SETTINGS_TITLE: 'Instellingen', ACCEPT: 'I agree', DISMISS: '나중에', DEFER: 'Remind me later', OFF_MARKER: "don't allow",
      ON_MARKER: 'allow', OFF_WORD: 'Aus', ON_WORD: 'An', OBJECT: 'right to object', TURN_OFF: 'Turn off', TURN_ON: 'オンにする',
    };
    for (const k of KEYS) expect(BUILTIN_LEXICON[k].test(one[k]), k).toBe(true);
    // The guards are still there: a word inside another word is not that word.
    expect(BUILTIN_LEXICON.TRAIN.test('restraint')).toBe(false);
    expect(BUILTIN_LEXICON.TURN_OFF.test('Turn off notifications')).toBe(false);
    // A state word stands alone: the German "an" is not the English article.
    expect(BUILTIN_LEXICON.ON_WORD.test('Allow an AI to learn from your chats')).toBe(false);
    expect(BUILTIN_LEXICON.ON_MARKER.test('Send an email')).toBe(false);
  });
});

describe('the engine holds no words of its own', () => {
  it('the lexicon module exports no expression (nothing is module state)', () => {
    for (const k of KEYS) expect(k in lexicon, k).toBe(false);
  });

  it('a scan given no words throws, rather than report a page with no training control', () => {
    const sw = Object.assign(document.createElement('button'), { textContent: 'Allow your chats to be used to train our AI models' });
    sw.setAttribute('role', 'switch');
    sw.setAttribute('aria-checked', 'true');
    document.body.replaceChildren(sw);
    expect(() => scan(document, { rules: BUILTIN_RULES } as never)).toThrow(NO_WORDS);
    expect(() => scan(document, { rules: BUILTIN_RULES, lexicon: {} as Lexicon })).toThrow(NO_WORDS);
    expect(() => scan(document, { rules: BUILTIN_RULES, lexicon: WORDS as never })).toThrow(NO_WORDS);
    document.body.replaceChildren();
  });

  it('two lexicons side by side: each call classifies with the one it is given', () => {
    const other = clone();
    other.TRAIN.latin = ['nothing-like-this'];
    other.IMPROVE.latin = [];
    const plain = compileWords(other)!;
    const text = 'Allow your chats to be used to train our AI models';
    expect(classifyPurpose(text, '', [], BUILTIN_LEXICON)).toBe('ai-training');
    expect(classifyPurpose(text, '', [], plain)).toBe('other');
    expect(classifyPurpose(text, '', [], BUILTIN_LEXICON)).toBe('ai-training');
  });
});

describe('compileWords refuses', () => {
  it('what is not word lists', () => {
    const missing: Partial<LexiconWords> = clone();
    delete missing.TRAIN;
    for (const words of [
      undefined,
      null,
      'TRAIN',
      [],
      {},
      missing,
      { ...clone(), TRAIN: null },
      { ...clone(), TRAIN: { latin: ['train'] } },
      { ...clone(), TRAIN: { latin: ['train'], cjk: '学習' } },
      { ...clone(), TRAIN: { latin: ['train', 7], cjk: [] } },
      { ...clone(), TRAIN: { whole: ['train'] } },
      { ...clone(), TURN_OFF: { latin: ['turn off'], cjk: [] } },
    ]) {
      expect(isLexiconWords(words), JSON.stringify(words)?.slice(0, 80)).toBe(false);
      expect(compileWords(words)).toBeNull();
    }
  });

  it('a fragment that does not compile, on its own or with the others', () => {
    for (const bad of ['train(', '[a-', '\\', 'a{2,1}', '\\k<nope>']) {
      const words = clone();
      words.TRAIN.latin.push(bad);
      expect(isLexiconWords(words)).toBe(true);
      expect(compileWords(words)).toBeNull();
    }
    const turnOff = clone();
    turnOff.TURN_OFF.whole.push('a)|(?:');
    expect(compileWords(turnOff)).toBeNull();
  });

  it('a fragment that compiles only by closing the group it is put in (it would match everything)', () => {
    const words = clone();
    words.CONSEQUENCE.latin.push('x)|(?:');
    expect(() => new RegExp(`(?:${words.CONSEQUENCE.latin.join('|')})`, 'iu')).not.toThrow();
    expect(compileWords(words)).toBeNull();
  });
});

describe('compileWords takes', () => {
  it('the built-in lists as the background sends them (a structured clone), and extra keys', () => {
    const lex = compileWords({ ...clone(), SOMETHING_NEW: { latin: ['x'], cjk: [] } });
    expect(lex && isLexicon(lex)).toBe(true);
    for (const k of KEYS) expect(lex![k].source, k).toBe(BUILTIN_LEXICON[k].source);
  });

  it('empty lists, which match nothing (not everything)', () => {
    const empty = Object.fromEntries(KEYS.map((k) => [k, 'whole' in WORDS[k] ? { whole: [] } : { latin: [], cjk: [] }]));
    const lex = compileWords(empty)!;
    for (const k of KEYS) for (const t of SAMPLES) expect(lex[k].test(t), `${k} on "${t}"`).toBe(false);
    const latinOnly = clone();
    latinOnly.MODEL.cjk = [];
    const l2 = compileWords(latinOnly)!;
    expect(l2.MODEL.test('models')).toBe(true);
    expect(l2.MODEL.test('モデル')).toBe(false);
  });
});

// ── the content script does not carry the lists, nor the findings' English ─────────────────
const ROOT = resolve(import.meta.dirname, '../..');
/**
 * What the background gives the content script or does for it: the word lists (sent with the
 * rules), and the findings' English sentences and sources (written into every report it
 * receives), with the way they write a size (px.ts).
 */
const FORBIDDEN = ['src/engine/lexicon-words.ts', 'src/engine/lexicon-builtin.ts', 'src/engine/findings-words.ts', 'src/engine/px.ts'];

/**
 * The relative imports that load code: static imports and re-exports, side-effect imports and
 * dynamic `import()`. `import type` / `export type` are left out (erased at build; under
 * verbatimModuleSyntax `import { type X }` is not, so it counts). A query (`./overlay.css?inline`)
 * names the file before it; only TypeScript files are followed further.
 */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1');
  const specs: string[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\s+(type\s+)?(?:[\w$*{}\s,]*?\s*from\s*)?['"](\.{1,2}\/[^'"]+)['"]/g)) if (!m[1]) specs.push(m[2]!);
  for (const m of code.matchAll(/\bimport\(\s*['"`](\.{1,2}\/[^'"`]+)['"`]\s*\)/g)) specs.push(m[1]!);
  // A query (`./overlay.css?inline`) names the same file.
  return specs.map((s) => {
    const base = resolve(dirname(file), s.replace(/\?.*$/, ''));
    const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((f) => existsSync(f) && statSync(f).isFile());
    if (!found) throw new Error(`${relative(ROOT, file)}: cannot resolve ${s}`);
    return found;
  });
}

/** Every file `start` loads, directly or not, each with the chain that reaches it. */
function reach(start: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift()!;
    if (!/\.tsx?$/.test(file)) continue;
    for (const to of importsOf(file)) {
      if (chains.has(to)) continue;
      chains.set(to, [...chains.get(file)!, to]);
      queue.push(to);
    }
  }
  return chains;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));

describe('the content script does not import the word lists or the findings\' words', () => {
  const at = (f: string): string => resolve(ROOT, f);
  const show = (chain: string[]): string => chain.map((f) => relative(ROOT, f)).join(' → ');

  it('no file under src/content reaches lexicon-words.ts, lexicon-builtin.ts, findings-words.ts or px.ts, through any import', () => {
    const content = filesUnder(at('src/content'));
    expect(content.length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const file of content) {
      const chains = reach(file);
      for (const f of FORBIDDEN) if (chains.has(at(f))) found.push(show(chains.get(at(f))!));
    }
    expect(found).toEqual([]);
  });

  it('the check sees what it must: the engine from the content script, the lists and the words from the CLI bundle and the background', () => {
    const content = reach(at('src/content/index.ts'));
    expect(content.has(at('src/engine/lexicon.ts'))).toBe(true);
    expect(content.has(at('src/engine/findings.ts')), 'the judging is in the page').toBe(true);
    expect(content.has(at('src/content/capture-session.ts')), 'dynamic imports are followed').toBe(true);
    expect(content.has(at('src/content/overlay.css')), 'a file imported with a query is found').toBe(true);
    const cli = reach(at('src/cli/page-entry.ts'));
    expect(cli.has(at('src/engine/lexicon-builtin.ts'))).toBe(true);
    expect(cli.has(at('src/engine/findings-words.ts'))).toBe(true);
    const background = reach(at('src/background/index.ts'));
    expect(background.has(at('src/engine/lexicon-words.ts'))).toBe(true);
    expect(background.has(at('src/engine/findings-words.ts'))).toBe(true);
    // lexicon.ts names the type only: no load.
    expect(importsOf(at('src/engine/lexicon.ts'))).toEqual([]);
  });

  it('skips `import type` and follows `import { type X }`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'consent-lens-imports-'));
    try {
      writeFileSync(join(dir, 'words.ts'), 'export const W = 1;\nexport type T = number;\n');
      writeFileSync(join(dir, 'typed.ts'), "import type { T } from './words';\nexport type U = T;\n");
      writeFileSync(join(dir, 'mixed.ts'), "import { type T, W } from './words';\nexport const V: T = W;\n");
      expect(reach(join(dir, 'typed.ts')).has(join(dir, 'words.ts'))).toBe(false);
      expect(reach(join(dir, 'mixed.ts')).has(join(dir, 'words.ts'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
