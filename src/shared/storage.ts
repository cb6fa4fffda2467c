/**
 * Loading and saving the one `Stored` object (see storage-schema.ts) in a storage area that is
 * passed in — `browser.storage.local` in the extension, an in-memory fake in tests.
 *
 * - `load()` never throws. What it finds is validated: nothing → `emptyStore()`; an older
 *   version → migrated step by step; a foreign or corrupt value → defaults, with the bad value
 *   kept aside under `consentLens:corrupt:<ISO time>` and the reason returned. Single bad service
 *   records are dropped, the good ones kept. A repaired value is written back.
 * - `save()` and `update()` report a full storage area as `StorageFullError`.
 * - Every load, save and update of one area runs in turn (a promise queue per area), so two
 *   reports handled at once cannot both read the old value and overwrite each other.
 *   The queue is only ordering, never data: the worker may die between two tasks.
 */
import * as v from 'valibot';
import {
  STORAGE_KEY,
  STORAGE_VERSION,
  emptyStore,
  type Prefs,
  type ServiceRecord,
  type Stored,
} from './storage-schema';
import { validateRule, type Rule } from '../rules/schema';

/** The part of `browser.storage.local` / `.session` used here. */
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** Prefix of the keys under which unreadable values are kept aside. */
export const CORRUPT_PREFIX = `${STORAGE_KEY}:corrupt:`;

/** The storage area is out of space; the write did not happen. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(cause: unknown) {
    super(
      'Consent Lens could not save: the browser\'s extension storage is full. ' +
        'Delete kept evidence or old data to make room.',
      { cause },
    );
  }
}

/** What the browsers throw when a storage area is over its quota. */
export function isQuotaError(e: unknown): boolean {
  if (e instanceof StorageFullError) return true;
  if (typeof e !== 'object' || e === null) return typeof e === 'string' && /quota/i.test(e);
  const { name, message } = e as { name?: unknown; message?: unknown };
  // Chrome: "QUOTA_BYTES quota exceeded" / "Resource::kQuotaBytes quota exceeded";
  // Firefox: a DOMException named QuotaExceededError.
  return name === 'QuotaExceededError' || (typeof message === 'string' && /quota/i.test(message));
}

export interface Recovery {
  /** One plain sentence: what was wrong with the saved data. */
  reason: string;
  /** Where the unreadable value was kept, or null when it could not be kept (storage full). */
  keptAs: string | null;
}

export interface LoadResult {
  stored: Stored;
  /** The version the value was migrated from, or null when no migration ran. */
  migratedFrom: number | null;
  /** Set when (part of) the saved value was unreadable and was replaced by defaults. */
  recovered: Recovery | null;
  /** Ids of the service records that were dropped as unreadable. */
  dropped: string[];
}

export interface LoadOptions {
  /** The clock, for the kept-aside key; tests pass a fixed one. */
  now?: () => Date;
}

// ── the queue ───────────────────────────────────────────────────────────────────────────

const queues = new WeakMap<object, Promise<unknown>>();

