/**
 * The evidence library: every IndexedDB call of the extension is in this module.
 *
 * The database belongs to the extension's origin, so the service worker (Firefox: the event
 * page) and the options page open the same one. Writes happen in ONE place, the background:
 * it adds captures, deletes records and saves the settings when asked (messages in
 * src/shared/messages.ts). The options page only reads (`openEvidenceReader`): runtime messages
 * are JSON in Chrome, no way to carry megabytes of PNG, while IndexedDB hands the bytes over as
 * they are. IndexedDB is on disk: records survive browser and service-worker restarts.
 *
 *   summaries  id → what the list shows (time, service, URL, counts, thumbnail)   small
 *   records    id → the EvidenceRecord and its files' bytes                         large
 *   settings   'evidence' → EvidenceSettings
 *
 * A capture is added in one transaction over `summaries` and `records`: both or neither. When
 * the browser refuses for lack of space the caller gets `EvidenceStoreFullError`, never silence.
 * The connection each handle keeps is opened again when it was closed under it (`connect`), so
 * a handle cached by the worker or the page stays usable.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { trainingControls } from '../report/summary';
import type { EvidenceRecord } from '../shared/evidence';
import type { EvidenceSettings } from '../shared/messages';
import { isQuotaError } from '../shared/storage';

export const EVIDENCE_DB = 'consent-lens-evidence';
export const EVIDENCE_DB_VERSION = 1;

export const DEFAULT_SETTINGS: EvidenceSettings = { redact: true };

/** A BroadcastChannel on which the writer says "changed" after every write, for open library pages. */
export const EVIDENCE_CHANNEL = 'consent-lens-evidence';

function announce(): void {
  try {
    const channel = new BroadcastChannel(EVIDENCE_CHANNEL);
    channel.postMessage('changed');
    channel.close();
  } catch {
    /* no BroadcastChannel here (tests); the page refreshes when it is shown again */
  }
}

/** Calls `onChange` when the background wrote to the library. Returns the function that stops it. */
export function watchEvidence(onChange: () => void): () => void {
  try {
    const channel = new BroadcastChannel(EVIDENCE_CHANNEL);
    channel.onmessage = () => onChange();
    return () => channel.close();
  } catch {
    return () => undefined;
  }
}

/** What the library's list shows for one record. */
export interface EvidenceSummary {
  id: string;
  /** ISO 8601, UTC. */
  capturedAt: string;
  service: string | null;
  url: string;
  title: string;
  /** AI-training controls in the report. */
  controls: number;
  /** Findings on those controls and on the surfaces. */
  findings: number;
  method: 'viewport' | 'stitched' | 'element';
  parts: number;
  /** Total size of the record's files. */
  bytes: number;
  thumbnail: { bytes: Uint8Array; type: string } | null;
}

/** One record with the bytes of its files, by file name (report.json, dom.html, raw.png, annotated.png). */
export interface EvidenceEntry {
  record: EvidenceRecord;
  files: Record<string, Uint8Array>;
}

interface EvidenceDB extends DBSchema {
  summaries: { key: string; value: EvidenceSummary; indexes: { capturedAt: string } };
  records: { key: string; value: EvidenceEntry & { id: string } };
  settings: { key: string; value: EvidenceSettings };
}

/** The browser would not store the record: it is over its storage quota. Nothing was written. */
export class EvidenceStoreFullError extends Error {
  override readonly name = 'EvidenceStoreFullError';
  constructor(cause: unknown) {
    super(
      "The browser's storage for Consent Lens is full, so this capture was not saved. " +
        'Delete older captures in the evidence library to make room.',
      { cause },
    );
  }
}

/** IndexedDB could not be opened or used (private mode, a damaged profile). */
export class EvidenceStoreError extends Error {
  override readonly name = 'EvidenceStoreError';
  constructor(what: string, cause: unknown) {
    super(`The evidence library could not ${what} (${cause instanceof Error ? cause.message : String(cause)}).`, { cause });
  }
}

export function findingsCount(record: EvidenceRecord): number {
  const report = record.report;
  return trainingControls(report).reduce((n, c) => n + c.findings.length, 0) + report.surfaces.reduce((n, s) => n + s.findings.length, 0);
}

export function summaryOf(entry: EvidenceEntry, thumbnail: EvidenceSummary['thumbnail']): EvidenceSummary {
  const { record } = entry;
  const p = record.provenance;
  return {
    id: record.id,
    capturedAt: p.capturedAt,
    service: p.service,
    url: p.url,
    title: p.title,
    controls: trainingControls(record.report).length,
    findings: findingsCount(record),
    method: p.capture.method,
    parts: p.capture.parts,
    bytes: Object.values(entry.files).reduce((n, b) => n + b.byteLength, 0),
    thumbnail,
  };
}

type Database = IDBPDatabase<EvidenceDB>;

/** IndexedDB's answer to a transaction asked of a connection that is closing or closed. */
function isClosedError(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'InvalidStateError';
}

