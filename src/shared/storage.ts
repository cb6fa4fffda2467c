/**
 * Loading and saving the one `Stored` object (see storage-schema.ts) in a storage area that is
 * passed in — `browser.storage.local` in the extension, an in-memory fake in tests.
 *
 * - `load()` never throws. What it finds is validated: nothing → `emptyStore()`; an older
 *   version → migrated step by step; a foreign or corrupt value → defaults, with the bad value
 *   kept aside under `consentLens:corrupt:<ISO time>` and the reason returned. Single bad service
 *   records are dropped, the good ones kept. A repaired value is written back.
 * - A value from a newer version (a downgrade) is kept aside the same way and listed under
 *   ASIDE_KEY; once a version that reads it loads, it is migrated and merged back with what was
 *   recorded in the meantime (storage-merge.ts), in one write.
 * - `save()` and `update()` report a full storage area as `StorageFullError`. `update()` never
 *   writes over a value it could not keep aside: it rejects and leaves it in place.
 * - Every load, save and update of one area runs in turn (a promise queue per area), so two
 *   reports handled at once cannot both read the old value and overwrite each other.
 *   The queue is only ordering, never data: the worker may die between two tasks. Each write
 *   is one `set` call, which the browsers apply whole or not at all.
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
import { mergeStored } from './storage-merge';

/** The part of `browser.storage.local` / `.session` used here. */
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** Prefix of the keys under which unreadable values are kept aside. */
export const CORRUPT_PREFIX = `${STORAGE_KEY}:corrupt:`;
/**
 * The values kept aside because a newer version wrote them, to be put back: a list of
 * `{ key, version }`. A key of its own (not a field of the stored value), so that any version
 * that rewrites the stored value leaves it alone.
 */
export const ASIDE_KEY = `${STORAGE_KEY}:aside`;

/** Why a value was kept aside: a newer version wrote it, it could not be read, or part of it could not. */
export type KeptKind = 'newer' | 'unreadable' | 'partial';

/** What is stored under a `CORRUPT_PREFIX` key. */
export interface KeptEntry {
  reason: string;
  /** The value as it was found. */
  value: unknown;
  /** Absent in entries kept before it was recorded: read from the reason. */
  kind?: KeptKind;
  /** kind 'newer': the version that wrote the value. */
  version?: number;
  /** When it was kept aside (ISO); absent in older entries, whose key says. */
  at?: string;
  /** When it was merged back into the stored value. */
  restoredAt?: string;
  /** When the user dismissed the popup's notice of it (the options page still lists it). */
  dismissedAt?: string;
}

interface AsideRef {
  key: string;
  version: number;
}

/** The stored value could not be read and could not be kept aside: it was left as it is, nothing written. */
export class NotKeptAsideError extends Error {
  override readonly name = 'NotKeptAsideError';
  constructor(reason: string, cause: unknown) {
    super(`Consent Lens did not save, so as not to overwrite saved data it could not set aside: ${reason}`, { cause });
  }
}

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
  /** Keys of the values kept aside earlier that this load merged back. */
  restored: string[];
}

export interface LoadOptions {
  /** The clock, for the kept-aside key; tests pass a fixed one. */
  now?: () => Date;
  /**
   * The version this code reads and the steps up to it. Tests pass a later version's, to play
   * a downgrade and the return of the version that wrote the data.
   */
  reader?: Reader;
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

/** The newest version a build reads, and its steps up to it. */
export interface Reader {
  version: number;
  migrations: readonly Step[];
}
export const READER: Reader = { version: STORAGE_VERSION, migrations: MIGRATIONS };

export type MigrateResult =
  | { ok: true; value: Record<string, unknown>; from: number }
  | { ok: false; reason: string; newer?: number };

/** Brings a stored object to the reader's version (STORAGE_VERSION), or says why it cannot. Pure. */
export function migrate(value: unknown, reader: Reader = READER): MigrateResult {
  if (!isPlainObject(value)) return { ok: false, reason: `the saved data is ${describe(value)}, not an object` };
  const raw = value.version === undefined ? 0 : value.version;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
    return { ok: false, reason: `the saved data has an unreadable version (${JSON.stringify(raw) ?? String(raw)})` };
  }
  if (raw > reader.version) {
    return {
      ok: false,
      reason: `the saved data is from a newer version of Consent Lens (v${raw}; this one reads v${reader.version})`,
      newer: raw,
    };
  }
  let out = value;
  for (let n = raw; n < reader.version; n++) {
    const step = reader.migrations[n];
    if (!step) return { ok: false, reason: `there is no migration from version ${n}` };
    out = step(out);
  }
  return { ok: true, value: out, from: raw };
}

