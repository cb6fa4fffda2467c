import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS, deadlineInstant, isPast, isoDuration } from '../../src/shared/time';
import { createWords } from '../../src/i18n/words';
import { i18nFor } from './i18n-helpers';

// time.ts counts; the extension's English words (src/i18n/words.ts) say the count.
const en = (() => {
  const i = i18nFor('en');
  return createWords((k, s) => i.getMessage(k, s), i.getUILanguage());
})();
const formatCountdown = en.countdown;
const formatDay = en.day;
const formatRelative = en.relative;

// Claude's "will take effect on October 8, 2025": counted to 2025-10-08T00:00:00Z.
const CLAUDE = Date.UTC(2025, 9, 8);

describe('deadlineInstant — the START of the day in UTC', () => {
  it('reads YYYY-MM-DD as 00:00 UTC of that day', () => {
    expect(deadlineInstant('2025-10-08')).toBe(CLAUDE);
    expect(new Date(deadlineInstant('2025-10-08')!).toISOString()).toBe('2025-10-08T00:00:00.000Z');
  });
  it.each(['2025-02-30', '2025-13-01', '2025-10-8', 'October 8, 2025', '', '2025-10-08T00:00:00Z'])(
    'rejects %j',
    (s) => expect(deadlineInstant(s)).toBeNull(),
  );
  it('accepts 29 February only in a leap year', () => {
    expect(deadlineInstant('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
    expect(deadlineInstant('2027-02-29')).toBeNull();
  });
});

describe('formatCountdown — before the deadline', () => {
  it.each([
    [12 * DAY_MS + 4 * HOUR_MS, '12 days 4 hours left'],
    [12 * DAY_MS + 4 * HOUR_MS + 59 * MINUTE_MS, '12 days 4 hours left'], // rounded down, never up
    [DAY_MS, '1 day left'], // exactly one day: no "0 hours"
    [DAY_MS + HOUR_MS, '1 day 1 hour left'],
    [2 * DAY_MS + 23 * HOUR_MS + 59 * MINUTE_MS, '2 days 23 hours left'],
    [DAY_MS - 1, '23 hours 59 minutes left'], // one ms short of a day is under a day
    [23 * HOUR_MS + 59 * MINUTE_MS, '23 hours 59 minutes left'],
    [HOUR_MS, '1 hour left'],
    [HOUR_MS + MINUTE_MS, '1 hour 1 minute left'],
    [59 * MINUTE_MS + 59_999, '59 minutes left'],
    [MINUTE_MS, '1 minute left'],
    [59_999, 'less than a minute left'],
    [1, 'less than a minute left'],
  ])('%d ms before → %s', (left, text) => {
    expect(formatCountdown(CLAUDE, CLAUDE - left)).toBe(text);
  });
});

describe('formatCountdown — at and after the deadline', () => {
  it.each([
    [0, 'passed just now'],
    [59_999, 'passed just now'],
    [5 * MINUTE_MS, 'passed 5 minutes ago'],
    [HOUR_MS, 'passed 1 hour ago'],
    [DAY_MS - 1, 'passed 23 hours ago'],
    [DAY_MS, 'passed 1 day ago'],
    [DAY_MS + 23 * HOUR_MS, 'passed 1 day ago'],
    [2 * DAY_MS, 'passed 2 days ago'],
    [30 * DAY_MS, 'passed 30 days ago'],
  ])('%d ms after → %s', (ago, text) => {
    expect(formatCountdown(CLAUDE, CLAUDE + ago)).toBe(text);
  });
  it('treats the instant itself as past', () => {
    expect(isPast(CLAUDE, CLAUDE)).toBe(true);
    expect(isPast(CLAUDE, CLAUDE - 1)).toBe(false);
  });
});

describe('the Claude deadline, counted to the start of 2025-10-08 UTC', () => {
  const at = (iso: string): string => formatCountdown(deadlineInstant('2025-10-08')!, Date.parse(iso));
  it('from the announcement day', () => expect(at('2025-08-28T00:00:00Z')).toBe('41 days left'));
  it('on the evening before', () => expect(at('2025-10-07T20:30:00Z')).toBe('3 hours 30 minutes left'));
  it('one minute before midnight UTC', () => expect(at('2025-10-07T23:59:00Z')).toBe('1 minute left'));
  it('at midnight UTC the terms are in effect', () => expect(at('2025-10-08T00:00:00Z')).toBe('passed just now'));
  it('during the 8th it has already passed', () => expect(at('2025-10-08T12:00:00Z')).toBe('passed 12 hours ago'));
  it('a month later', () => expect(at('2025-11-07T00:00:00Z')).toBe('passed 30 days ago'));
});

describe('UTC arithmetic: daylight-saving changes add or lose nothing', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });
  it.each(['Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe'])('in %s', (zone) => {
    process.env.TZ = zone;
    // Europe leaves summer time on 2025-10-26, the US on 2025-11-02, Lord Howe moves 30 min on 2025-10-05.
    expect(formatCountdown(deadlineInstant('2025-10-27')!, Date.parse('2025-10-25T00:00:00Z'))).toBe('2 days left');
    expect(formatCountdown(deadlineInstant('2025-11-03')!, Date.parse('2025-11-01T00:00:00Z'))).toBe('2 days left');
    expect(formatCountdown(deadlineInstant('2025-10-06')!, Date.parse('2025-10-04T00:00:00Z'))).toBe('2 days left');
    expect(formatDay('2025-10-08')).toBe('8 October 2025');
  });
});

