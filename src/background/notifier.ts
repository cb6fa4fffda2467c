/**
 * Notifications, the effects: only when the user opted in (`prefs.notifications`) and the
 * optional permission is granted. Never fails for their absence; failures are warned, not thrown.
 */
import type { Rule } from '../rules/schema';
import { deadlineFor } from '../shared/choices';
import { load } from '../shared/storage';
import type { Stored } from '../shared/storage-schema';
import {
  DEADLINE_ALARM_PREFIX,
  TERMS_NOTICE_PREFIX,
  alarmChanges,
  alarmsFor,
  deadlineNotice,
  notificationService,
  parseAlarmName,
  termsNotice,
  type KnownDeadline,
  type Notice,
} from './notify';
import type { Alarm, Deps } from './port';

const ICON = 'icons/icon-128.png';

/** The optional permission is granted (and its API is there). */
export async function permitted(deps: Deps, permission: 'alarms' | 'notifications'): Promise<boolean> {
  const api = permission === 'alarms' ? deps.port.alarms() : deps.port.notifications();
  if (!api) return false;
  try {
    return await deps.port.permissions.contains({ permissions: [permission] });
  } catch {
    return false;
  }
}

/** The deadline each service shows (page-seen, else its rule's current one). */
export function knownDeadlines(rules: readonly Rule[], stored: Stored): KnownDeadline[] {
  return rules.flatMap((rule) => {
    const d = deadlineFor(rule, stored.services[rule.id] ?? null);
    return d ? [{ service: rule.id, date: d.date }] : [];
  });
}

/**
 * Makes our alarms match the known deadlines: a reminder before each future one while
 * notifications are on, none while they are off. Safe to call any number of times.
 */
export async function reconcileAlarms(deps: Deps, stored?: Stored): Promise<void> {
  const alarms = deps.port.alarms();
  if (!alarms || !(await permitted(deps, 'alarms'))) return;
  try {
    const s = stored ?? (await load(deps.port.storage.local)).stored;
    const planned = s.prefs.notifications ? alarmsFor(knownDeadlines(deps.rules, s), deps.now()) : [];
    const { create, clear } = alarmChanges(planned, await alarms.getAll());
    for (const name of clear) await alarms.clear(name);
    for (const a of create) await alarms.create(a.name, { when: a.when });
  } catch (e) {
    deps.warn('could not schedule deadline reminders', e);
  }
}

async function show(deps: Deps, id: string, notice: Notice): Promise<void> {
  const notifications = deps.port.notifications();
  if (!notifications || !(await permitted(deps, 'notifications'))) return;
  try {
    await notifications.create(id, {
      type: 'basic',
      iconUrl: deps.port.runtime.getURL(ICON),
      title: notice.title,
      message: notice.message,
    });
  } catch (e) {
    deps.warn('could not show a notification', e);
  }
}

/** The terms notice; the caller has checked the opt-in and the 24 h limit. */
export function notifyTerms(deps: Deps, rule: Rule): Promise<void> {
  return show(deps, `${TERMS_NOTICE_PREFIX}${rule.id}`, termsNotice(rule.name, deps.words));
}

/** A reminder alarm went off: notify, unless opted out or the deadline has since changed. */
export async function onAlarm(deps: Deps, alarm: Alarm): Promise<void> {
  if (!alarm.name.startsWith(DEADLINE_ALARM_PREFIX)) return;
  const due = parseAlarmName(alarm.name);
  const rule = due ? deps.rules.find((r) => r.id === due.service) : undefined;
  if (!due || !rule) return;
  const { stored } = await load(deps.port.storage.local);
  if (!stored.prefs.notifications) return;
  if (deadlineFor(rule, stored.services[rule.id] ?? null)?.date !== due.date) return;
  await show(deps, alarm.name, deadlineNotice({ name: rule.name, settingsPath: rule.settings.path }, due.date, deps.now(), deps.words));
}

/** A click on one of our notifications opens the service's setting. */
export async function onNotificationClicked(deps: Deps, id: string): Promise<void> {
  const service = notificationService(id);
  const rule = service ? deps.rules.find((r) => r.id === service) : undefined;
  if (!rule) return;
  try {
    await deps.port.tabs.create({ url: rule.settings.url });
    await deps.port.notifications()?.clear(id);
  } catch (e) {
    deps.warn('could not open the service\'s settings', e);
  }
}
