import { describe, it, expect } from 'vitest';
import {
  ASIDE_KEY,
  CORRUPT_PREFIX,
  MIGRATIONS,
  dismissRecovery,
  type Reader,
  StorageFullError,
  isQuotaError,
  listRecoveries,
  load,
  migrate,
  save,
  update,
} from '../../src/shared/storage';
import { STORAGE_KEY, STORAGE_VERSION, emptyRecord, emptyStore, type Observation, type ServiceRecord, type Stored } from '../../src/shared/storage-schema';
import { recordObservation } from '../../src/shared/choices';
import { FakeArea, chromeQuotaError } from './background-fakes';

const NOW = new Date('2025-09-01T12:00:00.000Z');
const now = (): Date => NOW;
const KEPT = `${CORRUPT_PREFIX}${NOW.toISOString()}`;

function goodRecord(): ServiceRecord {
  const obs = { state: 'off' as const, at: '2025-08-30T09:00:00.000Z', url: 'https://claude.ai/settings/data-privacy-controls', source: 'settings-page' as const };
  return { ...emptyRecord(), current: obs, history: [obs] };
}

function goodStore(): Stored {
  return { version: 2, services: { claude: goodRecord() }, prefs: { notifications: true }, userRules: [] };
}

describe('load', () => {
  it('gives an empty store when nothing is saved, without writing', async () => {
    const area = new FakeArea();
    const r = await load(area, { now });
    expect(r).toEqual({ stored: emptyStore(), migratedFrom: null, recovered: null, dropped: [], restored: [] });
    expect(area.writes).toBe(0);
  });

  it('reads back what save wrote', async () => {
    const area = new FakeArea();
    await save(area, goodStore());
    const r = await load(area, { now });
    expect(r.stored).toEqual(goodStore());
    expect(r.recovered).toBeNull();
    expect(area.writes).toBe(1);
  });

  it('keeps an optional field that records may carry (termsNotifiedAt, changedInPage)', async () => {
    const s = goodStore();
    s.services.claude = { ...goodRecord(), termsNotifiedAt: '2025-08-31T00:00:00.000Z' };
    s.services.claude.current = { ...s.services.claude.current!, changedInPage: true };
    const area = new FakeArea({ [STORAGE_KEY]: s });
    expect((await load(area, { now })).stored).toEqual(s);
  });

  it('migrates a value without a version (v0) to the current version and writes it back', async () => {
    const v0 = { services: { claude: goodRecord() } };
    const area = new FakeArea({ [STORAGE_KEY]: v0 });
    const r = await load(area, { now });
    expect(r.migratedFrom).toBe(0);
    expect(r.recovered).toBeNull();
    expect(r.stored).toEqual({ version: 2, services: { claude: goodRecord() }, prefs: { notifications: false }, userRules: [] });
    expect(area.data.get(STORAGE_KEY)).toEqual(r.stored);
  });

  it('keeps v0 prefs when they are there', async () => {
    const area = new FakeArea({ [STORAGE_KEY]: { services: {}, prefs: { notifications: true } } });
    expect((await load(area, { now })).stored.prefs).toEqual({ notifications: true });
  });

  const corrupt: [string, unknown, RegExp][] = [
    ['a string', 'hello', /a string, not an object/],
    ['an array', [1, 2], /a list, not an object/],
    ['a number', 42, /a number/],
    ['null', null, /null/],
    ['a version from the future', { version: STORAGE_VERSION + 6, services: {}, prefs: { notifications: false } }, /newer version/],
    ['a version that is not a number', { version: '1', services: {}, prefs: { notifications: false } }, /unreadable version/],
    ['a negative version', { version: -1, services: {} }, /unreadable version/],
    ['services that are a list', { version: 2, services: [goodRecord()], prefs: { notifications: false }, userRules: [] }, /services are a list/],
    ['a foreign object without services', { theme: 'dark' }, /no services: it is not ours/],
  ];
  for (const [what, value, reason] of corrupt) {
    it(`recovers from ${what}: defaults, old value kept aside, reason given`, async () => {
      const area = new FakeArea({ [STORAGE_KEY]: value });
      const r = await load(area, { now });
      expect(r.stored).toEqual(emptyStore());
      expect(r.recovered?.reason).toMatch(reason);
      expect(r.recovered?.keptAs).toBe(KEPT);
      expect(area.data.get(KEPT)).toMatchObject({ reason: r.recovered?.reason, value, at: NOW.toISOString() });
      expect(area.data.get(STORAGE_KEY)).toEqual(emptyStore());
    });
  }

  it('drops only the bad service records and keeps the good ones', async () => {
    const bad = { ...goodRecord(), history: [{ state: 'sideways', at: 'x', url: 1, source: 'page' }] };
    const value = {
      version: 2,
      services: { claude: goodRecord(), chatgpt: bad, 'Not An Id': goodRecord(), gemini: 'on' },
      prefs: { notifications: true },
    };
    const area = new FakeArea({ [STORAGE_KEY]: value });
    const r = await load(area, { now });
    expect(r.stored).toEqual({ version: 2, services: { claude: goodRecord() }, prefs: { notifications: true }, userRules: [] });
    expect(r.dropped.sort()).toEqual(['Not An Id', 'chatgpt', 'gemini']);
    expect(r.recovered?.reason).toMatch(/3 unreadable service records were dropped/);
    expect(area.data.get(KEPT)).toMatchObject({ value });
    expect(area.data.get(STORAGE_KEY)).toEqual(r.stored);
  });

  it('resets unreadable prefs but keeps the records', async () => {
    const area = new FakeArea({ [STORAGE_KEY]: { version: 2, services: { claude: goodRecord() }, prefs: { notifications: 'yes' }, userRules: [] } });
    const r = await load(area, { now });
    expect(r.stored.services.claude).toEqual(goodRecord());
    expect(r.stored.prefs).toEqual({ notifications: false });
    expect(r.recovered?.reason).toMatch(/preferences were unreadable/);
  });

  it('never throws when the area cannot be read', async () => {
    const area = new FakeArea();
    area.failGet = new Error('disk on fire');
    const r = await load(area, { now });
    expect(r.stored).toEqual(emptyStore());
    expect(r.recovered?.reason).toMatch(/disk on fire/);
    expect(r.recovered?.keptAs).toBeNull();
  });

  it('leaves a corrupt value in place when it cannot be kept aside (storage full)', async () => {
    const area = new FakeArea({ [STORAGE_KEY]: 'garbage' });
    area.failSet = chromeQuotaError();
    const r = await load(area, { now });
    expect(r.stored).toEqual(emptyStore());
    expect(r.recovered).toEqual({ reason: expect.stringMatching(/storage is full/), keptAs: null });
    expect(area.data.get(STORAGE_KEY)).toBe('garbage');
  });

  it('lists what was kept aside, newest first', async () => {
    const area = new FakeArea({
      [`${CORRUPT_PREFIX}2025-01-01T00:00:00.000Z`]: { reason: 'old', value: 1 },
      [`${CORRUPT_PREFIX}2025-06-01T00:00:00.000Z`]: { reason: 'new', value: 2 },
      [STORAGE_KEY]: emptyStore(),
    });
    expect((await listRecoveries(area)).map((k) => k.reason)).toEqual(['new', 'old']);
  });
});