type CheckResult =
  | { ok: true; stored: Stored; dropped: string[]; prefsReset: boolean; rulesDropped: string[] }
  | { ok: false; reason: string };

/** Validates a current-version object; bad service records are dropped, bad prefs reset. */
function check(value: Record<string, unknown>, reader: Reader = READER): CheckResult {
  if (value.version !== reader.version) return { ok: false, reason: 'the saved data has the wrong version' };
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
  // A later reader (tests) gets its own version number on the same shape.
  const stored = { version: reader.version, services, prefs: good, userRules } as Stored;
  return {
    ok: true,
    stored,
    dropped,
    prefsReset: !prefs.success,
    rulesDropped,
  };
}

export interface Interpreted {
  stored: Stored;
  migratedFrom: number | null;
  dropped: string[];
  /** Why the value could not be read as it is; null when it could. */
  problem: string | null;
  /** What the problem means for the value: kept aside whole ('newer', 'unreadable') or in part. */
  kind: KeptKind | null;
  /** kind 'newer': the version that wrote it. */
  newer: number | null;
  /** The value must be replaced (discarded, migrated or cleaned). */
  rewrite: boolean;
}

/** Pure part of `load()`: what a stored value means, and whether it must be rewritten. */
export function interpret(value: unknown, reader: Reader = READER): Interpreted {
  const fresh = (): Stored => ({ ...emptyStore(), version: reader.version }) as Stored;
  if (value === undefined) {
    return { stored: fresh(), migratedFrom: null, dropped: [], problem: null, kind: null, newer: null, rewrite: false };
  }
  const migrated = migrate(value, reader);
  if (!migrated.ok) {
    const newer = migrated.newer ?? null;
    return { stored: fresh(), migratedFrom: null, dropped: [], problem: migrated.reason, kind: newer === null ? 'unreadable' : 'newer', newer, rewrite: true };
  }
  const checked = check(migrated.value, reader);
  const migratedFrom = migrated.from === reader.version ? null : migrated.from;
  if (!checked.ok) {
    return { stored: fresh(), migratedFrom: null, dropped: [], problem: checked.reason, kind: 'unreadable', newer: null, rewrite: true };
  }
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
    kind: parts.length ? 'partial' : null,
    newer: null,
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

interface Read extends LoadResult {
  /** A value that had to be kept aside could not be (the error): it must not be written over. */
  notKept: { error: unknown } | null;
}

function asideIndex(raw: unknown): AsideRef[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (a): a is AsideRef =>
      isPlainObject(a) && typeof a.key === 'string' && a.key.startsWith(CORRUPT_PREFIX) && typeof a.version === 'number' && Number.isInteger(a.version),
  );
}

/** The kept-aside key for a moment: `CORRUPT_PREFIX` + ISO time, with a suffix if that one is taken. */
function keyFor(stamp: string, taken: boolean): string {
  return `${CORRUPT_PREFIX}${stamp}${taken ? `~${Math.random().toString(36).slice(2, 8)}` : ''}`;
}

