import { describe, it, expect } from 'vitest';
import { deadlineFor, observationFrom, recordObservation, recordPageDeadline, sourceFor } from '../../src/shared/choices';
import { HISTORY_LIMIT, emptyRecord, type Observation, type ServiceRecord } from '../../src/shared/storage-schema';
import type { Rule } from '../../src/rules/schema';
import { BUILTIN_RULES } from '../../src/rules';
import { control, report, settingsReport, surface } from './background-fakes';

const claude = BUILTIN_RULES.find((r) => r.id === 'claude')!;
const SETTINGS = 'https://claude.ai/settings/data-privacy-controls';

function obs(state: Observation['state'], source: Observation['source'], at: string, url = SETTINGS): Observation {
  return { state, source, at, url };
}

const t = (day: number): string => `2025-09-${String(day).padStart(2, '0')}T10:00:00.000Z`;
const still = { changedInPage: false };
const clicked = { changedInPage: true };

/** Applies observations in order, as visits would. */
function visits(...steps: [Observation, { changedInPage: boolean }][]): ServiceRecord {
  return steps.reduce<ServiceRecord>((r, [o, opts]) => recordObservation(r, o, opts), emptyRecord());
}

describe('observationFrom', () => {
  it('reads the training switch in a terms dialog as a terms-dialog observation', () => {
    expect(observationFrom(report())).toEqual({ state: 'on', at: report().scannedAt, url: report().url, source: 'terms-dialog' });
  });

  it('prefers a control on a settings surface over one in a dialog', () => {
    const r = report({
      surfaces: [surface({ id: 'd', kind: 'terms-update' }), surface({ id: 'p', kind: 'settings' })],
      controls: [control({ id: 'a', surfaceId: 'd', state: 'on' }), control({ id: 'b', surfaceId: 'p', state: 'off' })],
    });
    expect(observationFrom(r)).toMatchObject({ state: 'off', source: 'settings-page' });
  });

  it('names the source by the surface kind', () => {
    expect(sourceFor('settings')).toBe('settings-page');
    expect(sourceFor('terms-update')).toBe('terms-dialog');
    expect(sourceFor('consent-prompt')).toBe('terms-dialog');
    expect(sourceFor('other')).toBe('page');
    expect(sourceFor(null)).toBe('page');
    expect(observationFrom(report({ controls: [control({ surfaceId: null })] }))?.source).toBe('page');
  });

  it('ignores controls of unknown state and controls for other purposes', () => {
    expect(observationFrom(report({ controls: [control({ state: 'unknown' }), control({ id: 'x', purpose: 'other', state: 'on' })] }))).toBeNull();
    const r = report({ controls: [control({ id: 'a', state: 'unknown' }), control({ id: 'b', state: 'off' })] });
    expect(observationFrom(r)?.state).toBe('off');
  });

  it('combines several training switches on the same surface', () => {
    const both = (a: 'on' | 'off', b: 'on' | 'off') =>
      observationFrom(settingsReport(a, { controls: [control({ id: 'text', surfaceId: 'p', state: a }), control({ id: 'voice', surfaceId: 'p', state: b })] }))?.state;
    expect(both('off', 'off')).toBe('off');
    expect(both('on', 'off')).toBe('mixed');
  });

  it('observes nothing in a report that failed', () => {
    expect(observationFrom(report({ error: 'net::ERR_FAILED', controls: [], surfaces: [] }))).toBeNull();
  });
});

describe('recordObservation: history', () => {
  it('appends only when the state or the source changes, but always moves current on', () => {
    const r = visits(
      [obs('on', 'settings-page', t(1)), still],
      [obs('on', 'settings-page', t(2)), still],
      [obs('on', 'terms-dialog', t(3)), still],
      [obs('off', 'terms-dialog', t(4)), clicked],
    );
    expect(r.history.map((o) => [o.state, o.source, o.at])).toEqual([
      ['on', 'settings-page', t(1)],
      ['on', 'terms-dialog', t(3)],
      ['off', 'terms-dialog', t(4)],
    ]);
    expect(r.current).toEqual({ ...obs('off', 'terms-dialog', t(4)), changedInPage: true });
  });

  it(`keeps at most ${HISTORY_LIMIT} observations, dropping the oldest`, () => {
    let r: ServiceRecord = emptyRecord();
    for (let i = 0; i < HISTORY_LIMIT + 30; i++) {
      r = recordObservation(r, obs(i % 2 ? 'on' : 'off', 'page', new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString()), still);
    }
    expect(r.history).toHaveLength(HISTORY_LIMIT);
    expect(r.history.at(-1)).toEqual(r.current);
    expect(r.history[0]!.at).toBe(new Date(Date.UTC(2025, 0, 1, 0, 30)).toISOString());
  });

  it('changes nothing for an observation of unknown state', () => {
    const before = visits([obs('off', 'settings-page', t(1)), still]);
    expect(recordObservation(before, obs('unknown', 'settings-page', t(2)), still)).toBe(before);
  });

  it('does not change the record it is given', () => {
    const before = visits([obs('off', 'settings-page', t(1)), still]);
    const copy = structuredClone(before);
    recordObservation(before, obs('on', 'settings-page', t(2)), still);
    expect(before).toEqual(copy);
  });
});