describe('migrate', () => {
  it('has one step per version', () => {
    expect(MIGRATIONS).toHaveLength(STORAGE_VERSION);
  });

  it('says where it started and leaves a current value as it is', () => {
    const current = goodStore();
    expect(migrate(current)).toEqual({ ok: true, value: current, from: STORAGE_VERSION });
    expect(migrate({ services: {} })).toMatchObject({ ok: true, from: 0, value: { version: 2, userRules: [] } });
  });
});

describe('v2: the user\'s own rules', () => {
  const rule = {
    id: 'example-chat',
    name: 'Example Chat',
    vendor: 'Example Inc.',
    hosts: ['example-chat.test'],
    siteNames: [],
    settings: { url: 'https://example-chat.test/settings', path: 'Settings › Data', control: 'Use my chats to train' },
    defaultState: 'unknown',
    phrases: { en: ['use my chats to train'] },
    deadlines: [],
  };

  it('migrates a v1 value to v2 with no user rules, keeping everything else, and writes it back', async () => {
    const v1 = { version: 1, services: { claude: goodRecord() }, prefs: { notifications: true } };
    const area = new FakeArea({ [STORAGE_KEY]: v1 });
    const r = await load(area, { now });
    expect(r.migratedFrom).toBe(1);
    expect(r.recovered).toBeNull();
    expect(r.stored).toEqual({ version: 2, services: { claude: goodRecord() }, prefs: { notifications: true }, userRules: [] });
    expect(area.data.get(STORAGE_KEY)).toEqual(r.stored);
  });

  it('keeps valid user rules and reads them back as saved', async () => {
    const area = new FakeArea();
    const s = { ...goodStore(), userRules: [rule] } as Stored;
    await save(area, s);
    expect((await load(area, { now })).stored.userRules).toEqual([rule]);
  });

  it('drops a user rule that no longer validates (and a duplicate id), keeps the rest, and says so', async () => {
    const broken = { ...rule, id: 'broken', hosts: [] };
    const value = { ...goodStore(), userRules: [rule, broken, { ...rule }] };
    const area = new FakeArea({ [STORAGE_KEY]: value });
    const r = await load(area, { now });
    expect(r.stored.userRules).toEqual([rule]);
    expect(r.stored.services.claude).toEqual(goodRecord());
    expect(r.recovered?.reason).toMatch(/unreadable user rules were dropped \(broken, example-chat\)/);
  });

  it('resets user rules that are not a list, keeping the records', async () => {
    const area = new FakeArea({ [STORAGE_KEY]: { ...goodStore(), userRules: 'nope' } });
    const r = await load(area, { now });
    expect(r.stored.userRules).toEqual([]);
    expect(r.stored.services.claude).toEqual(goodRecord());
  });
});

