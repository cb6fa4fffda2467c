/**
 * The words the generic heuristics look for, compiled: one case-insensitive regular expression
 * per list of `lexicon-words.ts` (en, de, fr, es, it, pt, ja, ko, nl; the lists and what each is
 * for are there). Text passed in is already whitespace-normalised (see text.ts).
 *
 * Each expression is a live binding that matches nothing until `useWords` compiles the lists:
 * the content script gets them from the background with the rules, so that it does not carry
 * them in every page; everything else that runs the engine (the CLI's page bundle, the tests)
 * imports `lexicon-builtin.ts` first. Importers read the bindings at each use
 * (`TRAIN.test(…)`), so they see the words once they are there.
 */
import type { LexiconWords, Phrases, Whole } from './lexicon-words';

// Word boundaries that understand accented letters (\b does not, even with the u flag).
const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';

/** Matches nothing: every expression until `useWords`, and the one of an empty list. */
const NOTHING = /(?!)/u;

export let TRAIN: RegExp = NOTHING;
export let IMPROVE: RegExp = NOTHING;
export let AI_MODEL: RegExp = NOTHING;
export let USER_DATA: RegExp = NOTHING;
export let ML_OPS: RegExp = NOTHING;
export let MODEL: RegExp = NOTHING;
export let NOTIFY: RegExp = NOTHING;
export let BENEFIT: RegExp = NOTHING;
export let CONSEQUENCE: RegExp = NOTHING;
export let TERMS_UPDATE: RegExp = NOTHING;
export let UPDATE: RegExp = NOTHING;
export let SETTINGS_TITLE: RegExp = NOTHING;
export let ACCEPT: RegExp = NOTHING;
export let DISMISS: RegExp = NOTHING;
export let OFF_MARKER: RegExp = NOTHING;
export let ON_MARKER: RegExp = NOTHING;
export let OBJECT: RegExp = NOTHING;
/** Matched against a control's whole accessible name. */
export let TURN_OFF: RegExp = NOTHING;
export let TURN_ON: RegExp = NOTHING;

/** Every list, and whether it matches the whole text (`Whole`) or words in it (`Phrases`). */
const WHOLE: Record<keyof LexiconWords, boolean> = {
  TRAIN: false,
  IMPROVE: false,
  AI_MODEL: false,
  USER_DATA: false,
  ML_OPS: false,
  MODEL: false,
  NOTIFY: false,
  BENEFIT: false,
  CONSEQUENCE: false,
  TERMS_UPDATE: false,
  UPDATE: false,
  SETTINGS_TITLE: false,
  ACCEPT: false,
  DISMISS: false,
  OFF_MARKER: false,
  ON_MARKER: false,
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
 * Compiles the lists into the exported expressions. Refuses (returns false, and every
 * expression stays as it was) anything that is not `LexiconWords` or has a fragment that does
 * not compile.
 */
export function useWords(words: unknown): boolean {
  if (!isLexiconWords(words)) return false;
  let c: Record<keyof LexiconWords, RegExp>;
  try {
    c = Object.fromEntries(KEYS.map((k) => [k, compile(words[k], WHOLE[k])])) as typeof c;
  } catch {
    return false;
  }
  ({
    TRAIN,
    IMPROVE,
    AI_MODEL,
    USER_DATA,
    ML_OPS,
    MODEL,
    NOTIFY,
    BENEFIT,
    CONSEQUENCE,
    TERMS_UPDATE,
    UPDATE,
    SETTINGS_TITLE,
    ACCEPT,
    DISMISS,
    OFF_MARKER,
    ON_MARKER,
    OBJECT,
    TURN_OFF,
    TURN_ON,
  } = c);
  return true;
}

export function has(re: RegExp, text: string): boolean {
  return re.test(text);
}
