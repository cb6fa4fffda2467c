/**
 * Which of a rule's announced deadlines is in force: the latest by date among those no later
 * announcement superseded, whatever order the rule file lists them in.
 */
import type { Rule, RuleDeadline } from './schema';

export function currentRuleDeadline(rule: Rule): RuleDeadline | null {
  const open = rule.deadlines.filter((d) => !d.supersededBy);
  return open.reduce<RuleDeadline | null>((a, b) => (a === null || b.date > a.date ? b : a), null);
}
