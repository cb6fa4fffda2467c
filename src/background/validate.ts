/**
 * Field checks for what a message carries beyond `isMessage`'s shape check. The report comes
 * from a content script that reads an untrusted page, so every field the background uses is
 * checked, and the report must describe the page that sent it.
 */
import * as v from 'valibot';
import { REPORT_SCHEMA, type Report, type State } from '../engine/types';
import { FINDING_IDS } from '../engine/findings-words';
import { MAX_REPORT_ITEMS } from '../shared/limits';
import type { Prefs } from '../shared/storage-schema';

/** A control or a surface has at most one finding of each of the nine kinds. */
const MAX_FINDINGS = 20;

const StateSchema = v.picklist(['on', 'off', 'mixed', 'unknown']);

/**
 * The background words every finding itself (findings-words.ts: `message` and `refs` are
 * overwritten, never kept from the page): it reads the id and the `measured` object, whose
 * values it reads by type (Chrome's messages are JSON: an Infinity or NaN arrives as null).
 */
const Findings = v.pipe(v.array(v.looseObject({ id: v.picklist(FINDING_IDS), measured: v.looseObject({}) })), v.maxLength(MAX_FINDINGS));

const ReportFields = v.looseObject({
  schema: v.literal(REPORT_SCHEMA),
  url: v.string(),
  scannedAt: v.pipe(
    v.string(),
    v.check((s) => !Number.isNaN(Date.parse(s))),
  ),
  service: v.nullable(v.string()),
  surfaces: v.pipe(
    v.array(
      v.looseObject({
        id: v.string(),
        kind: v.picklist(['terms-update', 'consent-prompt', 'settings', 'other']),
        primaryAction: v.nullable(v.looseObject({ label: v.string() })),
        findings: Findings,
      }),
    ),
    v.maxLength(MAX_REPORT_ITEMS),
  ),
  controls: v.pipe(
    v.array(
      v.looseObject({
        id: v.string(),
        purpose: v.picklist(['ai-training', 'other']),
        state: StateSchema,
        kind: v.picklist(['switch', 'checkbox', 'choice', 'button']),
        surfaceId: v.nullable(v.string()),
        findings: Findings,
        deferred: v.optional(v.literal(true)),
        note: v.optional(v.string()),
      }),
    ),
    v.maxLength(MAX_REPORT_ITEMS),
  ),
  deadline: v.nullable(
    v.looseObject({
      date: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)),
      text: v.string(),
      source: v.picklist(['page', 'rule']),
    }),
  ),
});

function origin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The report, when the fields the background uses are sound and its URL is on the sending
 * page's origin; otherwise null.
 */
export function validReport(report: unknown, pageUrl: string): Report | null {
  if (!v.is(ReportFields, report)) return null;
  const from = origin(pageUrl);
  if (from === null || origin(report.url) !== from) return null;
  // The checked fields are the ones read here; the rest is stored and shown as text only.
  return report as unknown as Report;
}

export function isState(x: unknown): x is State {
  return v.is(StateSchema, x);
}

/** The known, well-typed fields of a prefs change; anything else is ignored. */
export function prefsChange(partial: unknown): Partial<Prefs> {
  const out: Partial<Prefs> = {};
  if (typeof partial !== 'object' || partial === null) return out;
  const { notifications } = partial as { notifications?: unknown };
  if (typeof notifications === 'boolean') out.notifications = notifications;
  return out;
}

export function isTabId(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}