describe('save', () => {
  it('turns a full storage area into a StorageFullError with a clear message', async () => {
    const area = new FakeArea();
    area.failSet = chromeQuotaError();
    const error = await save(area, goodStore()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toMatch(/storage is full/);
    expect((error as Error).cause).toBe(area.failSet);
  });

  it('passes other errors on as they are', async () => {
    const area = new FakeArea();
    const other = new Error('IO error');
    area.failSet = other;
    await expect(save(area, goodStore())).rejects.toBe(other);
  });

  it('recognises both browsers\' quota errors', () => {
    expect(isQuotaError(new Error('Resource::kQuotaBytes quota exceeded'))).toBe(true);
    expect(isQuotaError(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toBe(true);
    expect(isQuotaError(new Error('IO error'))).toBe(false);
  });
});

describe('update', () => {
  const addService = (id: string) => (s: Stored): Stored => ({ ...s, services: { ...s.services, [id]: goodRecord() } });

  it('runs two updates started together one after the other, losing neither', async () => {
    const area = new FakeArea();
    await Promise.all([update(area, addService('claude')), update(area, addService('chatgpt'))]);
    const { stored } = await load(area);
    expect(Object.keys(stored.services).sort()).toEqual(['chatgpt', 'claude']);
  });

  it('goes on after a failed update', async () => {
    const area = new FakeArea();
    const failing = update(area, () => {
      throw new Error('bad change');
    });
    const next = update(area, addService('claude'));
    await expect(failing).rejects.toThrow('bad change');
    expect(Object.keys((await next).services)).toEqual(['claude']);
  });

  it('does not write when nothing changed', async () => {
    const area = new FakeArea({ [STORAGE_KEY]: goodStore() });
    await update(area, (s) => s);
    expect(area.writes).toBe(0);
  });

  it('rejects with StorageFullError when the write does not fit', async () => {
    const area = new FakeArea();
    area.failSet = chromeQuotaError();
    await expect(update(area, addService('claude'))).rejects.toBeInstanceOf(StorageFullError);
  });

  it('never writes defaults over data it could not read', async () => {
    const area = new FakeArea({ [STORAGE_KEY]: goodStore() });
    area.failGet = new Error('busy');
    await expect(update(area, addService('chatgpt'))).rejects.toThrow(/could not be read/);
    expect(area.data.get(STORAGE_KEY)).toEqual(goodStore());
  });
});

/**
 * A storage area with a byte quota, counted the way Chrome counts storage.local (key length
 * plus the value's JSON length): a `set` that would go over it is refused whole, like
 * Chrome's "QUOTA_BYTES quota exceeded".
 */
class QuotaArea extends FakeArea {
  constructor(
    readonly quota: number,
    initial: Record<string, unknown> = {},
  ) {
    super(initial);
  }

  bytes(items: Map<string, unknown>): number {
    let n = 0;
    for (const [k, v] of items) n += k.length + JSON.stringify(v).length;
    return n;
  }

  override async set(items: Record<string, unknown>): Promise<void> {
    const after = new Map(this.data);
    for (const [k, v] of Object.entries(items)) after.set(k, v);
    if (this.bytes(after) > this.quota) {
      await Promise.resolve();
      throw chromeQuotaError();
    }
    await super.set(items);
  }
}

describe('nothing stored is lost', () => {
  const addService = (id: string) => (s: Stored): Stored => ({ ...s, services: { ...s.services, [id]: goodRecord() } });
  /** A value big enough that a second copy of it does not fit beside it. */
  const bigForeign = { theme: 'dark', notes: 'x'.repeat(20_000) };

  it('update() leaves a foreign value in place when there is no room to keep it aside', async () => {
    const area = new QuotaArea(30_000, { [STORAGE_KEY]: bigForeign });
    const error = await update(area, addService('claude'), { now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    // Writing the (much smaller) new value would have fitted: it must not happen.
    expect(area.data.get(STORAGE_KEY)).toEqual(bigForeign);
    expect([...area.data.keys()]).toEqual([STORAGE_KEY]);
  });

  it('update() keeps the records it could not read in place when there is no room to keep them aside', async () => {
    const bad = { ...goodRecord(), history: [{ state: 'sideways', at: 'x', url: 'y'.repeat(20_000), source: 'page' }] };
    const value = { ...goodStore(), services: { claude: goodRecord(), chatgpt: bad } };
    const area = new QuotaArea(30_000, { [STORAGE_KEY]: value });
    await expect(update(area, addService('gemini'), { now })).rejects.toBeInstanceOf(StorageFullError);
    expect(area.data.get(STORAGE_KEY)).toEqual(value);
  });

  it('update() does not write when keeping aside failed for another reason either', async () => {
    const area = new FakeArea({ [STORAGE_KEY]: 'garbage' });
    let calls = 0;
    const set = area.set.bind(area);
    area.set = async (items) => {
      if (calls++ === 0) throw new Error('IO error');
      return set(items);
    };
    await expect(update(area, addService('claude'), { now })).rejects.toThrow(/did not save.*IO error/);
    expect(area.data.get(STORAGE_KEY)).toBe('garbage');
  });

  it('two values kept aside in the same millisecond are both kept', async () => {
    const area = new FakeArea({ [STORAGE_KEY]: 'first' });
    await load(area, { now });
    area.data.set(STORAGE_KEY, 'second');
    await load(area, { now });
    const kept = (await listRecoveries(area)).map((k) => area.data.get(k.key) as { value: unknown });
    expect(kept.map((k) => k.value).sort()).toEqual(['first', 'second']);
    expect((await listRecoveries(area)).every((k) => k.at === NOW.toISOString())).toBe(true);
  });

  it('lists what was kept aside with its kind, and a dismissed notice stays listed', async () => {
    const area = new FakeArea({ [STORAGE_KEY]: { ...goodStore(), version: STORAGE_VERSION + 1 } });
    await load(area, { now });
    const [kept] = await listRecoveries(area);
    expect(kept).toEqual({
      key: KEPT,
      at: NOW.toISOString(),
      reason: expect.stringMatching(/newer version/),
      kind: 'newer',
      version: STORAGE_VERSION + 1,
      restoredAt: null,
      dismissedAt: null,
    });
    expect(await dismissRecovery(area, KEPT, () => new Date('2025-09-02T00:00:00.000Z'))).toBe(true);
    expect((await listRecoveries(area))[0]).toMatchObject({ key: KEPT, dismissedAt: '2025-09-02T00:00:00.000Z' });
    expect(await dismissRecovery(area, STORAGE_KEY)).toBe(false);
    expect(area.data.get(STORAGE_KEY)).toEqual(emptyStore());
  });

  it('reads the kind of an entry kept before kinds were recorded from its reason', async () => {
    const area = new FakeArea({
      [`${CORRUPT_PREFIX}2025-01-01T00:00:00.000Z`]: { reason: 'the saved data is from a newer version of Consent Lens (v3; this one reads v2)', value: {} },
      [`${CORRUPT_PREFIX}2025-02-01T00:00:00.000Z`]: { reason: '1 unreadable service record was dropped (x).', value: {} },
      [`${CORRUPT_PREFIX}2025-03-01T00:00:00.000Z`]: { reason: 'the saved data is a string, not an object', value: 'x' },
    });
    expect((await listRecoveries(area)).map((k) => k.kind)).toEqual(['unreadable', 'partial', 'newer']);
  });
});

describe('a downgrade, then the version that wrote the data again', () => {
  /** The next version: v3, read by a build that has one more step. */
  const NEXT: Reader = { version: 3, migrations: [...MIGRATIONS, (v2) => ({ ...v2, version: 3 })] };
  const T0 = new Date('2025-09-01T12:00:00.000Z');
  const T1 = new Date('2025-09-05T12:00:00.000Z');
  const T2 = new Date('2025-09-09T12:00:00.000Z');
  const at = (d: Date) => () => d;
  const off = { state: 'off' as const, at: '2025-08-30T09:00:00.000Z', url: 'https://claude.ai/settings/data-privacy-controls', source: 'settings-page' as const };
  const on = { state: 'on' as const, at: '2025-09-06T09:00:00.000Z', url: 'https://claude.ai/settings/data-privacy-controls', source: 'settings-page' as const };
  const chatgptOff = { state: 'off' as const, at: '2025-09-06T10:00:00.000Z', url: 'https://chatgpt.com/', source: 'terms-dialog' as const };
  const observe = (id: string, o: Observation) => (s: Stored): Stored => ({
    ...s,
    services: { ...s.services, [id]: recordObservation(s.services[id] ?? null, o, { changedInPage: false }) },
  });

  async function downgraded(): Promise<FakeArea> {
    const area = new FakeArea();
    // v3 wrote the user's history …
    const v3 = { version: 3, services: { claude: { ...emptyRecord(), current: off, history: [off] } }, prefs: { notifications: true }, userRules: [] };
    await save(area, v3 as unknown as Stored);
    // … then this (v2) build ran: the v3 value is kept aside, and recording goes on from defaults.
    const first = await load(area, { now: at(T0) });
    expect(first.stored).toEqual(emptyStore());
    expect(first.recovered?.reason).toMatch(/newer version.*v3/);
    await update(area, observe('claude', on), { now: at(T1) });
    await update(area, observe('chatgpt', chatgptOff), { now: at(T1) });
    return area;
  }

  it('keeps the newer value aside, listed to be put back, while the older version runs', async () => {
    const area = await downgraded();
    const key = `${CORRUPT_PREFIX}${T0.toISOString()}`;
    expect(area.data.get(ASIDE_KEY)).toEqual([{ key, version: 3 }]);
    expect(area.data.get(key)).toMatchObject({ kind: 'newer', version: 3, value: { version: 3 } });
    // Loading again with this build changes nothing about it.
    const again = await load(area, { now: at(T1) });
    expect(again.restored).toEqual([]);
    expect(Object.keys(again.stored.services).sort()).toEqual(['chatgpt', 'claude']);
    expect(area.data.get(ASIDE_KEY)).toEqual([{ key, version: 3 }]);
  });

  it('puts the history back when v3 runs again, with what was recorded in the meantime', async () => {
    const area = await downgraded();
    const key = `${CORRUPT_PREFIX}${T0.toISOString()}`;
    const back = await load(area, { now: at(T2), reader: NEXT });
    expect(back.restored).toEqual([key]);
    const claude = back.stored.services.claude!;
    expect(back.stored.version).toBe(3);
    expect(claude.history).toEqual([off, on]);
    expect(claude.current).toEqual(on);
    // The settings page seen while v2 ran is compared with the choice from before: it changed.
    expect(claude.drift).toEqual({ from: 'off', to: 'on', at: on.at, url: on.url, previousAt: off.at });
    expect(back.stored.services.chatgpt?.history).toEqual([chatgptOff]);
    // Notifications were on before; the older version never changed the default.
    expect(back.stored.prefs).toEqual({ notifications: true });
    // Written back in one go: the stored value, the index emptied, the kept copy marked.
    expect(area.data.get(STORAGE_KEY)).toEqual(back.stored);
    expect(area.data.get(ASIDE_KEY)).toEqual([]);
    expect(area.data.get(key)).toMatchObject({ restoredAt: T2.toISOString(), value: { version: 3 } });
    expect((await listRecoveries(area))[0]).toMatchObject({ key, kind: 'newer', restoredAt: T2.toISOString() });
    // Once is enough.
    const later = await load(area, { now: at(T2), reader: NEXT });
    expect(later.restored).toEqual([]);
    expect(later.stored).toEqual(back.stored);
  });

  it('an update() under v3 restores first, then applies its change', async () => {
    const area = await downgraded();
    const next = await update(area, (s) => ({ ...s, prefs: { notifications: false } }), { now: at(T2), reader: NEXT });
    expect(next.services.claude?.history).toEqual([off, on]);
    expect(next.prefs).toEqual({ notifications: false });
    expect(area.data.get(STORAGE_KEY)).toEqual(next);
  });

  it('a restore that does not fit changes nothing, and is tried again when there is room', async () => {
    const downgradedArea = await downgraded();
    const area = new QuotaArea(0, Object.fromEntries(downgradedArea.data));
    const before = new Map(area.data);
    (area as { quota: number }).quota = area.bytes(area.data) + 10; // room for nothing more
    const r = await load(area, { now: at(T2), reader: NEXT });
    expect(r.restored).toEqual([]);
    expect(r.stored.services.claude?.history).toEqual([on]);
    // Nothing of the restore was written: the list, the kept copy and the records are as they were
    // (the value may be migrated to v3, which loses nothing).
    for (const key of before.keys()) if (key !== STORAGE_KEY) expect(area.data.get(key)).toEqual(before.get(key));
    expect((area.data.get(STORAGE_KEY) as Stored).services).toEqual((before.get(STORAGE_KEY) as Stored).services);
    (area as { quota: number }).quota = 1_000_000;
    expect((await load(area, { now: at(T2), reader: NEXT })).restored).toHaveLength(1);
  });

  it('a kept value that no longer reads leaves the list to put back, but stays kept', async () => {
    const key = `${CORRUPT_PREFIX}2025-08-01T00:00:00.000Z`;
    const area = new FakeArea({
      [STORAGE_KEY]: goodStore(),
      [ASIDE_KEY]: [{ key, version: 2 }],
      [key]: { reason: 'newer', kind: 'newer', version: 2, value: { version: 2, services: 'broken' } },
    });
    const r = await load(area, { now });
    expect(r.restored).toEqual([]);
    expect(r.stored).toEqual(goodStore());
    expect(area.data.get(ASIDE_KEY)).toEqual([]);
    expect(area.data.get(key)).toMatchObject({ value: { services: 'broken' } });
  });
});
