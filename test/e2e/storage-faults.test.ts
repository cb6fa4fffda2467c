/**
 * Nothing stored is lost, with the built extension in Chromium: the service worker stopped
 * (DevTools protocol, `Target.closeTarget` on its target) three times in the middle of a burst
 * of writes loses no acknowledged write; a full storage.local (Chrome's 10 MB quota) is reported
 * in the popup, with nothing half-written and nothing written over; a corrupt and a foreign
 * value are kept aside, shown, exported and deleted; a value from a newer version is kept aside
 * and put back; two tabs writing at once are both recorded; the notices pass axe-core.
 *
 * The burst is of the user's own rules, imported from an extension page: the background answers
 * an import with the rule it kept only after saving it, so an answer is an acknowledgement. (A
 * content script's report is answered with nothing, and Chrome answers nothing too for a message
 * it dropped while the worker stopped: such an answer proves nothing.) The other writes are the
 * content script's reports, sent from its isolated world (found through the page's DevTools
 * session) as a settings page would give them.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { useE2E, waitFor, type Opened } from '../helpers/extension';
import { NEGATIVES, type PageRef } from '../helpers/https-server';
import { ASIDE_KEY, CORRUPT_PREFIX } from '../../src/shared/storage';
import { STORAGE_KEY, type Observation, type Stored } from '../../src/shared/storage-schema';
import type { Report } from '../../src/engine/types';

const e2e = useE2E();

/** Pages on a service's host where the content script runs but reports no training control of its own. */
const CLAUDE_PAGE: PageRef = NEGATIVES.cookiePreferences;
const CHATGPT_PAGE: PageRef = NEGATIVES.appSettings;

interface ChromeStorage {
  storage: {
    local: {
      get(k: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      clear(): Promise<void>;
      getBytesInUse(k: null): Promise<number>;
      QUOTA_BYTES: number;
    };
    session: { clear(): Promise<void> };
  };
}

/**
 * An extension page (the manifest, shown as text) from which the tests read and write the
 * extension's storage: it has the storage API without the worker, which the tests stop, and
 * without a page of ours that would react to the changes.
 */
let door: Page | null = null;
async function storagePage(): Promise<Page> {
  if (door && !door.isClosed()) return door;
  door = await e2e.ext.context.newPage();
  await door.goto(`chrome-extension://${e2e.ext.extensionId}/manifest.json`);
  return door;
}
async function local(): Promise<Record<string, unknown>> {
  return (await storagePage()).evaluate(() => (globalThis as unknown as { chrome: ChromeStorage }).chrome.storage.local.get(null));
}
async function setLocal(items: Record<string, unknown>): Promise<void> {
  await (await storagePage()).evaluate((i) => (globalThis as unknown as { chrome: ChromeStorage }).chrome.storage.local.set(i), items);
}

beforeEach(async () => {
  await (await storagePage()).evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: ChromeStorage }).chrome;
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
  });
});

// ───────────────────────────────────────────── the content script's world