/** Runs `task` after every task queued before it on the same area, even failed ones. */
export function serialise<T>(area: object, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(area) ?? Promise.resolve();
  const run = previous.then(task, task);
  queues.set(
    area,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
}

// ── validation ──────────────────────────────────────────────────────────────────────────

const isoTime = v.pipe(
  v.string(),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'is not a date and time'),
);
const state = v.picklist(['on', 'off', 'mixed', 'unknown']);
const ObservationSchema = v.object({
  state,
  at: isoTime,
  url: v.string(),
  source: v.picklist(['terms-dialog', 'settings-page', 'turn-off', 'page']),
  changedInPage: v.optional(v.boolean()),
});
const ServiceRecordSchema = v.object({
  current: v.nullable(ObservationSchema),
  history: v.array(ObservationSchema),
  drift: v.nullable(
    v.object({ from: state, to: state, at: isoTime, url: v.string(), previousAt: isoTime }),
  ),
  deadline: v.nullable(
    v.object({
      date: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)),
      text: v.string(),
      source: v.picklist(['page', 'rule']),
      seenAt: isoTime,
      url: v.string(),
    }),
  ),
  termsNotifiedAt: v.optional(isoTime),
});
const PrefsSchema = v.object({ notifications: v.boolean() });
/** Same pattern as a rule id; it also keeps keys like `__proto__` out. */
const SERVICE_ID = /^[a-z][a-z0-9-]{1,30}$/;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'is not valid';
  const path = issue.path?.map((p) => String(p.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

// ── migration ───────────────────────────────────────────────────────────────────────────

type Step = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * `MIGRATIONS[n]` turns version n into version n + 1. Version 0 is a value without a `version`
 * field (the unversioned 0.1 draft, which kept `services` and perhaps `prefs`). A step only
 * reshapes; the result is validated afterwards, so a step need not check what it copies.
 */
export const MIGRATIONS: readonly Step[] = [
  (v0) => {
    const { services, prefs, ...rest } = v0;
    return { ...rest, version: 1, services, prefs: prefs ?? { notifications: false } };
  },
  // v1 → v2: the user's own rules, none yet.
  (v1) => ({ ...v1, version: 2, userRules: [] }),
];

export type MigrateResult =
  | { ok: true; value: Record<string, unknown>; from: number }
  | { ok: false; reason: string };

/** Brings a stored object to STORAGE_VERSION, or says why it cannot. Pure. */
export function migrate(value: unknown): MigrateResult {
  if (!isPlainObject(value)) return { ok: false, reason: `the saved data is ${describe(value)}, not an object` };
  const raw = value.version === undefined ? 0 : value.version;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
    return { ok: false, reason: `the saved data has an unreadable version (${JSON.stringify(raw) ?? String(raw)})` };
  }
  if (raw > STORAGE_VERSION) {
    return { ok: false, reason: `the saved data is from a newer version of Consent Lens (v${raw}; this one reads v${STORAGE_VERSION})` };
  }
  let out = value;
  for (let n = raw; n < STORAGE_VERSION; n++) {
    const step = MIGRATIONS[n];
    if (!step) return { ok: false, reason: `there is no migration from version ${n}` };
    out = step(out);
  }
  return { ok: true, value: out, from: raw };
}

type CheckResult =
  | { ok: true; stored: Stored; dropped: string[]; prefsReset: boolean; rulesDropped: string[] }
  | { ok: false; reason: string };

/** Validates a current-version object; bad service records are dropped, bad prefs reset. */
function check(value: Record<string, unknown>): CheckResult {
  if (value.version !== STORAGE_VERSION) return { ok: false, reason: 'the saved data has the wrong version' };
  if (value.services === undefined) return { ok: false, reason: 'the saved data has no services: it is not ours' };
  if (!isPlainObject(value.services)) {
    return { ok: false, reason: `the saved services are ${describe(value.services)}, not an object` };
  }
  const services: Record<string, ServiceRecord> = {};
  const dropped: string[] = [];
  for (const [id, record] of Object.entries(value.services)) {
    const parsed = v.safeParse(ServiceRecordSchema, record);
    if (SERVICE_ID.test(id) && parsed.success) services[id] = parsed.output;
    else dropped.push(id);
  }
  const prefs = v.safeParse(PrefsSchema, value.prefs);
  const good: Prefs = prefs.success ? prefs.output : emptyStore().prefs;
  // Each user rule is checked as at import; a bad one is dropped, the others kept.
  const userRules: Rule[] = [];
  const rulesDropped: string[] = [];
  const rawRules = Array.isArray(value.userRules) ? value.userRules : [];
  if (!Array.isArray(value.userRules)) rulesDropped.push('(the list)');
  for (const [i, raw] of rawRules.entries()) {
    const checked = validateRule(raw);
    if (checked.ok && !userRules.some((r) => r.id === checked.rule.id)) userRules.push(checked.rule);
    else rulesDropped.push(typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : `#${i}`);
  }
  return {
    ok: true,
    stored: { version: STORAGE_VERSION, services, prefs: good, userRules },
    dropped,
    prefsReset: !prefs.success,
    rulesDropped,
  };
}

/** Pure part of `load()`: what a stored value means, and whether it must be rewritten. */
export function interpret(value: unknown): {
  stored: Stored;
  migratedFrom: number | null;
  dropped: string[];
  /** Why the value could not be read as it is; null when it could. */
  problem: string | null;
  /** The value must be replaced (discarded, migrated or cleaned). */
  rewrite: boolean;
} {
  if (value === undefined) return { stored: emptyStore(), migratedFrom: null, dropped: [], problem: null, rewrite: false };
  const migrated = migrate(value);
  if (!migrated.ok) return { stored: emptyStore(), migratedFrom: null, dropped: [], problem: migrated.reason, rewrite: true };
  const checked = check(migrated.value);
  const migratedFrom = migrated.from === STORAGE_VERSION ? null : migrated.from;
  if (!checked.ok) return { stored: emptyStore(), migratedFrom: null, dropped: [], problem: checked.reason, rewrite: true };
  const parts: string[] = [];
  if (checked.dropped.length) {
    const n = checked.dropped.length;
    parts.push(`${n} unreadable service record${n === 1 ? ' was' : 's were'} dropped (${checked.dropped.join(', ')})`);
  }
  if (checked.prefsReset) parts.push('the preferences were unreadable and were reset');
  if (checked.rulesDropped.length) parts.push(`unreadable user rules were dropped (${checked.rulesDropped.join(', ')})`);
  if (parts.length) {
    const detail = firstIssueOf(migrated.value, checked.dropped);
    parts[0] = `${parts[0]}${detail ? `: ${detail}` : ''}`;
  }
  return {
    stored: checked.stored,
    migratedFrom,
    dropped: checked.dropped,
    problem: parts.length ? `${parts.join('; ')}.` : null,
    rewrite: migratedFrom !== null || parts.length > 0,
  };
}

/** The first validation message of the first dropped record, for the recovery reason. */
function firstIssueOf(value: Record<string, unknown>, dropped: string[]): string | null {
  const id = dropped[0];
  if (id === undefined || !isPlainObject(value.services)) return null;
  if (!SERVICE_ID.test(id)) return `"${id}" is not a service id`;
  const parsed = v.safeParse(ServiceRecordSchema, value.services[id]);
  return parsed.success ? null : `${id}.${firstIssue(parsed.issues)}`;
}

// ── load / save ─────────────────────────────────────────────────────────────────────────

/** The area itself failed to read: `update()` must not write defaults over data it never saw. */
class UnreadableAreaError extends Error {
  override readonly name = 'UnreadableAreaError';
}

async function readAndRepair(area: StorageArea, now: () => Date): Promise<LoadResult> {
  let value: unknown;
  try {
    value = (await area.get(STORAGE_KEY))[STORAGE_KEY];
  } catch (e) {
    throw new UnreadableAreaError(`the saved data could not be read (${errorText(e)})`, { cause: e });
  }
  const seen = interpret(value);
  let recovered: Recovery | null = null;
  if (seen.problem !== null) {
    const keptAs = `${CORRUPT_PREFIX}${now().toISOString()}`;
    try {
      await area.set({ [keptAs]: { reason: seen.problem, value } });
      recovered = { reason: seen.problem, keptAs };
    } catch (e) {
      // Keep the bad value where it is rather than lose it; defaults are used in memory.
      const why = isQuotaError(e) ? 'storage is full' : errorText(e);
      return {
        stored: seen.stored,
        migratedFrom: seen.migratedFrom,
        recovered: { reason: `${seen.problem} (the old data stays in place: ${why})`, keptAs: null },
        dropped: seen.dropped,
      };
    }
  }
  if (seen.rewrite) {
    try {
      await area.set({ [STORAGE_KEY]: seen.stored });
    } catch {
      // The repaired value is still returned; the next load repairs again.
    }
  }
  return { stored: seen.stored, migratedFrom: seen.migratedFrom, recovered, dropped: seen.dropped };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function write(area: StorageArea, stored: Stored): Promise<void> {
  try {
    await area.set({ [STORAGE_KEY]: stored });
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError(e);
    throw e;
  }
}

/** Reads, validates, migrates or recovers the stored value. Never throws. */
export function load(area: StorageArea, options: LoadOptions = {}): Promise<LoadResult> {
  const now = options.now ?? (() => new Date());
  return serialise(area, () =>
    readAndRepair(area, now).catch((e: unknown) => ({
      stored: emptyStore(),
      migratedFrom: null,
      recovered: { reason: errorText(e), keptAs: null },
      dropped: [],
    })),
  );
}

/** Writes the whole value. Rejects with `StorageFullError` when the area is full. */
export function save(area: StorageArea, stored: Stored): Promise<void> {
  return serialise(area, () => write(area, stored));
}

/**
 * Read, change, write as one queued step: the way to change stored data. `change` must be pure
 * and synchronous; when it returns the very object it was given, nothing is written.
 * Rejects with `StorageFullError` when the area is full, and without writing when the area
 * cannot be read at all.
 */
export function update(
  area: StorageArea,
  change: (stored: Stored) => Stored,
  options: LoadOptions = {},
): Promise<Stored> {
  const now = options.now ?? (() => new Date());
  return serialise(area, async () => {
    const { stored } = await readAndRepair(area, now);
    const next = change(stored);
    if (next !== stored) await write(area, next);
    return next;
  });
}

export interface KeptAside {
  key: string;
  /** When it was kept aside (ISO), from the key. */
  at: string;
  reason: string;
}

/** The unreadable values kept aside so far, newest first (for the popup or options page). */
export async function listRecoveries(area: StorageArea): Promise<KeptAside[]> {
  let all: Record<string, unknown>;
  try {
    all = await area.get(null);
  } catch {
    return [];
  }
  return Object.entries(all)
    .filter(([key]) => key.startsWith(CORRUPT_PREFIX))
    .map(([key, kept]) => ({
      key,
      at: key.slice(CORRUPT_PREFIX.length),
      reason: isPlainObject(kept) && typeof kept.reason === 'string' ? kept.reason : 'unknown',
    }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