async function readAndRepair(area: StorageArea, now: () => Date, reader: Reader): Promise<Read> {
  const stamp = now().toISOString();
  let got: Record<string, unknown>;
  try {
    got = await area.get([STORAGE_KEY, ASIDE_KEY, keyFor(stamp, false)]);
  } catch (e) {
    throw new UnreadableAreaError(`the saved data could not be read (${errorText(e)})`, { cause: e });
  }
  const value = got[STORAGE_KEY];
  let aside = asideIndex(got[ASIDE_KEY]);
  const seen = interpret(value, reader);
  let recovered: Recovery | null = null;
  if (seen.problem !== null) {
    const keptAs = keyFor(stamp, keyFor(stamp, false) in got);
    const entry: KeptEntry = { reason: seen.problem, value, kind: seen.kind ?? 'unreadable', at: stamp };
    const writes: Record<string, unknown> = { [keptAs]: entry };
    if (seen.newer !== null) {
      entry.version = seen.newer;
      aside = [...aside, { key: keptAs, version: seen.newer }];
      writes[ASIDE_KEY] = aside;
    }
    try {
      await area.set(writes);
      recovered = { reason: seen.problem, keptAs };
    } catch (e) {
      // Keep the bad value where it is rather than lose it; defaults are used in memory only.
      const why = isQuotaError(e) ? 'storage is full' : errorText(e);
      return {
        stored: seen.stored,
        migratedFrom: seen.migratedFrom,
        recovered: { reason: `${seen.problem} (the old data stays in place: ${why})`, keptAs: null },
        dropped: seen.dropped,
        restored: [],
        notKept: { error: e },
      };
    }
  }
  const back = await restoreDue(area, seen.stored, aside, reader, stamp);
  if (seen.rewrite && back.restored.length === 0) {
    try {
      await area.set({ [STORAGE_KEY]: seen.stored });
    } catch {
      // The repaired value is still returned; the next load repairs again.
    }
  }
  return { stored: back.stored, migratedFrom: seen.migratedFrom, recovered, dropped: seen.dropped, restored: back.restored, notKept: null };
}

/**
 * Merges back every value kept aside that the reader now reads (oldest first, then what is
 * stored now), in one write with the index and the entries marked restored. A kept value that
 * no longer reads leaves the index (it stays kept, to export); when the write fails (storage
 * full) nothing changes and the next load tries again.
 */
