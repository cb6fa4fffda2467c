import { describe, it, expect } from 'vitest';
import {
  CORRUPT_PREFIX,
  MIGRATIONS,
  StorageFullError,
  isQuotaError,
  listRecoveries,
  load,
  migrate,
  save,
  update,
} from '../../src/shared/storage';
import { STORAGE_KEY, STORAGE_VERSION, emptyRecord, emptyStore, type ServiceRecord, type Stored } from '../../src/shared/storage-schema';
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
    expect(r).toEqual({ stored: emptyStore(), migratedFrom: null, recovered: null, dropped: [] });
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
      expect(area.data.get(KEPT)).toEqual({ reason: r.recovered?.reason, value });
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
