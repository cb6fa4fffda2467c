/**
 * The user's choice on a service, over time. Pure functions over the report and the stored
 * record: no browser, no clock (times come from the observations).
 *
 * Drift: a settings page that shows a different state from the last one we trust, with no
 * action of the user's seen in between. "Trust" means the state came from a settings page, from
 * our own turn-off, or from a change the user made in the page. A terms dialog's preset is not
 * trusted: the dialog shows what it proposes, not what is saved. Looking back past such presets
 * is what catches the case that matters most — settings OFF, then a dialog preset ON accepted
 * with one click, then settings ON.
 */
import type { Report, SurfaceKind } from '../engine/types';
import type { Rule, RuleDeadline } from '../rules/schema';
import type { DeadlineView, ObservationSource } from './messages';
import { currentRuleDeadline } from '../rules/deadlines';
import { HISTORY_LIMIT, emptyRecord, type Observation, type ServiceRecord } from './storage-schema';

/** Where a control on a surface of this kind was seen. */
export function sourceFor(kind: SurfaceKind | null): ObservationSource {
  if (kind === 'settings') return 'settings-page';
  if (kind === 'terms-update' || kind === 'consent-prompt') return 'terms-dialog';
  return 'page';
}

const RANK: Record<ObservationSource, number> = { 'settings-page': 0, 'terms-dialog': 1, page: 2, 'turn-off': 3 };

/**
 * The observation of the user's choice in a report: its training controls with a known state,
 * preferring one on a settings surface (then a terms or consent dialog, then anything). When the
 * chosen surface holds several training controls (Copilot: text and voice) their states are
 * combined: all on → on, all off → off, otherwise mixed. Null when there is nothing to observe.
 */
export function observationFrom(report: Report): Observation | null {
  if (report.error !== undefined) return null;
  const kinds = new Map(report.surfaces.map((s) => [s.id, s.kind]));
  const known = report.controls
    .filter((c) => c.purpose === 'ai-training' && c.state !== 'unknown')
    .map((c) => ({ control: c, source: sourceFor(c.surfaceId === null ? null : (kinds.get(c.surfaceId) ?? null)) }));
  if (!known.length) return null;
  const best = known.reduce((a, b) => (RANK[b.source] < RANK[a.source] ? b : a));
  const group = known.filter((k) => k.control.surfaceId === best.control.surfaceId && k.source === best.source);
  const states = new Set(group.map((k) => k.control.state));
  const state = states.size === 1 ? best.control.state : 'mixed';
  return { state, at: report.scannedAt, url: report.url, source: best.source };
}

/** The user's own choice: a settings page, our turn-off, or a change made in the page. */
function trusted(o: Observation): boolean {
  return o.source === 'settings-page' || o.source === 'turn-off' || o.changedInPage === true;
}

/** The latest trusted observation: `current` when it is trusted, else back through the history. */
function baseline(record: ServiceRecord): Observation | null {
  if (record.current && trusted(record.current)) return record.current;
  for (let i = record.history.length - 1; i >= 0; i--) {
    const o = record.history[i]!;
    if (trusted(o)) return o;
  }
  return null;
}

export interface RecordOptions {
  /** The user changed the training control while the page was open. */
  changedInPage: boolean;
}

/**
 * The record after one more observation. History grows only when the state or the source
 * changed (oldest dropped past HISTORY_LIMIT); `current` always moves on; drift is set, kept or
 * cleared as described at the top. An observation with an unknown state changes nothing.
 */
export function recordObservation(
  record: ServiceRecord | null,
  observation: Observation,
  options: RecordOptions,
): ServiceRecord {
  const before = record ?? emptyRecord();
  if (observation.state === 'unknown') return before;
  const obs: Observation = { ...observation };
  if (options.changedInPage) obs.changedInPage = true;
  else delete obs.changedInPage;

  const last = before.history[before.history.length - 1];
  const history =
    last && last.state === obs.state && last.source === obs.source
      ? before.history
      : [...before.history, obs].slice(-HISTORY_LIMIT);

  let drift = before.drift;
  if (obs.changedInPage || obs.source === 'turn-off') {
    drift = null;
  } else if (obs.source === 'settings-page') {
    const base = baseline(before);
    if (base && base.state !== obs.state) {
      drift = { from: base.state, to: obs.state, at: obs.at, url: obs.url, previousAt: base.at };
    }
  }
  return { ...before, current: obs, history, drift };
}

/** The record after a report: keeps the deadline the page showed, if it showed one. */
export function recordPageDeadline(record: ServiceRecord | null, report: Report): ServiceRecord {
  const before = record ?? emptyRecord();
  const d = report.deadline;
  if (!d || d.source !== 'page') return before;
  return { ...before, deadline: { date: d.date, text: d.text, source: 'page', seenAt: report.scannedAt, url: report.url } };
}

export { currentRuleDeadline };

/** Follows `supersededBy` from `date` to the date that replaced it last (null: not superseded). */
function replacementOf(rule: Rule, date: string): RuleDeadline | null {
  let at = rule.deadlines.find((d) => d.date === date);
  if (!at?.supersededBy) return null;
  const seen = new Set<string>();
  while (at?.supersededBy && !seen.has(at.date)) {
    seen.add(at.date);
    const next: string = at.supersededBy;
    at = rule.deadlines.find((d) => d.date === next);
  }
  return at ?? null;
}

/**
 * The deadline to show for a service: the one a page showed, else the rule's current one with
 * `where` = its documented source. A page date that the rule knows was moved (Claude's dialogs
 * showed 2025-09-28 before it became 2025-10-08) gives way to the date that replaced it.
 */
export function deadlineFor(rule: Rule | null, record: ServiceRecord | null): DeadlineView | null {
  const seen = record?.deadline ?? null;
  if (seen) {
    const moved = rule ? replacementOf(rule, seen.date) : null;
    if (!moved) return { date: seen.date, text: seen.text, source: seen.source, where: seen.url };
    return { date: moved.date, text: moved.note, source: 'rule', where: moved.source };
  }
  const d = rule ? currentRuleDeadline(rule) : null;
  return d ? { date: d.date, text: d.note, source: 'rule', where: d.source } : null;
}
