/** Merging a kept-aside value back with what was recorded since (src/shared/storage-merge.ts). */
import { describe, expect, it } from 'vitest';
import { mergeRecord, mergeStored } from '../../src/shared/storage-merge';
import { HISTORY_LIMIT, emptyRecord, emptyStore, type Observation, type ServiceRecord, type Stored } from '../../src/shared/storage-schema';
import type { Rule } from '../../src/rules/schema';

const obs = (state: Observation['state'], at: string, source: Observation['source'] = 'settings-page'): Observation => ({
  state,
  at,
  url: 'https://claude.ai/settings/data-privacy-controls',
  source,
});
const rec = (...history: Observation[]): ServiceRecord => ({ ...emptyRecord(), history, current: history[history.length - 1] ?? null });
const store = (over: Partial<Stored> = {}): Stored => ({ ...emptyStore(), ...over });
const rule = (id: string, name = id): Rule => ({ id, name } as unknown as Rule);

describe('mergeRecord', () => {
  it('replays what came later onto what came before', () => {
    const a = obs('off', '2025-08-01T00:00:00.000Z');
    const b = obs('on', '2025-09-01T00:00:00.000Z', 'terms-dialog');
    const c = obs('on', '2025-09-02T00:00:00.000Z');
    const merged = mergeRecord(rec(a), rec(b, c));
    expect(merged.history).toEqual([a, b, c]);
    expect(merged.current).toEqual(c);
    // Off on the settings page before, a preset ON dialog, then ON on the settings page: drift.
    expect(merged.drift).toMatchObject({ from: 'off', to: 'on', previousAt: a.at });
  });

  it('is the same when merged twice (the same data restored again)', () => {
    const earlier = rec(obs('off', '2025-08-01T00:00:00.000Z'));
    const later = rec(obs('on', '2025-09-01T00:00:00.000Z'));
    const once = mergeRecord(earlier, later);
    expect(mergeRecord(once, later)).toEqual(once);
    expect(mergeRecord(once, once)).toEqual(once);
  });

  it('keeps at most HISTORY_LIMIT observations, the newest', () => {
    const many = (from: number) =>
      Array.from({ length: HISTORY_LIMIT }, (_, i) => obs(i % 2 ? 'on' : 'off', new Date(Date.UTC(2025, 0, 1, 0, from + i)).toISOString()));
    const merged = mergeRecord(rec(...many(0)), rec(...many(HISTORY_LIMIT)));
    expect(merged.history).toHaveLength(HISTORY_LIMIT);
    expect(merged.history[HISTORY_LIMIT - 1]?.at).toBe(new Date(Date.UTC(2025, 0, 1, 0, 2 * HISTORY_LIMIT - 1)).toISOString());
  });

  it('keeps the latest deadline seen and the latest terms notice', () => {
    const d = (seenAt: string) => ({ date: '2025-10-08', text: 'by October 8', source: 'page' as const, seenAt, url: 'https://claude.ai/' });
    const earlier = { ...emptyRecord(), deadline: d('2025-09-01T00:00:00.000Z'), termsNotifiedAt: '2025-09-03T00:00:00.000Z' };
    const later = { ...emptyRecord(), deadline: d('2025-09-02T00:00:00.000Z'), termsNotifiedAt: '2025-09-01T00:00:00.000Z' };
    const merged = mergeRecord(earlier, later);
    expect(merged.deadline?.seenAt).toBe('2025-09-02T00:00:00.000Z');
    expect(merged.termsNotifiedAt).toBe('2025-09-03T00:00:00.000Z');
    expect(mergeRecord(emptyRecord(), emptyRecord())).toEqual(emptyRecord());
  });
});

describe('mergeStored', () => {
  it('keeps services only one side has', () => {
    const a = store({ services: { claude: rec(obs('off', '2025-08-01T00:00:00.000Z')) } });
    const b = store({ services: { chatgpt: rec(obs('on', '2025-09-01T00:00:00.000Z', 'terms-dialog')) } });
    expect(Object.keys(mergeStored(a, b).services).sort()).toEqual(['chatgpt', 'claude']);
  });

  it('takes the later prefs only when they were changed from the defaults', () => {
    expect(mergeStored(store({ prefs: { notifications: true } }), store()).prefs).toEqual({ notifications: true });
    expect(mergeStored(store(), store({ prefs: { notifications: true } })).prefs).toEqual({ notifications: true });
  });

  it('keeps the user rules of both, the later copy of a rule both have', () => {
    const merged = mergeStored(store({ userRules: [rule('one'), rule('two', 'old')] }), store({ userRules: [rule('two', 'new')] }));
    expect(merged.userRules.map((r) => `${r.id}:${r.name}`)).toEqual(['one:one', 'two:new']);
  });
});
