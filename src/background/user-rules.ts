/**
 * The user's own rules: the options page sends a rule file's text, this checks it
 * (src/rules/user-rules.ts) and keeps it in storage.local (`userRules`, schema v2); the
 * background is the only writer. A refused file changes nothing.
 */
import { ALL_SITES_ORIGINS } from '../shared/all-sites';
import type { UserRuleImportResult, UserRulesView } from '../shared/messages';
import { load } from '../shared/storage';
import { readRuleFile, removeUserRule as without } from '../rules/user-rules';
import type { Rule } from '../rules/schema';
import type { Deps } from './port';
import { updateStored } from './saves';

async function allSites(deps: Deps): Promise<boolean> {
  try {
    return (await deps.allSites?.granted(ALL_SITES_ORIGINS)) ?? false;
  } catch {
    return false;
  }
}

async function view(deps: Deps, rules: Rule[]): Promise<UserRulesView> {
  return { rules, builtinHosts: deps.rules.flatMap((r) => r.hosts), allSites: await allSites(deps) };
}

export async function userRulesView(deps: Deps): Promise<UserRulesView> {
  const { stored } = await load(deps.port.storage.local);
  return view(deps, stored.userRules);
}

export async function importUserRule(deps: Deps, text: string): Promise<UserRuleImportResult> {
  let outcome: ReturnType<typeof readRuleFile> | null = null;
  try {
    const stored = await updateStored(deps, (s) => {
      outcome = readRuleFile(text, deps.rules, s.userRules);
      return outcome.ok ? { ...s, userRules: outcome.rules } : s;
    });
    const result = outcome as ReturnType<typeof readRuleFile> | null;
    if (!result) return { ok: false, problems: [], saveFailed: true };
    if (!result.ok) return { ok: false, problems: result.problems };
    return { ok: true, rule: result.rule, replaced: result.replaced, ...(await view(deps, stored.userRules)) };
  } catch (e) {
    deps.warn('could not keep a user rule', e);
    const result = outcome as ReturnType<typeof readRuleFile> | null;
    return { ok: false, problems: result && !result.ok ? result.problems : [], saveFailed: true };
  }
}

export async function removeUserRule(deps: Deps, id: string): Promise<UserRulesView> {
  const stored = await updateStored(deps, (s) =>
    s.userRules.some((r) => r.id === id) ? { ...s, userRules: without(s.userRules, id) } : s,
  );
  return view(deps, stored.userRules);
}