describe('recordObservation: drift', () => {
  it('is set when a settings page shows another state than the last settings page, with nothing seen in between', () => {
    const r = visits([obs('off', 'settings-page', t(1)), still], [obs('on', 'settings-page', t(5), `${SETTINGS}?x`), still]);
    expect(r.drift).toEqual({ from: 'off', to: 'on', at: t(5), url: `${SETTINGS}?x`, previousAt: t(1) });
  });

  it('is not set when the settings page shows the same state', () => {
    expect(visits([obs('off', 'settings-page', t(1)), still], [obs('off', 'settings-page', t(5)), still]).drift).toBeNull();
  });

  it('is not set when the user changed it in the page, and such a change clears it', () => {
    const drifted = visits([obs('off', 'settings-page', t(1)), still], [obs('on', 'settings-page', t(2)), still]);
    expect(drifted.drift).not.toBeNull();
    expect(recordObservation(drifted, obs('off', 'settings-page', t(3)), clicked).drift).toBeNull();
    expect(visits([obs('off', 'settings-page', t(1)), still], [obs('on', 'settings-page', t(2)), clicked]).drift).toBeNull();
  });

  it('is cleared by our turn-off, which then is the state a later visit is compared with', () => {
    const drifted = visits([obs('off', 'settings-page', t(1)), still], [obs('on', 'settings-page', t(2)), still]);
    const turnedOff = recordObservation(drifted, obs('off', 'turn-off', t(3)), still);
    expect(turnedOff.drift).toBeNull();
    expect(recordObservation(turnedOff, obs('on', 'settings-page', t(9)), still).drift).toEqual({
      from: 'off', to: 'on', at: t(9), url: SETTINGS, previousAt: t(3),
    });
  });

  it('compares with an in-page change made in a dialog', () => {
    const r = visits([obs('off', 'terms-dialog', t(1)), clicked], [obs('on', 'settings-page', t(4)), still]);
    expect(r.drift).toMatchObject({ from: 'off', to: 'on', previousAt: t(1) });
  });

  it('never counts a dialog\'s preset: neither as the change nor as what is compared with', () => {
    // A dialog showing ON after settings said OFF is a proposal, not a changed setting.
    expect(visits([obs('off', 'settings-page', t(1)), still], [obs('on', 'terms-dialog', t(2)), still]).drift).toBeNull();
    // A settings page after only a preset has nothing trusted to differ from.
    expect(visits([obs('on', 'terms-dialog', t(1)), still], [obs('off', 'settings-page', t(2)), still]).drift).toBeNull();
  });

  it('looks past a preset to the last trusted state: settings OFF, preset ON accepted, settings ON', () => {
    const r = visits(
      [obs('off', 'settings-page', t(1)), still],
      [obs('on', 'terms-dialog', t(2)), still],
      [obs('on', 'settings-page', t(3)), still],
    );
    expect(r.drift).toEqual({ from: 'off', to: 'on', at: t(3), url: SETTINGS, previousAt: t(1) });
  });

  it('is not set by an observation from an ordinary page', () => {
    expect(visits([obs('off', 'settings-page', t(1)), still], [obs('on', 'page', t(2)), still]).drift).toBeNull();
  });
});

describe('recordPageDeadline', () => {
  it('keeps a deadline the page showed, and ignores one that only came from the rule', () => {
    const shown = report({ deadline: { date: '2025-10-08', text: 'will take effect on October 8, 2025', source: 'page' } });
    expect(recordPageDeadline(null, shown).deadline).toEqual({
      date: '2025-10-08', text: 'will take effect on October 8, 2025', source: 'page', seenAt: shown.scannedAt, url: shown.url,
    });
    const fromRule = report({ deadline: { date: '2025-10-08', text: 'x', source: 'rule' } });
    expect(recordPageDeadline(null, fromRule).deadline).toBeNull();
  });
});

describe('deadlineFor', () => {
  const seen = (date: string): ServiceRecord => ({
    ...emptyRecord(),
    deadline: { date, text: `by ${date}`, source: 'page', seenAt: t(1), url: 'https://claude.ai/new' },
  });

  it('uses the deadline a page showed, with the page as where', () => {
    const other: Rule = { ...claude, deadlines: [] };
    expect(deadlineFor(other, seen('2025-11-30'))).toEqual({ date: '2025-11-30', text: 'by 2025-11-30', source: 'page', where: 'https://claude.ai/new' });
    expect(deadlineFor(claude, seen('2025-10-08'))).toMatchObject({ date: '2025-10-08', source: 'page' });
  });

  it('else uses the rule\'s deadline that is not superseded, with its source as where', () => {
    expect(deadlineFor(claude, null)).toEqual({
      date: '2025-10-08',
      text: 'updated consumer terms take effect; a choice is required to keep using Claude',
      source: 'rule',
      where: 'https://www.anthropic.com/news/updates-to-our-consumer-terms',
    });
  });

  it('follows the rule when the page showed a date the rule knows was moved', () => {
    expect(deadlineFor(claude, seen('2025-09-28'))).toMatchObject({ date: '2025-10-08', source: 'rule' });
  });

  it('is null without a page deadline and without a rule deadline', () => {
    expect(deadlineFor(BUILTIN_RULES.find((r) => r.id === 'chatgpt')!, emptyRecord())).toBeNull();
    expect(deadlineFor(null, null)).toBeNull();
  });
});
