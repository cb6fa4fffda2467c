/**
 * The evidence library over fake-indexeddb: add, list (newest first), get, delete, settings,
 * what the options page's reader sees, a full disk surfaced as EvidenceStoreFullError with
 * nothing half-written, and a connection closed under the store (versionchange, close) opened
 * again.
 */
import 'fake-indexeddb/auto';
import { IDBObjectStore as FakeObjectStore, forceCloseDatabase } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SETTINGS,
  EvidenceStoreFullError,
  openEvidenceReader,
  openEvidenceStore,
  type EvidenceStore,
} from '../../src/background/evidence-store';
import { entry } from './evidence-fakes';

let n = 0;
const dbName = (): string => `evidence-test-${++n}`;
const open: EvidenceStore[] = [];
async function store(name = dbName()): Promise<EvidenceStore> {
  const s = await openEvidenceStore(name);
  open.push(s);
  return s;
}

afterEach(() => {
  vi.restoreAllMocks();
  while (open.length) open.pop()!.close();
});

describe('evidence store', () => {
  it('adds records and lists them newest first, with what the list shows', async () => {
    const s = await store();
    await s.add(await entry('b', '2025-09-26T12:00:00.000Z'), { bytes: new Uint8Array([1, 2, 3]), type: 'image/jpeg' });
    await s.add(await entry('a', '2025-09-25T08:00:00.000Z'), null);
    await s.add(await entry('c', '2025-09-27T09:30:00.000Z', { capture: { method: 'stitched', parts: 3 } }), null);
    const list = await s.list();
    expect(list.map((r) => r.id)).toEqual(['c', 'b', 'a']);
    const b = list[1]!;
    expect(b).toMatchObject({ service: 'claude', url: 'https://claude.ai/new', controls: 1, findings: 0, method: 'viewport', parts: 1 });
    expect(b.bytes).toBeGreaterThan(0);
    expect([...b.thumbnail!.bytes]).toEqual([1, 2, 3]);
    expect(list[0]).toMatchObject({ method: 'stitched', parts: 3, thumbnail: null });
  });

  it('gets a record with the exact bytes of its files', async () => {
    const s = await store();
    const e = await entry('x', '2025-09-26T12:00:00.000Z');
    await s.add(e, null);
    const got = await s.get('x');
    expect(got?.record).toEqual(e.record);
    expect(Object.keys(got!.files).sort()).toEqual(['annotated.png', 'dom.html', 'raw.png', 'report.json']);
    for (const [name, bytes] of Object.entries(e.files)) expect([...got!.files[name]!]).toEqual([...bytes]);
    expect(await s.get('nope')).toBeNull();
  });

  it('deletes a record (both its summary and its files) and says whether it existed', async () => {
    const s = await store();
    await s.add(await entry('x', '2025-09-26T12:00:00.000Z'), null);
    await s.add(await entry('y', '2025-09-26T13:00:00.000Z'), null);
    expect(await s.delete('x')).toBe(true);
    expect(await s.delete('x')).toBe(false);
    expect((await s.list()).map((r) => r.id)).toEqual(['y']);
    expect(await s.get('x')).toBeNull();
  });

  it('keeps the redaction setting, on by default', async () => {
    const s = await store();
    expect(await s.settings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.redact).toBe(true);
    expect(await s.setSettings({ redact: false })).toEqual({ redact: false });
    expect(await s.settings()).toEqual({ redact: false });
  });

  it('is read by the options page from another connection, and survives the writer closing', async () => {
    const name = dbName();
    const writer = await openEvidenceStore(name);
    await writer.add(await entry('kept', '2025-09-26T12:00:00.000Z'), null);
    writer.close(); // the service worker stops
    const reader = await openEvidenceReader(name);
    expect((await reader.list()).map((r) => r.id)).toEqual(['kept']);
    expect((await reader.get('kept'))?.record.id).toBe('kept');
    reader.close();
    const again = await store(name); // a new worker
    expect((await again.list()).map((r) => r.id)).toEqual(['kept']);
  });

  it('surfaces a full disk as EvidenceStoreFullError, and writes nothing', async () => {
    const s = await store();
    await s.add(await entry('before', '2025-09-25T12:00:00.000Z'), null);
    const put = FakeObjectStore.prototype.put;
    vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      // The browser's way: the write is refused and the whole transaction is aborted.
      if (this.name === 'records') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const failed = await s.add(await entry('big', '2025-09-26T12:00:00.000Z'), null).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(EvidenceStoreFullError);
    expect((failed as Error).message).toMatch(/storage for Consent Lens is full.*not saved/);
    vi.restoreAllMocks();
    expect((await s.list()).map((r) => r.id)).toEqual(['before']);
    expect(await s.get('big')).toBeNull();
  });

  it('surfaces a quota abort at commit time the same way', async () => {
    const s = await store();
    const put = FakeObjectStore.prototype.put;
    vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const req = put.apply(this, args);
      // Chrome: the requests succeed, then the transaction aborts with QuotaExceededError.
      // (fake-indexeddb's internal abort, which takes the error's name.)
      if (this.name === 'summaries') (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return req;
    });
    const failed = await s.add(await entry('big', '2025-09-26T12:00:00.000Z'), null).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(EvidenceStoreFullError);
    vi.restoreAllMocks();
    expect(await s.list()).toEqual([]);
  });

  it('opens the library again after a versionchange closed it (the database deleted elsewhere)', async () => {
    const name = dbName();
    const s = await store(name);
    const r = await openEvidenceReader(name);
    await s.add(await entry('old', '2025-09-25T12:00:00.000Z'), null);
    // Both connections must let the deletion through (it waits on them until they close) …
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
    });
    // … and neither may keep using its closed handle.
    await s.add(await entry('new', '2025-09-26T12:00:00.000Z'), null);
    expect((await s.list()).map((x) => x.id)).toEqual(['new']);
    expect((await r.list()).map((x) => x.id)).toEqual(['new']);
    expect(await s.setSettings({ redact: false })).toEqual({ redact: false });
    r.close();
  });

  it('opens the library again after the browser closed the connection (close event)', async () => {
    const connections: IDBDatabase[] = [];
    const realOpen = indexedDB.open.bind(indexedDB);
    vi.spyOn(indexedDB, 'open').mockImplementation((...args: Parameters<IDBFactory['open']>) => {
      const req = realOpen(...args);
      req.addEventListener('success', () => connections.push(req.result));
      return req;
    });
    const s = await store();
    await s.add(await entry('a', '2025-09-25T12:00:00.000Z'), null);
    expect(connections).toHaveLength(1);
    forceCloseDatabase(connections[0]! as unknown as Parameters<typeof forceCloseDatabase>[0]);
    await s.add(await entry('b', '2025-09-26T12:00:00.000Z'), null);
    expect((await s.list()).map((x) => x.id)).toEqual(['b', 'a']);
    expect(await s.delete('a')).toBe(true);
    expect(connections).toHaveLength(2);
  });
});
