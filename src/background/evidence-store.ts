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

function open(name: string): Promise<IDBPDatabase<EvidenceDB>> {
  let db: IDBPDatabase<EvidenceDB> | null = null;
  const opening = openDB<EvidenceDB>(name, EVIDENCE_DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const summaries = database.createObjectStore('summaries', { keyPath: 'id' });
        summaries.createIndex('capturedAt', 'capturedAt');
        database.createObjectStore('records', { keyPath: 'id' });
        database.createObjectStore('settings');
      }
    },
    // A newer version opened elsewhere (an update while the options page is open): let it in.
    blocking() {
      db?.close();
    },
  });
  return opening.then((d) => (db = d));
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

async function opened(name: string): Promise<IDBPDatabase<EvidenceDB>> {
  try {
    return await open(name);
  } catch (e) {
    throw new EvidenceStoreError('be opened', e);
  }
}

function reader(db: IDBPDatabase<EvidenceDB>): EvidenceReader {
  return {
    async list() {
      const all = await db.getAllFromIndex('summaries', 'capturedAt');
      return all.reverse();
    },
    async get(id) {
      const found = await db.get('records', id);
      if (!found) return null;
      return { record: found.record, files: found.files };
    },
    async settings() {
      return readSettings(await db.get('settings', 'evidence'));
    },
    close: () => db.close(),
  };
}

/** The options page's view of the library: reads only. */
export async function openEvidenceReader(name = EVIDENCE_DB): Promise<EvidenceReader> {
  return reader(await opened(name));
}

/** The background's handle on the library: the only one that writes. */
export async function openEvidenceStore(name = EVIDENCE_DB): Promise<EvidenceStore> {
  const db = await opened(name);
  return {
    ...reader(db),
    async add(entry, thumbnail) {
      const id = entry.record.id;
      try {
        const tx = db.transaction(['summaries', 'records'], 'readwrite');
        // The requests' own failures also abort the transaction; `done` reports the first one.
        void tx.objectStore('records').put({ id, record: entry.record, files: entry.files }).catch(() => undefined);
        void tx.objectStore('summaries').put(summaryOf(entry, thumbnail)).catch(() => undefined);
        await tx.done;
      } catch (e) {
        if (isQuotaError(e)) throw new EvidenceStoreFullError(e);
        throw new EvidenceStoreError('save the capture', e);
      }
      announce();
    },
    async delete(id) {
      const tx = db.transaction(['summaries', 'records'], 'readwrite');
      const existed = (await tx.objectStore('summaries').getKey(id)) !== undefined;
      await Promise.all([tx.objectStore('summaries').delete(id), tx.objectStore('records').delete(id), tx.done]);
      announce();
      return existed;
    },
    async setSettings(change) {
      const tx = db.transaction('settings', 'readwrite');
      const next = { ...readSettings(await tx.store.get('evidence')), ...change };
      await Promise.all([tx.store.put(next, 'evidence'), tx.done]);
      announce();
      return next;
    },
  };
}
