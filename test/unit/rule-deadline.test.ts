/** The rule's deadline in force is chosen by date, whatever order the rule file lists them in (scan.ts, choices.ts). */
import { describe, expect, it } from 'vitest';
import { deadlineOf } from '../../src/engine/scan';
import { currentRuleDeadline } from '../../src/rules/deadlines';
import { BUILTIN_RULES } from '../../src/rules';
import type { Rule } from '../../src/rules/schema';

const claude = BUILTIN_RULES.find((r) => r.id === 'claude')!;
const at = (date: string, supersededBy?: string): Rule['deadlines'][number] => ({
  date,
  note: `due ${date}`,
  source: 'https://www.anthropic.com/news/updates-to-our-consumer-terms',
  ...(supersededBy ? { supersededBy } : {}),
});

describe('the rule deadline in force', () => {
  it('is the latest by date among those not superseded, in any order', () => {
    const listed = [at('2025-10-08'), at('2025-09-28', '2025-10-08'), at('2025-07-01')];
    for (const deadlines of [listed, [...listed].reverse(), [listed[1]!, listed[0]!, listed[2]!]]) {
      const rule: Rule = { ...claude, deadlines };
      expect(currentRuleDeadline(rule)?.date).toBe('2025-10-08');
      expect(deadlineOf([], rule)).toEqual({ date: '2025-10-08', text: `due 2025-10-08 (${claude.name})`, source: 'rule' });
    }
  });

  it('none when every deadline was superseded, or there are none', () => {
    expect(deadlineOf([], { ...claude, deadlines: [at('2025-09-28', '2025-10-08')] })).toBeNull();
    expect(deadlineOf([], { ...claude, deadlines: [] })).toBeNull();
  });
});
