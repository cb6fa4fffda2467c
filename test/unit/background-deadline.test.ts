import { describe, expect, it } from 'vitest';
import { withPageDeadline } from '../../src/background/reports';
import { report } from './background-fakes';

const RULE_DEADLINE = { date: '2025-10-08', text: 'updated consumer terms take effect (Claude)', source: 'rule' as const };

describe('withPageDeadline: the background reads the date the page states', () => {
  it('replaces a deadline known only from the rule with the one the dialog states', () => {
    const r = withPageDeadline(report({ deadline: RULE_DEADLINE }), [
      'Updates to Consumer Terms and Policies\nAn update to our Consumer Terms and Privacy Policy will take effect on September 28, 2025.',
    ]);
    expect(r.deadline).toEqual({
      date: '2025-09-28',
      text: 'An update to our Consumer Terms and Privacy Policy will take effect on September 28, 2025.',
      source: 'page',
    });
  });

  it('reads the surfaces in order and takes the first that states a date', () => {
    const r = withPageDeadline(report({ deadline: null }), ['No date here.', 'Ces conditions entreront en vigueur le 8 octobre 2025.']);
    expect(r.deadline?.date).toBe('2025-10-08');
  });

  it('keeps a page deadline, and changes nothing without texts or dates', () => {
    const page = { date: '2025-10-08', text: 'x', source: 'page' as const };
    expect(withPageDeadline(report({ deadline: page }), ['take effect on 1 May 2026']).deadline).toBe(page);
    const base = report({ deadline: RULE_DEADLINE });
    expect(withPageDeadline(base, undefined)).toBe(base);
    expect(withPageDeadline(base, ['Nothing dated here.'])).toBe(base);
  });

  it('reads at most 20 000 characters in all', () => {
    const far = `${'a'.repeat(20_500)} take effect on 1 May 2026.`;
    expect(withPageDeadline(report({ deadline: null }), [far]).deadline).toBeNull();
  });
});