async function restoreDue(
  area: StorageArea,
  stored: Stored,
  aside: AsideRef[],
  reader: Reader,
  stamp: string,
): Promise<{ stored: Stored; restored: string[] }> {
  const due = aside.filter((a) => a.version <= reader.version);
  if (!due.length) return { stored, restored: [] };
  let got: Record<string, unknown>;
  try {
    got = await area.get(due.map((a) => a.key));
  } catch {
    return { stored, restored: [] };
  }
  const back: { key: string; entry: KeptEntry; stored: Stored }[] = [];
  for (const { key } of due) {
    const entry = got[key];
    if (!isPlainObject(entry)) continue;
    const migrated = migrate(entry.value, reader);
    const checked = migrated.ok ? check(migrated.value, reader) : null;
    if (checked?.ok) back.push({ key, entry: entry as unknown as KeptEntry, stored: checked.stored });
  }
  back.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const merged = [...back.map((b) => b.stored), stored].reduce((earlier, later) => mergeStored(earlier, later));
  const writes: Record<string, unknown> = { [ASIDE_KEY]: aside.filter((a) => !due.includes(a)) };
  if (back.length) writes[STORAGE_KEY] = merged;
  for (const b of back) writes[b.key] = { ...b.entry, restoredAt: stamp };
  try {
    await area.set(writes);
  } catch {
    return { stored, restored: [] };
  }
  return { stored: merged, restored: back.map((b) => b.key) };
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

/** Reads, validates, migrates, restores or recovers the stored value. Never throws. */
export function load(area: StorageArea, options: LoadOptions = {}): Promise<LoadResult> {
  const now = options.now ?? (() => new Date());
  const reader = options.reader ?? READER;
  return serialise(area, () =>
    readAndRepair(area, now, reader).then(
      (r): LoadResult => ({ stored: r.stored, migratedFrom: r.migratedFrom, recovered: r.recovered, dropped: r.dropped, restored: r.restored }),
      (e: unknown) => ({
        stored: emptyStore(),
        migratedFrom: null,
        recovered: { reason: errorText(e), keptAs: null },
        dropped: [],
        restored: [],
      }),
    ),
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
 * cannot be read at all or when what it holds had to be kept aside and could not be
 * (`NotKeptAsideError`, or `StorageFullError` when that was for lack of room).
 */
export function update(
  area: StorageArea,
  change: (stored: Stored) => Stored,
  options: LoadOptions = {},
): Promise<Stored> {
  const now = options.now ?? (() => new Date());
  const reader = options.reader ?? READER;
  return serialise(area, async () => {
    const { stored, notKept, recovered } = await readAndRepair(area, now, reader);
    if (notKept) {
      if (isQuotaError(notKept.error)) throw new StorageFullError(notKept.error);
      throw new NotKeptAsideError(recovered?.reason ?? errorText(notKept.error), notKept.error);
    }
    const next = change(stored);
    if (next !== stored) await write(area, next);
    return next;
  });
}

export interface KeptAside {
  key: string;
  /** When it was kept aside (ISO). */
  at: string;
  reason: string;
  kind: KeptKind;
  /** kind 'newer': the version that wrote it. */
  version: number | null;
  restoredAt: string | null;
  dismissedAt: string | null;
}

/** An entry's kind; entries kept before it was recorded say it in their reason. */
function kindOf(kept: Record<string, unknown>): KeptKind {
  if (kept.kind === 'newer' || kept.kind === 'unreadable' || kept.kind === 'partial') return kept.kind;
  const reason = typeof kept.reason === 'string' ? kept.reason : '';
  if (/newer version/.test(reason)) return 'newer';
  return /dropped|reset/.test(reason) ? 'partial' : 'unreadable';
}

const optionalTime = (x: unknown): string | null => (typeof x === 'string' && !Number.isNaN(Date.parse(x)) ? x : null);

/** The values kept aside so far, newest first (for the popup and the options page). */
export async function listRecoveries(area: StorageArea): Promise<KeptAside[]> {
  let all: Record<string, unknown>;
  try {
    all = await area.get(null);
  } catch {
    return [];
  }
  return Object.entries(all)
    .filter(([key]) => key.startsWith(CORRUPT_PREFIX))
    .map(([key, raw]): KeptAside => {
      const kept = isPlainObject(raw) ? raw : {};
      return {
        key,
        at: optionalTime(kept.at) ?? key.slice(CORRUPT_PREFIX.length),
        reason: typeof kept.reason === 'string' ? kept.reason : 'unknown',
        kind: kindOf(kept),
        version: typeof kept.version === 'number' ? kept.version : null,
        restoredAt: optionalTime(kept.restoredAt),
        dismissedAt: optionalTime(kept.dismissedAt),
      };
    })
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/**
 * Marks a kept-aside value's notice as dismissed (the value itself stays). Queued with the
 * other writes of the area; false when there is no such entry.
 */
export function dismissRecovery(area: StorageArea, key: string, now: () => Date = () => new Date()): Promise<boolean> {
  return serialise(area, async () => {
    if (!key.startsWith(CORRUPT_PREFIX)) return false;
    const kept = (await area.get(key))[key];
    if (!isPlainObject(kept)) return false;
    if (kept.dismissedAt === undefined) await area.set({ [key]: { ...kept, dismissedAt: now().toISOString() } });
    return true;
  });
}

/**
 * Deletes a kept-aside value, at the user's word (the options page, after its export): also
 * from the list of values to put back. Queued with the other writes; false when there is none.
 */
export function forgetRecovery(area: StorageArea, key: string): Promise<boolean> {
  return serialise(area, async () => {
    if (!key.startsWith(CORRUPT_PREFIX)) return false;
    const got = await area.get([key, ASIDE_KEY]);
    if (!(key in got)) return false;
    const aside = asideIndex(got[ASIDE_KEY]);
    if (aside.some((a) => a.key === key)) await area.set({ [ASIDE_KEY]: aside.filter((a) => a.key !== key) });
    await area.remove(key);
    return true;
  });
}
