/**
 * The words the generic heuristics look for, compiled: one case-insensitive regular expression
 * per list of `lexicon-words.ts` (en, de, fr, es, it, pt, ja, ko, nl; the lists and what each is
 * for are there). Text passed in is already whitespace-normalised (see text.ts).
 *
 * The lists are data (the content script gets them from the background with the rules, so
 * that it does not carry them in every page; the CLI's page bundle and the tests take the
 * built-in ones from `lexicon-builtin.ts`); `compileWords` turns them into a `Lexicon`, which
 * the caller passes in. Nothing here is module state.
 */
import type { LexiconWords, Phrases, Whole } from './lexicon-words';

// Word boundaries that understand accented letters (\b does not, even with the u flag).
const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';

/** Matches nothing: the expression of an empty list. */
const NOTHING = /(?!)/u;

/**
 * The compiled word lists: one expression per list of `LexiconWords`. A value, made once by
 * `compileWords` and passed to every engine function that reads words (through
 * `ScanOptions.lexicon` for a scan): the engine keeps none of its own, so an embedder that
 * forgets the words gets an error, not a page that matches nothing.
 */
export type Lexicon = Readonly<Record<keyof LexiconWords, RegExp>>;

/** Every list, and whether it matches the whole text (`Whole`) or words in it (`Phrases`). */
const WHOLE: Record<keyof LexiconWords, boolean> = {
  TRAIN: false,
  IMPROVE: false,
  AI_MODEL: false,
  USER_DATA: false,
  ML_OPS: false,
  NOT_USED: false,
  DATA: false,
  MODEL: false,
  NOTIFY: false,
  BENEFIT: false,
  CONSEQUENCE: false,
  TERMS_UPDATE: false,
  UPDATE: false,
  SETTINGS_TITLE: false,
  ACCEPT: false,
  DISMISS: false,
  DEFER: false,
  OFF_MARKER: false,
  ON_MARKER: false,
  OFF_WORD: true,
  ON_WORD: true,
  OBJECT: false,
  TURN_OFF: true,
  TURN_ON: true,
};
const KEYS = Object.keys(WHOLE) as Array<keyof LexiconWords>;

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The shape of `LexiconWords`: every list there, each an array of strings. Extra keys are ignored. */
export function isLexiconWords(x: unknown): x is LexiconWords {
  if (typeof x !== 'object' || x === null) return false;
  return KEYS.every((k) => {
    const list = (x as Record<string, unknown>)[k];
    if (typeof list !== 'object' || list === null) return false;
    const l = list as Record<string, unknown>;
    return WHOLE[k] ? isStrings(l.whole) : isStrings(l.latin) && isStrings(l.cjk);
  });
}

/**
 * One list's expression; throws when a fragment does not compile. Each fragment is compiled on
 * its own first: one that does cannot close the group it is put in, so it cannot swallow the
 * word guards or its neighbours.
 */
function compile(list: Phrases | Whole, whole: boolean): RegExp {
  const group = (fragments: string[]): string => {
    for (const f of fragments) new RegExp(f, 'iu');
    return `(?:${fragments.join('|')})`;
  };
  const parts: string[] = [];
  if (whole) {
    const { whole: names } = list as Whole;
    if (names.length) parts.push(`^${group(names)}$`);
  } else {
    const { latin, cjk } = list as Phrases;
    if (latin.length) parts.push(`${L}${group(latin)}${R}`);
    if (cjk.length) parts.push(group(cjk));
  }
  return parts.length ? new RegExp(parts.join('|'), 'iu') : NOTHING;
}

/**
 * The lists, compiled; null for anything that is not `LexiconWords` or has a fragment that does
 * not compile.
 */
export function compileWords(words: unknown): Lexicon | null {
  if (!isLexiconWords(words)) return null;
  try {
    return Object.freeze(Object.fromEntries(KEYS.map((k) => [k, compile(words[k], WHOLE[k])])) as Record<keyof LexiconWords, RegExp>);
  } catch {
    return null;
  }
}

/** Whether `x` is a compiled lexicon (every expression there): what `scan` checks before it starts. */
export function isLexicon(x: unknown): x is Lexicon {
  if (typeof x !== 'object' || x === null) return false;
  return KEYS.every((k) => (x as Record<string, unknown>)[k] instanceof RegExp);
}

export function has(re: RegExp, text: string): boolean {
  return re.test(text);
}