describe('isoDuration — for <time datetime>', () => {
  it.each([
    [12 * DAY_MS + 4 * HOUR_MS, 'P12DT4H'],
    [12 * DAY_MS + 4 * HOUR_MS + 3 * MINUTE_MS, 'P12DT4H3M'],
    [DAY_MS, 'P1D'],
    [23 * HOUR_MS + 59 * MINUTE_MS, 'PT23H59M'],
    [30_000, 'PT0M'],
    [0, 'PT0M'],
    [-DAY_MS, 'PT0M'],
  ])('%d ms left → %s', (left, iso) => {
    expect(isoDuration(CLAUDE, CLAUDE - left)).toBe(iso);
  });
});

describe('formatDay', () => {
  it('shows a calendar date as written, whatever the zone', () => {
    expect(formatDay('2025-10-08')).toBe('8 October 2025');
    expect(formatDay('2025-10-08', 'Pacific/Honolulu')).toBe('8 October 2025');
  });
  it('shows an instant in the given zone', () => {
    expect(formatDay('2025-09-03T23:30:00Z', 'UTC')).toBe('3 September 2025');
    expect(formatDay('2025-09-03T23:30:00Z', 'Asia/Tokyo')).toBe('4 September 2025');
  });
  it('passes through what it cannot read', () => {
    expect(formatDay('soon')).toBe('soon');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2025-09-25T20:00:00Z');
  const ago = (ms: number): string => formatRelative(new Date(now - ms).toISOString(), now);
  it.each([
    [0, 'just now'],
    [59_999, 'just now'],
    [MINUTE_MS, '1 minute ago'],
    [5 * MINUTE_MS, '5 minutes ago'],
    [HOUR_MS, '1 hour ago'],
    [3 * HOUR_MS + 59 * MINUTE_MS, '3 hours ago'],
    [DAY_MS, 'yesterday'],
    [3 * DAY_MS, '3 days ago'],
    [29 * DAY_MS, '29 days ago'],
    [45 * DAY_MS, 'last month'],
    [100 * DAY_MS, '3 months ago'],
    [400 * DAY_MS, 'last year'],
  ])('%d ms ago → %s', (ms, text) => {
    expect(ago(ms)).toBe(text);
  });
  it('reads a future instant (a clock moved back) as just now', () => {
    expect(ago(-HOUR_MS)).toBe('just now');
  });
  it('says so when the instant is unreadable', () => {
    expect(formatRelative('not a date', now)).toBe('at an unknown time');
  });
});
