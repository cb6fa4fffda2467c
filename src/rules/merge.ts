/**
 * The rules a scan uses: the built-in ones first (a page on a built-in host stays that service's),
 * then the user's own. Kept tiny and free of the schema library: the background merges what it
 * keeps in storage (checked by `readRuleFile` before it was kept), and the content script runs
 * it again on the rules the background sends — the shape check here only keeps a damaged value
 * from breaking the scan.
 */
import type { Rule } from './schema';

function looksLikeRule(r: unknown): r is Rule {
  if (typeof r !== 'object' || r === null) return false;
  const x = r as Partial<Rule>;
  return (
    typeof x.id === 'string' &&
    typeof x.name === 'string' &&
    Array.isArray(x.hosts) &&
    x.hosts.every((h) => typeof h === 'string') &&
    Array.isArray(x.siteNames) &&
    typeof x.phrases === 'object' &&
    x.phrases !== null &&
    Object.values(x.phrases).every((list) => Array.isArray(list) && list.every((p) => typeof p === 'string')) &&
    typeof x.settings === 'object' &&
    x.settings !== null &&
    typeof x.settings.url === 'string' &&
    Array.isArray(x.deadlines)
  );
}

export function mergeRules(builtin: readonly Rule[], user: unknown): readonly Rule[] {
  if (!Array.isArray(user) || !user.length) return builtin;
  const ids = new Set(builtin.map((r) => r.id));
  return [...builtin, ...user.filter((r): r is Rule => looksLikeRule(r) && !ids.has(r.id))];
}