/** The content script's isolated world in a page, through the page's DevTools session. */
async function contentWorld(page: Page): Promise<{ cdp: CDPSession; run<T>(expression: string): Promise<T> }> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const origin = `chrome-extension://${e2e.ext.extensionId}`;
  const found = await waitFor(
    async () => contexts.find((c) => c.origin === origin && c.auxData?.type === 'isolated'),
    (c) => c !== undefined,
  );
  if (!found) throw new Error('the content script did not run in the page');
  return {
    cdp,
    async run<T>(expression: string): Promise<T> {
      const r = await cdp.send('Runtime.evaluate', { expression, contextId: found.id, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(`in the content script's world: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value as T;
    },
  };
}

/** A report from `url` with the training switch in `state` on a settings page (or a terms dialog), scanned at `at`. */
function settingsReport(url: string, state: 'on' | 'off', at: string, kind: 'settings' | 'terms-update' = 'settings'): Report {
  const box = { x: 10, y: 10, width: 40, height: 24 };
  return {
    schema: 'consent-lens/report@1',
    target: url,
    url,
    savedFrom: null,
    title: 'Settings',
    scannedAt: at,
    service: null,
    viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
    surfaces: [{ id: 's', kind, title: 'Privacy', box, primaryAction: null, findings: [] }],
    controls: [{ id: 'c', label: 'Help improve the model', description: '', purpose: 'ai-training', state, kind: 'switch', box, findings: [], surfaceId: 's' }],
    deadline: null,
    engine: { version: 'e2e', ms: 1 },
  };
}

/**
 * `n` reports alternating off/on, a second apart from `start`: each one differs from the one
 * before, so each one saved is a new entry in the service's history.
 */
function burst(opened: Opened, n: number, start: number, kind: 'settings' | 'terms-update' = 'settings'): { message: object; at: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(start + i * 1000).toISOString();
    const report = settingsReport(opened.url, i % 2 ? 'on' : 'off', at, kind);
    return { at, message: { type: 'content→background:report', report, changedInPage: false } };
  });
}

/**
 * Sends the messages from the content script's world, `everyMs` apart (0: all at once), without
 * waiting for answers; the acks (the background's answers) and the failures are collected in
 * that world as they come.
 */
async function startBurst(world: Awaited<ReturnType<typeof contentWorld>>, sends: { message: object; at: string }[], everyMs = 0): Promise<void> {
  await world.run(`(() => {
    const state = (globalThis.__burst = { acked: [], failed: [], pending: ${sends.length} });
    (async () => {
      for (const s of ${JSON.stringify(sends)}) {
        chrome.runtime.sendMessage(s.message).then(
          () => { state.acked.push(s.at); state.pending--; },
          (e) => { state.failed.push(s.at + ' ' + String(e && e.message)); state.pending--; },
        );
        if (${everyMs} > 0) await new Promise((r) => setTimeout(r, ${everyMs}));
      }
    })();
  })()`);
}
type World = Awaited<ReturnType<typeof contentWorld>>;
const burstState = (world: Awaited<ReturnType<typeof contentWorld>>): Promise<BurstState> => world.run<BurstState>('globalThis.__burst');

/**
 * Readies a stop of the extension's service worker (as the browser stops an idle or stuck one),
 * so that the stop itself is one protocol call: `Target.closeTarget` on the worker's target.
 */
async function workerStopper(): Promise<() => Promise<void>> {
  const browser = e2e.ext.context.browser();
  if (!browser) throw new Error('no browser-level DevTools session');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${e2e.ext.extensionId}/`));
  if (!worker) throw new Error('the extension has no running service worker');
  return async () => {
    try {
      await cdp.send('Target.closeTarget', { targetId: worker.targetId });
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  };
}

/** `p`, or a rejection after `ms` (a worker being stopped may never answer). */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const history = (stored: unknown, service: string): Observation[] => ((stored as Stored | undefined)?.services[service]?.history ?? []);

/** A rule file of the user's own (as the options page imports it), one per `n`. */
function ruleFile(n: number): string {
  return JSON.stringify({
    id: `e2e-rule-${n}`,
    name: `E2E Chat ${n}`,
    vendor: 'E2E',
    hosts: [`chat${n}.example-chat.test`],
    siteNames: [],
    settings: { url: `https://chat${n}.example-chat.test/settings`, path: 'Settings › Data', control: 'Use my chats to train' },
    defaultState: 'unknown',
    phrases: { en: ['use my chats to train'] },
    deadlines: [],
  });
}

type BurstState = { acked: string[]; failed: string[]; pending: number };

/**
 * Imports the rules `ids` from the extension page `page`, `everyMs` apart, without waiting for
 * the answers. An import is acknowledged when the background answers that it kept the rule,
 * which it does only after saving it; every other answer, and every failure, is not.
 */
async function startImports(page: Page, ids: number[], everyMs: number): Promise<void> {
  await page.evaluate(
    ({ files, everyMs }) => {
      const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome;
      const state: BurstState = { acked: [], failed: [], pending: files.length };
      Object.assign(globalThis, { __imports: state });
      void (async () => {
        for (const { id, text } of files) {
          chrome.runtime.sendMessage({ type: 'options→background:import-user-rule', text }).then(
            (reply) => {
              const r = reply as { ok?: unknown; rule?: { id?: unknown } } | undefined;
              if (r?.ok === true && r.rule?.id === id) state.acked.push(id);
              else state.failed.push(`${id} ${JSON.stringify(reply)}`);
              state.pending--;
            },
            (e: unknown) => {
              state.failed.push(`${id} ${String((e as Error).message)}`);
              state.pending--;
            },
          );
          if (everyMs > 0) await new Promise((r) => setTimeout(r, everyMs));
        }
      })();
    },
    { files: ids.map((n) => ({ id: `e2e-rule-${n}`, text: ruleFile(n) })), everyMs },
  );
}
const importState = async (page: Page): Promise<BurstState> => page.evaluate(() => (globalThis as unknown as { __imports: BurstState }).__imports);

describe('the service worker stopped in the middle of a burst of writes', () => {
  it('loses no acknowledged write', async () => {
    const page = await storagePage();
    for (let round = 0; round < 3; round++) {
      await page.evaluate(() => (globalThis as unknown as { chrome: ChromeStorage }).chrome.storage.local.clear());
      const ids = Array.from({ length: 45 }, (_, i) => round * 100 + i);
      await startImports(page, ids, 4);
      for (const n of [5, 18, 32]) {
        // A mark in this worker's global scope: a worker started later does not have it.
        await withTimeout(e2e.ext.worker().then((w) => w.evaluate(() => Object.assign(globalThis, { __e2eStopped: true }))), 5_000);
        const stop = await workerStopper();
        await waitFor(() => importState(page), (s) => s.acked.length + s.failed.length >= n, 10_000, 1);
        await stop();
        // The next messages wake a new worker, which goes on from what is stored.
        const fresh = await waitFor(
          async () => {
            // Once the burst is all sent, nothing else would wake one.
            await page.evaluate(() => void (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'options→background:get-user-rules' }).catch(() => undefined));
            return withTimeout(e2e.ext.worker().then((w) => w.evaluate(() => !('__e2eStopped' in globalThis))), 1_000).catch(() => false);
          },
          (yes) => yes,
          10_000,
        );
        expect(fresh, 'a new worker took over after the stop').toBe(true);
      }
      const done = await waitFor(() => importState(page), (s) => s.pending === 0, 30_000);
      expect(done.acked.length).toBeGreaterThan(0);
      const stored = (await local())[STORAGE_KEY] as Stored | undefined;
      const kept = new Set((stored?.userRules ?? []).map((r) => r.id));
      const lost = done.acked.filter((id) => !kept.has(id));
      expect(lost, `round ${round}: answered but not stored (${done.acked.length} answered, ${done.failed.length} not: ${done.failed.slice(0, 2).join('; ')})`).toEqual([]);
      // What was not answered may or may not be there; nothing else is.
      expect([...kept].filter((id) => !ids.some((n) => `e2e-rule-${n}` === id))).toEqual([]);
    }
  });
});

// ───────────────────────────────────────────── what the user sees

const OPTIONS = (): string => `chrome-extension://${e2e.ext.extensionId}/src/options/index.html`;

/** One report from the page's content script, answered once the background has handled it. */
async function report(world: World, opened: Opened, state: 'on' | 'off', at: string): Promise<void> {
  const message = { type: 'content→background:report', report: settingsReport(opened.url, state, at), changedInPage: false };
  await world.run(`chrome.runtime.sendMessage(${JSON.stringify(message)})`);
}

async function bytesInUse(): Promise<{ used: number; quota: number }> {
  return (await storagePage()).evaluate(async () => {
    const l = (globalThis as unknown as { chrome: ChromeStorage }).chrome.storage.local;
    return { used: await l.getBytesInUse(null), quota: l.QUOTA_BYTES };
  });
}

const ON_AT = '2030-02-01T10:00:00.000Z';
const OFF_AT = '2030-01-15T09:00:00.000Z';
const obs = (state: 'on' | 'off', at: string, url: string): Observation => ({ state, at, url, source: 'settings-page' });

describe('a full storage area', () => {
  it('leaves saved data it cannot set aside in place, and the popup says why nothing is saved', async () => {
    const opened = await e2e.open(CLAUDE_PAGE);
    const world = await contentWorld(opened.page);
    // Foreign data under our key, too big to be copied aside within Chrome's 10 MB.
    const foreign = { theme: 'dark', notes: 'x'.repeat(6_000_000) };
    await setLocal({ [STORAGE_KEY]: foreign });
    await report(world, opened, 'off', OFF_AT);
    const after = await local();
    expect(Object.keys(after)).toEqual([STORAGE_KEY]);
    const kept = after[STORAGE_KEY] as typeof foreign;
    expect(kept.theme).toBe('dark');
    expect(kept.notes.length).toBe(foreign.notes.length);

    const popup = await e2e.popup(opened.tabId);
    await popup.getByTestId('recovery-notice').waitFor();
    expect(await popup.getByTestId('recovery-problem').textContent()).toMatch(/cannot read its saved data.*no room.*not ours/);
    expect(await popup.getByTestId('storage-full').textContent()).toMatch(/storage for it is full/);
    await popup.close();
    await opened.page.close();
  });

  it('refuses a write that does not fit whole, says so, and saves again once there is room', async () => {
    const opened = await e2e.open(CLAUDE_PAGE);
    const world = await contentWorld(opened.page);
    await report(world, opened, 'off', OFF_AT);
    const before = (await local())[STORAGE_KEY] as Stored;
    expect(history(before, 'claude')).toHaveLength(1);
    // Fill the rest of the area but for a few bytes (another key: data that is not ours).
    const { used, quota } = await bytesInUse();
    const filler = 'e2e-filler';
    await setLocal({ [filler]: 'y'.repeat(quota - used - filler.length - 2 - 40) });
    expect((await bytesInUse()).used).toBeGreaterThan(quota - 60);

    await report(world, opened, 'on', ON_AT);
    // Nothing half-written: the stored value is exactly as it was.
    expect((await local())[STORAGE_KEY]).toEqual(before);
    const popup = await e2e.popup(opened.tabId);
    await popup.getByTestId('storage-full').waitFor();
    expect(await popup.getByTestId('storage-full').textContent()).toMatch(/could not save what it saw.*full/);

    await (await storagePage()).evaluate((k) => (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove(k), filler);
    await report(world, opened, 'on', ON_AT);
    expect(history((await local())[STORAGE_KEY], 'claude').map((o) => o.state)).toEqual(['off', 'on']);
    // The popup refreshes when storage changes: the notice goes.
    await popup.getByTestId('storage-full').waitFor({ state: 'detached' });
    await popup.close();
    await opened.page.close();
  });
});

describe('saved data that cannot be read', () => {
  for (const [what, value] of [
    ['a corrupt value', 'garbage{'],
    ['a foreign value', { theme: 'dark', services: 'not a map' }],
  ] as const) {
    it(`keeps ${what} aside, tells the user, exports it as JSON, and goes on recording`, async () => {
      const opened = await e2e.open(CLAUDE_PAGE);
      const world = await contentWorld(opened.page);
      await setLocal({ [STORAGE_KEY]: value });
      await report(world, opened, 'off', OFF_AT);
      const after = await local();
      const keys = Object.keys(after).filter((k) => k.startsWith(CORRUPT_PREFIX));
      expect(keys).toHaveLength(1);
      expect(after[keys[0]!]).toMatchObject({ value, kind: 'unreadable' });
      expect(history(after[STORAGE_KEY], 'claude').map((o) => o.at)).toEqual([OFF_AT]);

      const popup = await e2e.popup(opened.tabId);
      const notice = popup.getByTestId('recovery');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/could not read.*set aside, not deleted/);
      const [download] = await Promise.all([popup.waitForEvent('download'), notice.getByTestId('recovery-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^consent-lens-set-aside-.*\.json$/);
      const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as { value: unknown; key: string };
      expect(file.value).toEqual(value);
      expect(file.key).toBe(keys[0]);
      // Dismissed in the popup: it stays kept, and the options page still lists it.
      await notice.getByTestId('recovery-dismiss').click();
      await popup.getByTestId('recovery-notice').waitFor({ state: 'detached' });
      expect(Object.keys(await local())).toContain(keys[0]);
      await popup.close();

      const options = await e2e.ext.context.newPage();
      await options.goto(OPTIONS());
      const row = options.getByTestId('recovery');
      await row.waitFor();
      const [again] = await Promise.all([options.waitForEvent('download'), row.getByTestId('recovery-export').click()]);
      expect((JSON.parse(await readFile((await again.path())!, 'utf8')) as { value: unknown }).value).toEqual(value);
      // Deleting asks first.
      await row.getByTestId('recovery-delete').click();
      await options.getByTestId('confirm-yes').click();
      await options.getByTestId('recoveries').waitFor({ state: 'detached' });
      expect(Object.keys(await local()).filter((k) => k.startsWith(CORRUPT_PREFIX))).toEqual([]);
      await options.close();
      await opened.page.close();
    });
  }
});

describe('the notices', () => {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`have no serious or critical axe-core violations in the popup and the options page (${colorScheme})`, async () => {
      const source = await readFile(axePath, 'utf8');
      const opened = await e2e.open(CLAUDE_PAGE);
      await setLocal({
        [`${CORRUPT_PREFIX}2030-01-01T00:00:00.000Z`]: { reason: 'the saved data is a string, not an object', value: 'x', kind: 'unreadable', at: '2030-01-01T00:00:00.000Z' },
        [`${CORRUPT_PREFIX}2030-01-02T00:00:00.000Z`]: { reason: 'newer', value: {}, kind: 'newer', version: 3, at: '2030-01-02T00:00:00.000Z' },
      });
      const popup = await e2e.popup(opened.tabId, { colorScheme });
      const options = await e2e.ext.context.newPage();
      await options.emulateMedia({ colorScheme });
      await options.goto(OPTIONS());
      const problems: string[] = [];
      for (const [name, page, ready] of [['popup', popup, 'recovery-notice'], ['options', options, 'recoveries']] as const) {
        await page.getByTestId(ready).waitFor();
        // Through the DevTools protocol, so the extension page's CSP does not stop it.
        await page.evaluate(`${source}\n;0`);
        const found = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
        });
        problems.push(...found.map((f) => `[${name}] ${f}`));
      }
      expect(problems).toEqual([]);
      await popup.close();
      await options.close();
      await opened.page.close();
    });
  }
});

describe('a downgrade, then a version that reads the data again', () => {
  it('keeps the newer data aside while this version runs, and puts it back, merged, when it can read it', async () => {
    const opened = await e2e.open(CLAUDE_PAGE);
    const world = await contentWorld(opened.page);
    const url = opened.url;
    // Written by v3, which this build (v2) cannot read.
    const v3 = {
      version: 3,
      services: { claude: { current: obs('off', OFF_AT, url), history: [obs('off', OFF_AT, url)], drift: null, deadline: null } },
      prefs: { notifications: true },
      userRules: [],
      somethingNew: { added: 'in v3' },
    };
    await setLocal({ [STORAGE_KEY]: v3 });
    await report(world, opened, 'on', ON_AT);
    let all = await local();
    const [key] = Object.keys(all).filter((k) => k.startsWith(CORRUPT_PREFIX));
    expect(all[key!]).toMatchObject({ kind: 'newer', version: 3, value: v3 });
    expect(all[ASIDE_KEY]).toEqual([{ key, version: 3 }]);
    // Recording goes on meanwhile, from defaults.
    expect(history(all[STORAGE_KEY], 'claude').map((o) => o.at)).toEqual([ON_AT]);
    const popup = await e2e.popup(opened.tabId);
    await popup.getByTestId('recovery').waitFor();
    expect(await popup.getByTestId('recovery').textContent()).toMatch(/newer version.*comes back when you update/);

    // The version that reads it returns. (This build is v2: the kept value is given version 2,
    // which is what v3's build would see it as — the same path, in the browser's storage.)
    await setLocal({ [key!]: { ...(all[key!] as object), version: 2, value: { ...v3, version: 2 } }, [ASIDE_KEY]: [{ key, version: 2 }] });
    await popup.reload();
    await popup.getByTestId('recovery').waitFor();
    expect(await popup.getByTestId('recovery').textContent()).toMatch(/put back on/);
    all = await local();
    const restored = all[STORAGE_KEY] as Stored;
    expect(history(restored, 'claude').map((o) => `${o.state} ${o.at}`)).toEqual([`off ${OFF_AT}`, `on ${ON_AT}`]);
    expect(restored.services.claude?.drift).toMatchObject({ from: 'off', to: 'on' });
    expect(restored.prefs.notifications).toBe(true);
    expect(all[ASIDE_KEY]).toEqual([]);
    expect(all[key!]).toMatchObject({ restoredAt: expect.any(String) });
    await popup.close();
    await opened.page.close();
  });
});

describe('two tabs writing at once', () => {
  it('records both', async () => {
    const claude = await e2e.open(CLAUDE_PAGE);
    const chatgpt = await e2e.open(CHATGPT_PAGE);
    const worlds = await Promise.all([contentWorld(claude.page), contentWorld(chatgpt.page)]);
    const sends = [burst(claude, 20, Date.parse('2030-03-01T00:00:00.000Z')), burst(chatgpt, 20, Date.parse('2030-03-01T00:00:00.500Z'))];
    await Promise.all(worlds.map((w, i) => startBurst(w, sends[i]!)));
    const done = await Promise.all(worlds.map((w) => waitFor(() => burstState(w), (s) => s.pending === 0, 20_000)));
    expect(done.map((d) => d.acked.length)).toEqual([20, 20]);
    const stored = (await local())[STORAGE_KEY];
    expect(history(stored, 'claude').map((o) => o.at).sort()).toEqual(sends[0]!.map((s) => s.at).sort());
    expect(history(stored, 'chatgpt').map((o) => o.at).sort()).toEqual(sends[1]!.map((s) => s.at).sort());
    await claude.page.close();
    await chatgpt.page.close();
  });
});
