/**
 * Putting set-aside data back. When a newer version of Consent Lens wrote the stored value and
 * an older one then ran, the older one kept that value aside and started afresh (storage.ts);
 * once a version that reads it runs again, the two are merged here: the history from before,
 * then what was recorded while the older version ran. Pure.
 */
import { recordObservation } from './choices';
import { emptyStore, type Observation, type ServiceRecord, type Stored } from './storage-schema';

const sameObservation = (o: Observation): string => `${o.at}|${o.state}|${o.source}|${o.url}`;
const byTime = (a: Observation, b: Observation): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/**
 * `later`'s observations replayed onto `earlier`, oldest first, the way they were recorded: so
 * history, `current` and drift read as if one version had seen them all (a settings page seen
 * while the older version ran is compared with the choice from before). An observation
 * `earlier` already holds is skipped, so restoring the same data twice changes nothing.
 */
export function mergeRecord(earlier: ServiceRecord, later: ServiceRecord): ServiceRecord {
  const known = new Set([...earlier.history, ...(earlier.current ? [earlier.current] : [])].map(sameObservation));
  const replay = [...later.history];
  const last = replay[replay.length - 1];
  if (later.current && (!last || sameObservation(last) !== sameObservation(later.current))) replay.push(later.current);
  let record = earlier;
  for (const o of replay.sort(byTime)) {
    if (known.has(sameObservation(o))) continue;
    known.add(sameObservation(o));
    record = recordObservation(record, o, { changedInPage: o.changedInPage === true });
  }
  const deadline =
    later.deadline && (!earlier.deadline || later.deadline.seenAt >= earlier.deadline.seenAt) ? later.deadline : earlier.deadline;
  const notified = [earlier.termsNotifiedAt, later.termsNotifiedAt].filter((t): t is string => t !== undefined).sort().pop();
  const merged: ServiceRecord = { ...record, deadline };
  if (notified !== undefined) merged.termsNotifiedAt = notified;
  return merged;
}

/**
 * One value from the one kept aside (`earlier`) and the one recorded since (`later`).
 * Services: merged record by record. Prefs: `later`'s when the user changed them from the
 * defaults while the older version ran, else `earlier`'s (the choice they had made before).
 * The user's rules: all of both, `later`'s copy where both have a rule with the same id.
 */
export function mergeStored(earlier: Stored, later: Stored): Stored {
  const services: Record<string, ServiceRecord> = { ...earlier.services };
  for (const [id, record] of Object.entries(later.services)) {
    const before = services[id];
    services[id] = before ? mergeRecord(before, record) : record;
  }
  const defaults = emptyStore().prefs;
  const changed = (Object.keys(defaults) as (keyof typeof defaults)[]).some((k) => later.prefs[k] !== defaults[k]);
  const laterIds = new Set(later.userRules.map((r) => r.id));
  return {
    ...later,
    services,
    prefs: changed ? later.prefs : earlier.prefs,
    userRules: [...earlier.userRules.filter((r) => !laterIds.has(r.id)), ...later.userRules],
  };
}
