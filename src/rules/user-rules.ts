/**
 * The user's own rules (imported on the options page): reading a rule file, and merging the
 * kept rules after the built-in ones. Pure functions; the background stores what `readRuleFile`
 * accepts (storage-schema.ts, `userRules`) and sends the merged rules to the content script.
 *
 * A bad file never touches the built-in rules: it is refused as a whole, with every problem
 * listed (where in the file, and what is wrong). A rule may not take a built-in rule's id; one
 * with the id of a rule the user already has replaces it (a corrected file).
 */
import { validateRule, type Rule } from './schema';

/** A rule file is a few kilobytes; anything near this is not one. */
export const MAX_RULE_FILE_BYTES = 256 * 1024;
/** How many rules of their own a user may keep. */
export const MAX_USER_RULES = 50;

export type RuleFileProblem =
  /** Not JSON at all; where, when the parser says (1-based). */
  | { kind: 'json'; line: number | null; column: number | null; detail: string }
  /** A problem `validateRule` found: a dotted path in the file ("settings.url") and what is wrong. */
  | { kind: 'rule'; path: string; message: string }
  | { kind: 'builtin-id'; id: string }
  | { kind: 'too-large'; maxBytes: number }
  | { kind: 'too-many'; max: number };

export type RuleFileResult =
  | { ok: true; rule: Rule; replaced: boolean; rules: Rule[] }
  | { ok: false; problems: RuleFileProblem[] };

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/**
 * Where a JSON.parse error is, from the engine's own message: V8 says "at position N" (and,
 * lately, "(line L column C)"), Firefox "at line L column C". Null when it does not say.
 */
export function jsonErrorAt(text: string, message: string): { line: number; column: number } | null {
  const lc = /line (\d+) column (\d+)/i.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/i.exec(message);
  if (pos) return lineColumn(text, Number(pos[1]));
  if (/unexpected end/i.test(message)) return lineColumn(text, text.length);
  return null;
}

/** The parser's words without the location we report separately. */
function jsonDetail(message: string): string {
  return message
    .replace(/^JSON\.parse: /, '')
    .replace(/\s*\(line \d+ column \d+\)/i, '')
    .replace(/ at line \d+ column \d+ of the JSON data/i, '')
    .replace(/ in JSON at position \d+/i, '')
    .trim();
}

/**
 * Reads a rule file's text against the built-in rules and the user's current rules. On success
 * returns the user's rules with this one added (or replacing the one with its id).
 */
export function readRuleFile(text: string, builtin: readonly Rule[], current: readonly Rule[]): RuleFileResult {
  if (new TextEncoder().encode(text).length > MAX_RULE_FILE_BYTES) return { ok: false, problems: [{ kind: 'too-large', maxBytes: MAX_RULE_FILE_BYTES }] };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = jsonErrorAt(text, message);
    return { ok: false, problems: [{ kind: 'json', line: at?.line ?? null, column: at?.column ?? null, detail: jsonDetail(message) }] };
  }
  const problems: RuleFileProblem[] = [];
  const checked = validateRule(data);
  if (!checked.ok) problems.push(...checked.problems.map((p) => ({ kind: 'rule' as const, path: p.path, message: p.message })));
  const id = checked.ok ? checked.rule.id : typeof (data as { id?: unknown } | null)?.id === 'string' ? (data as { id: string }).id : null;
  if (id !== null && builtin.some((r) => r.id === id)) problems.push({ kind: 'builtin-id', id });
  const replaced = id !== null && current.some((r) => r.id === id);
  if (!replaced && current.length >= MAX_USER_RULES) problems.push({ kind: 'too-many', max: MAX_USER_RULES });
  if (problems.length || !checked.ok) return { ok: false, problems };
  const rule = checked.rule;
  return { ok: true, rule, replaced, rules: replaced ? current.map((r) => (r.id === rule.id ? rule : r)) : [...current, rule] };
}

export function removeUserRule(current: readonly Rule[], id: string): Rule[] {
  return current.filter((r) => r.id !== id);
}
