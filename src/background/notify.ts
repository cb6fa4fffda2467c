/**
 * Notifications, the pure part: which reminders to schedule, what to say, when a terms dialog
 * deserves a notice. No browser, no clock: `now` is a parameter. Effects are in notifier.ts.
 *
 * Reminder times are local: 09:00 on the day three days before the deadline, so "3 days left"
 * reads true wherever the user is. A reminder whose time has passed is not scheduled: the
 * alarm set is then a function of (deadlines, now) and scheduling it again is harmless.
 */
import type { Report } from '../engine/types';
import type { Words } from '../i18n/words';
import type { ServiceRecord } from '../shared/storage-schema';
import type { Alarm } from './port';

export const REMIND_DAYS_BEFORE = 3;
export const REMIND_HOUR = 9;
/** At most one terms notice per service in this long. */
export const TERMS_NOTICE_EVERY_MS = 24 * 60 * 60 * 1000;
export const DEADLINE_ALARM_PREFIX = 'consentLens:deadline:';
export const TERMS_NOTICE_PREFIX = 'consentLens:terms:';

export interface KnownDeadline {
  service: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface PlannedAlarm extends KnownDeadline {
  name: string;
  /** Epoch ms. */
  when: number;
}

const ID = '[a-z][a-z0-9-]{1,30}';
const DATE = '\\d{4}-\\d{2}-\\d{2}';
const ALARM_NAME = new RegExp(`^${DEADLINE_ALARM_PREFIX}(${ID}):(${DATE})$`);
const TERMS_ID = new RegExp(`^${TERMS_NOTICE_PREFIX}(${ID})$`);

/** The alarm name for a deadline: the same deadline always gives the same name. */
export function alarmName(d: KnownDeadline): string {
  return `${DEADLINE_ALARM_PREFIX}${d.service}:${d.date}`;
}

export function parseAlarmName(name: string): KnownDeadline | null {
  const m = ALARM_NAME.exec(name);
  return m ? { service: m[1]!, date: m[2]! } : null;
}

/** The service a notification (terms notice or deadline reminder) is about. */
export function notificationService(id: string): string | null {
  return parseAlarmName(id)?.service ?? TERMS_ID.exec(id)?.[1] ?? null;
}

function parts(date: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? [y, mo, d] : null;
}

/** When to remind of a deadline (epoch ms, local time), or null for a date that is not one. */
export function reminderTime(date: string): number | null {
  const p = parts(date);
  return p ? new Date(p[0], p[1] - 1, p[2] - REMIND_DAYS_BEFORE, REMIND_HOUR).getTime() : null;
}

/** Calendar days from `now`'s local date to the deadline (0 on the day, negative after). */
export function daysLeft(date: string, now: Date): number {
  const p = parts(date);
  if (!p) return Number.NaN;
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((Date.UTC(p[0], p[1] - 1, p[2]) - today) / 86_400_000);
}

/** The reminders to have: one per distinct deadline whose reminder time is still ahead. */
export function alarmsFor(deadlines: readonly KnownDeadline[], now: Date): PlannedAlarm[] {
  const out = new Map<string, PlannedAlarm>();
  for (const d of deadlines) {
    const when = reminderTime(d.date);
    if (when === null || when <= now.getTime()) continue;
    const name = alarmName(d);
    out.set(name, { name, when, service: d.service, date: d.date });
  }
  return [...out.values()];
}

/** What to change so that our alarms are exactly `planned` (alarms of others are left alone). */
export function alarmChanges(
  planned: readonly PlannedAlarm[],
  existing: readonly Alarm[],
): { create: PlannedAlarm[]; clear: string[] } {
  const ours = existing.filter((a) => a.name.startsWith(DEADLINE_ALARM_PREFIX));
  const wanted = new Map(planned.map((p) => [p.name, p]));
  return {
    create: planned.filter((p) => !ours.some((a) => a.name === p.name && a.scheduledTime === p.when)),
    clear: ours.filter((a) => wanted.get(a.name)?.when !== a.scheduledTime).map((a) => a.name),
  };
}

/** A training control is ON in a terms-update dialog of this report. */
export function termsTrainingOn(report: Report): boolean {
  const terms = new Set(report.surfaces.filter((s) => s.kind === 'terms-update').map((s) => s.id));
  return report.controls.some(
    (c) => c.purpose === 'ai-training' && c.state === 'on' && c.surfaceId !== null && terms.has(c.surfaceId),
  );
}

/** No terms notice for this service in the last 24 h. */
export function termsNoticeDue(record: ServiceRecord | null, now: Date): boolean {
  const last = record?.termsNotifiedAt ? Date.parse(record.termsNotifiedAt) : Number.NaN;
  return Number.isNaN(last) || now.getTime() - last >= TERMS_NOTICE_EVERY_MS || last > now.getTime();
}

export interface Notice {
  title: string;
  message: string;
}

/** In the browser's language when `w` is given (the extension), else English (tests, tools). */
export function termsNotice(serviceName: string, w?: Words): Notice {
  if (w) return { title: w.t('extName'), message: w.t('noticeTerms', serviceName) };
  return {
    title: 'Consent Lens',
    message: `${serviceName} asks you to accept new terms — the training switch is ON`,
  };
}

function longDate(date: string): string {
  const p = parts(date);
  if (!p) return date;
  return new Date(Date.UTC(p[0], p[1] - 1, p[2])).toLocaleDateString('en', { dateStyle: 'long', timeZone: 'UTC' });
}

export function deadlineNotice(service: { name: string; settingsPath: string }, date: string, now: Date, w?: Words): Notice {
  const days = daysLeft(date, now);
  if (w) {
    const left = days <= 0 ? w.t('noticeToday') : w.t('countdownLeft', w.amount(days, 'day'));
    return { title: w.t('noticeTitle', service.name, left), message: w.t('noticeDeadline', w.day(date), service.settingsPath) };
  }
  const left = days <= 0 ? 'the deadline is today' : days === 1 ? '1 day left' : `${days} days left`;
  return {
    title: `${service.name}: ${left}`,
    message: `Decide by ${longDate(date)} whether your chats may be used to train AI models. The switch: ${service.settingsPath}.`,
  };
}
