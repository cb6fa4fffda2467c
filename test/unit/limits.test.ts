/** What a content script may send the background (src/shared/limits.ts), and both sides holding to it. */
import { describe, expect, it } from 'vitest';
import { MAX_REPORT_ITEMS, withinTextBudget } from '../../src/shared/limits';
import { validReport } from '../../src/background/validate';
import { report } from './background-fakes';

describe('the text budget', () => {
  it('keeps texts whole while they fit, shortens the one that reaches 20 000 characters, drops the rest', () => {
    expect(withinTextBudget(['a', 'bb'])).toEqual(['a', 'bb']);
    const out = withinTextBudget(['x'.repeat(15_000), 'y'.repeat(10_000), 'z']);
    expect(out.map((t) => t.length)).toEqual([15_000, 5_000]);
    expect(out.join('').length).toBe(20_000);
    expect(withinTextBudget([])).toEqual([]);
  });
});

describe('the item limit', () => {
  const control = (i: number) => ({ id: `c${i}`, purpose: 'other', state: 'off', kind: 'switch', surfaceId: null, findings: [] });
  it('is what the background takes, and one more is refused', () => {
    const url = 'https://claude.ai/new';
    const at = (n: number) => ({ ...report({ url }), controls: Array.from({ length: n }, (_, i) => control(i)) });
    expect(validReport(at(MAX_REPORT_ITEMS), url)).not.toBeNull();
    expect(validReport(at(MAX_REPORT_ITEMS + 1), url)).toBeNull();
  });
});
