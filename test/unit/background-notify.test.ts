import { describe, it, expect } from 'vitest';
import {
  DEADLINE_ALARM_PREFIX,
  TERMS_NOTICE_EVERY_MS,
  alarmChanges,
  alarmName,
  alarmsFor,
  daysLeft,
  deadlineNotice,
  notificationService,
  parseAlarmName,
  reminderTime,
  termsNotice,
  termsNoticeDue,
  termsTrainingOn,
} from '../../src/background/notify';
import { BADGE_NONE, BADGE_OFF, BADGE_ON, BADGE_UNKNOWN, badgeFor } from '../../src/background/badge';
import { emptyRecord } from '../../src/shared/storage-schema';
import { control, report, settingsReport, surface } from './background-fakes';

// Local times: reminders are set in the user's own time zone.
const NOW = new Date(2025, 9, 1, 12, 0); // 1 October 2025, 12:00 local

describe('alarmsFor', () => {
  it('sets one reminder at 09:00 local, three days before a future deadline', () => {
    expect(alarmsFor([{ service: 'claude', date: '2025-10-20' }], NOW)).toEqual([
      { name: 'consentLens:deadline:claude:2025-10-20', when: new Date(2025, 9, 17, 9, 0).getTime(), service: 'claude', date: '2025-10-20' },
    ]);
  });

  it('skips deadlines that are past, and reminders whose time has passed', () => {
    expect(alarmsFor([{ service: 'claude', date: '2025-09-28' }], NOW)).toEqual([]);
    expect(alarmsFor([{ service: 'claude', date: '2025-10-03' }], NOW)).toEqual([]); // reminder was 30 Sept
    expect(alarmsFor([{ service: 'claude', date: '2025-10-04' }], NOW)).toHaveLength(0); // 1 Oct 09:00 < 12:00
    expect(alarmsFor([{ service: 'claude', date: '2025-10-05' }], NOW)).toHaveLength(1);
  });

  it('gives a deadline the same alarm however often it is asked, and one per deadline', () => {
    const twice = alarmsFor([{ service: 'claude', date: '2025-12-01' }, { service: 'claude', date: '2025-12-01' }, { service: 'chatgpt', date: '2025-12-01' }], NOW);
    expect(twice.map((a) => a.name)).toEqual(['consentLens:deadline:claude:2025-12-01', 'consentLens:deadline:chatgpt:2025-12-01']);
    expect(alarmsFor([{ service: 'claude', date: '2025-12-01' }], NOW)).toEqual(alarmsFor([{ service: 'claude', date: '2025-12-01' }], NOW));
  });

  it('ignores dates that are not dates', () => {
    expect(alarmsFor([{ service: 'claude', date: '2025-02-30' }, { service: 'claude', date: 'soon' }], NOW)).toEqual([]);
    expect(reminderTime('2025-13-01')).toBeNull();
  });
});

describe('alarm names', () => {
  it('round-trip and name the service', () => {
    const name = alarmName({ service: 'chatgpt', date: '2026-01-15' });
    expect(parseAlarmName(name)).toEqual({ service: 'chatgpt', date: '2026-01-15' });
    expect(notificationService(name)).toBe('chatgpt');
    expect(notificationService('consentLens:terms:claude')).toBe('claude');
    expect(parseAlarmName('consentLens:deadline:claude:tomorrow')).toBeNull();
    expect(notificationService('someone-else')).toBeNull();
  });
});

describe('alarmChanges', () => {
  const planned = alarmsFor([{ service: 'claude', date: '2025-12-01' }], NOW);
  const p = planned[0]!;

  it('does nothing when the alarms are already as planned', () => {
    expect(alarmChanges(planned, [{ name: p.name, scheduledTime: p.when }])).toEqual({ create: [], clear: [] });
  });

  it('moves an alarm whose time changed and clears ours that are no longer wanted, leaving others alone', () => {
    const existing = [
      { name: p.name, scheduledTime: p.when - 1000 },
      { name: `${DEADLINE_ALARM_PREFIX}claude:2025-09-28`, scheduledTime: 1 },
      { name: 'someone-else', scheduledTime: 1 },
    ];
    expect(alarmChanges(planned, existing)).toEqual({ create: planned, clear: [p.name, `${DEADLINE_ALARM_PREFIX}claude:2025-09-28`] });
    expect(alarmChanges([], existing).clear).not.toContain('someone-else');
  });
});

describe('texts', () => {
  it('counts calendar days left', () => {
    expect(daysLeft('2025-10-04', NOW)).toBe(3);
    expect(daysLeft('2025-10-01', NOW)).toBe(0);
    expect(daysLeft('2025-09-30', NOW)).toBe(-1);
  });

  it('says the days left and the date in a reminder', () => {
    const n = deadlineNotice({ name: 'Claude', settingsPath: 'Settings › Privacy › Help improve Claude' }, '2025-10-08', new Date(2025, 9, 5, 9, 0));
    expect(n.title).toBe('Claude: 3 days left');
    expect(n.message).toContain('October 8, 2025');
    expect(n.message).toContain('Settings › Privacy › Help improve Claude');
    expect(deadlineNotice({ name: 'Claude', settingsPath: 'x' }, '2025-10-02', NOW).title).toBe('Claude: 1 day left');
  });

  it('says what the terms dialog asks', () => {
    expect(termsNotice('Claude').message).toBe('Claude asks you to accept new terms — the training switch is ON');
  });
});

describe('terms notice', () => {
  it('is for a training switch that is ON in a terms-update dialog only', () => {
    expect(termsTrainingOn(report())).toBe(true);
    expect(termsTrainingOn(report({ controls: [control({ state: 'off' })] }))).toBe(false);
    expect(termsTrainingOn(settingsReport('on'))).toBe(false);
    expect(termsTrainingOn(report({ surfaces: [surface({ kind: 'consent-prompt' })] }))).toBe(false);
    expect(termsTrainingOn(report({ controls: [control({ purpose: 'other' })] }))).toBe(false);
  });

  it('is due at most once in 24 hours per service', () => {
    const at = (ms: number) => ({ ...emptyRecord(), termsNotifiedAt: new Date(NOW.getTime() - ms).toISOString() });
    expect(termsNoticeDue(null, NOW)).toBe(true);
    expect(termsNoticeDue(emptyRecord(), NOW)).toBe(true);
    expect(termsNoticeDue(at(TERMS_NOTICE_EVERY_MS - 60_000), NOW)).toBe(false);
    expect(termsNoticeDue(at(TERMS_NOTICE_EVERY_MS), NOW)).toBe(true);
  });
});

describe('badgeFor', () => {
  it('is ON (red) when a training switch is on, OFF (green) when all are off, empty when there is none', () => {
    expect(badgeFor(report())).toEqual({ text: 'ON', color: '#dc2626' });
    expect(badgeFor(report({ controls: [control({ state: 'off' }), control({ id: 'b', state: 'on' })] }))).toBe(BADGE_ON);
    expect(badgeFor(report({ controls: [control({ state: 'off' }), control({ id: 'b', state: 'off' })] }))).toEqual({ text: 'OFF', color: '#16a34a' });
    expect(badgeFor(report({ controls: [control({ purpose: 'other', state: 'on' })] }))).toBe(BADGE_NONE);
    expect(BADGE_NONE.text).toBe('');
    expect(badgeFor(report({ controls: [control({ state: 'unknown' })] }))).toBe(BADGE_UNKNOWN);
    expect(BADGE_OFF.text).toBe('OFF');
  });
});
