/**
 * Pure date and countdown arithmetic for the popup (and anything else that shows a deadline);
 * src/i18n/words.ts words the results in the user's language. Every function takes `now` as an
 * argument: callers pass `Date.now()`, tests pass a fixed clock. Arithmetic is on UTC
 * milliseconds only, so daylight-saving changes never add or lose an hour.
 *
 * WHICH INSTANT A DEADLINE DATE MEANS. A deadline is a calendar date ("YYYY-MM-DD") with no
 * time of day and no zone. We count to the START of that day in UTC (00:00Z), not its end:
 * "will take effect on October 8, 2025" means the new terms already apply on the 8th, so the
 * last moment to decide under the old ones is before it begins. Counting to the start never
 * tells anyone they have time they do not have; for people west of UTC it falls on the
 * evening before, which errs the same safe way.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 00:00 UTC of a `YYYY-MM-DD` date, in ms since the epoch; null when it is not a real date. */
export function deadlineInstant(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms;
}

export type TimeUnit = 'day' | 'hour' | 'minute';
export interface TimePart {
  unit: TimeUnit;
  n: number;
}

/**
 * The countdown as data, for wording in any language (src/i18n/words.ts), rounded down (never
 * overstating the time left): `left` with one or two non-zero parts (days and hours, or hours
 * and minutes), `soon` under a minute, `passed` with the largest whole unit gone, `now` within a
 * minute after.
 */
export type Countdown =
  | { kind: 'left'; parts: TimePart[] }
  | { kind: 'soon' }
  | { kind: 'passed'; part: TimePart }
  | { kind: 'now' };

export function countdownOf(deadlineMs: number, now: number): Countdown {
  const left = deadlineMs - now;
  if (left > 0) {
    const days = Math.floor(left / DAY_MS);
    const hours = Math.floor((left % DAY_MS) / HOUR_MS);
    const minutes = Math.floor((left % HOUR_MS) / MINUTE_MS);
    const pair = (a: TimePart, b: TimePart): TimePart[] => [a, b].filter((p) => p.n > 0);
    if (days > 0) return { kind: 'left', parts: pair({ unit: 'day', n: days }, { unit: 'hour', n: hours }) };
    if (hours > 0) return { kind: 'left', parts: pair({ unit: 'hour', n: hours }, { unit: 'minute', n: minutes }) };
    if (minutes > 0) return { kind: 'left', parts: [{ unit: 'minute', n: minutes }] };
    return { kind: 'soon' };
  }
  const ago = -left;
  const days = Math.floor(ago / DAY_MS);
  if (days > 0) return { kind: 'passed', part: { unit: 'day', n: days } };
  const hours = Math.floor(ago / HOUR_MS);
  if (hours > 0) return { kind: 'passed', part: { unit: 'hour', n: hours } };
  const minutes = Math.floor(ago / MINUTE_MS);
  if (minutes > 0) return { kind: 'passed', part: { unit: 'minute', n: minutes } };
  return { kind: 'now' };
}

/** True once the deadline's instant has come. */
export function isPast(deadlineMs: number, now: number): boolean {
  return now >= deadlineMs;
}

/**
 * The time left as an ISO 8601 duration for `<time datetime>` ("P12DT4H3M"), rounded down
 * to the minute; "PT0M" at or after the deadline.
 */
export function isoDuration(deadlineMs: number, now: number): string {
  const left = Math.max(0, deadlineMs - now);
  const days = Math.floor(left / DAY_MS);
  const hours = Math.floor((left % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((left % HOUR_MS) / MINUTE_MS);
  const time = `${hours ? `${hours}H` : ''}${minutes || (!days && !hours) ? `${minutes}M` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** How long ago, as data: under a minute (`now`), else the largest whole unit; null for a bad time. */
export type Ago = { unit: 'now' } | { unit: 'minute' | 'hour' | 'day' | 'month' | 'year'; n: number };

export function agoOf(iso: string, now: number): Ago | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const ago = now - at;
  if (ago < MINUTE_MS) return { unit: 'now' };
  if (ago < HOUR_MS) return { unit: 'minute', n: Math.floor(ago / MINUTE_MS) };
  if (ago < DAY_MS) return { unit: 'hour', n: Math.floor(ago / HOUR_MS) };
  const days = Math.floor(ago / DAY_MS);
  if (days < 30) return { unit: 'day', n: days };
  if (days < 365) return { unit: 'month', n: Math.floor(days / 30) };
  return { unit: 'year', n: Math.floor(days / 365) };
}