/**
 * One connection to the library, opened on first use and opened again after it was closed
 * under us: by a `versionchange` (a newer version of the database, or the database deleted, as
 * when the user clears the extension's data — we close at once to let it through) or by the
 * browser itself (`close`: storage cleared, the disk gone). A cached handle is never reused
 * once closed.
 */
interface Connection {
  db(): Promise<Database>;
  /** Runs `f` on the connection; once more on a fresh one if it was closed under `f`. */
  run<T>(f: (db: Database) => Promise<T>): Promise<T>;
  close(): void;
}

function connect(name: string): Connection {
  let current: Promise<Database> | null = null;
  const open = (): Promise<Database> => {
    let handle: Database | null = null;
    const forget = (): void => {
      if (current === opening) current = null;
    };
    const opening: Promise<Database> = openDB<EvidenceDB>(name, EVIDENCE_DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          const summaries = database.createObjectStore('summaries', { keyPath: 'id' });
          summaries.createIndex('capturedAt', 'capturedAt');
          database.createObjectStore('records', { keyPath: 'id' });
          database.createObjectStore('settings');
        }
      },
      blocking() {
        forget();
        handle?.close();
      },
      terminated: forget,
    }).then(
      (d) => (handle = d),
      (e: unknown) => {
        forget();
        throw new EvidenceStoreError('be opened', e);
      },
    );
    current = opening;
    return opening;
  };
  const db = (): Promise<Database> => current ?? open();
  return {
    db,
    async run(f) {
      const used = db();
      try {
        return await f(await used);
      } catch (e) {
        if (!isClosedError(e)) throw e;
        if (current === used) current = null;
        return f(await db());
      }
    },
    close() {
      const was = current;
      current = null;
      void was?.then((d) => d.close(), () => undefined);
    },
  };
}

export interface EvidenceReader {
  /** Newest first. */
  list(): Promise<EvidenceSummary[]>;
  get(id: string): Promise<EvidenceEntry | null>;
  settings(): Promise<EvidenceSettings>;
  close(): void;
}

export interface EvidenceStore extends EvidenceReader {
  /** Rejects with EvidenceStoreFullError when the browser is out of space for it. */
  add(entry: EvidenceEntry, thumbnail: EvidenceSummary['thumbnail']): Promise<void>;
  /** Whether there was such a record. */
  delete(id: string): Promise<boolean>;
  setSettings(change: Partial<EvidenceSettings>): Promise<EvidenceSettings>;
}

function readSettings(value: unknown): EvidenceSettings {
  const redact = (value as { redact?: unknown } | undefined)?.redact;
  return { redact: typeof redact === 'boolean' ? redact : DEFAULT_SETTINGS.redact };
}

function reader(c: Connection): EvidenceReader {
  return {
    async list() {
      const all = await c.run((db) => db.getAllFromIndex('summaries', 'capturedAt'));
      return all.reverse();
    },
    async get(id) {
      const found = await c.run((db) => db.get('records', id));
      if (!found) return null;
      return { record: found.record, files: found.files };
    },
    async settings() {
      return readSettings(await c.run((db) => db.get('settings', 'evidence')));
    },
    close: () => c.close(),
  };
}

/** Opens the library now, so that a library that cannot be opened says so at once. */
async function connected(name: string): Promise<Connection> {
  const c = connect(name);
  await c.db();
  return c;
}

/** The options page's view of the library: reads only. */
export async function openEvidenceReader(name = EVIDENCE_DB): Promise<EvidenceReader> {
  return reader(await connected(name));
}

/** The background's handle on the library: the only one that writes. */
export async function openEvidenceStore(name = EVIDENCE_DB): Promise<EvidenceStore> {
  const c = await connected(name);
  return {
    ...reader(c),
    async add(entry, thumbnail) {
      const id = entry.record.id;
      try {
        await c.run(async (db) => {
          const tx = db.transaction(['summaries', 'records'], 'readwrite');
          // The requests' own failures also abort the transaction; `done` reports the first one.
          void tx.objectStore('records').put({ id, record: entry.record, files: entry.files }).catch(() => undefined);
          void tx.objectStore('summaries').put(summaryOf(entry, thumbnail)).catch(() => undefined);
          await tx.done;
        });
      } catch (e) {
        if (e instanceof EvidenceStoreError) throw e;
        if (isQuotaError(e)) throw new EvidenceStoreFullError(e);
        throw new EvidenceStoreError('save the capture', e);
      }
      announce();
    },
    async delete(id) {
      const existed = await c.run(async (db) => {
        const tx = db.transaction(['summaries', 'records'], 'readwrite');
        const had = (await tx.objectStore('summaries').getKey(id)) !== undefined;
        await Promise.all([tx.objectStore('summaries').delete(id), tx.objectStore('records').delete(id), tx.done]);
        return had;
      });
      announce();
      return existed;
    },
    async setSettings(change) {
      const next = await c.run(async (db) => {
        const tx = db.transaction('settings', 'readwrite');
        const value = { ...readSettings(await tx.store.get('evidence')), ...change };
        await Promise.all([tx.store.put(value, 'evidence'), tx.done]);
        return value;
      });
      announce();
      return next;
    },
  };
}
