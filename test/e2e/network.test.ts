/**
 * The network recorder that every e2e file relies on (test/helpers/extension.ts) must see the
 * requests the extension could make: from its service worker, from its pages and from its
 * content scripts. Each test here makes one such request on purpose, through a test-only
 * path that does not ship (the test evaluates `fetch` in that context), checks it was recorded
 * and would fail the file, then removes it so this file's own afterAll check stays meaningful.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useE2E, waitFor } from '../helpers/extension';
import { PAGES } from '../helpers/https-server';
import { CAPTURE_FILE, CONTENT_FILE } from '../../src/shared/content-files';

const e2e = useE2E();
const PROBE = '/e2e-probe/';

/** Forget the deliberate probes (client- and server-side) once a test has checked them. */
afterEach(() => {
  e2e.net.take((r) => r.url.includes(PROBE) || r.url.includes('telemetry.example'));
  const log = e2e.server.log;
  for (let i = log.length - 1; i >= 0; i--) if (log[i]!.path.includes(PROBE)) log.splice(i, 1);
});

describe('network recorder', () => {
  it('records a fetch from the extension service worker (reachable and unreachable hosts) and fails on it', async () => {
    const sw = await e2e.ext.worker();
    const probe = e2e.server.url('claude.ai', `${PROBE}worker`);
    const reached = await sw.evaluate((u) => fetch(u).then((r) => r.status, (e: Error) => e.name), probe);
    expect(reached).toBe(404); // it got to the fixture server, which knows no such route
    const offline = await sw.evaluate(() => fetch('https://telemetry.example/collect').then((r) => r.status, (e: Error) => e.name));
    expect(offline).toBe('TypeError'); // every other host fails to resolve

    const v = e2e.net.violations(e2e.server);
    expect(v.find((l) => l.startsWith('service-worker GET') && l.includes(`${PROBE}worker`))).toBeTruthy();
    expect(v.find((l) => l.startsWith('service-worker GET https://telemetry.example/collect'))).toBeTruthy();
    expect(v.find((l) => l.startsWith('fixture server got') && l.includes(`${PROBE}worker`))).toBeTruthy();
    expect(() => e2e.net.assertClean(e2e.server)).toThrow(/network request\(s\) of its own[\s\S]*telemetry\.example/);
  });

  it('records a fetch from the content script (its isolated world in a fixture page)', async () => {
    const { page } = await e2e.open(PAGES.claudeDialog);
    const cdp = await e2e.ext.context.newCDPSession(page);
    const worlds: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context as (typeof worlds)[number]));
    await cdp.send('Runtime.enable');
    const ours = `chrome-extension://${e2e.ext.extensionId}`;
    const world = await waitFor(
      async () => worlds.find((w) => w.origin === ours && w.auxData?.type === 'isolated'),
      (w) => w !== undefined,
    );
    expect(world, 'the content script never ran in the page').toBeTruthy();
    const url = e2e.server.url('claude.ai', `${PROBE}content-script`);
    const out = await cdp.send('Runtime.evaluate', {
      contextId: world!.id,
      expression: `fetch(${JSON.stringify(url)}).then((r) => r.status, (e) => e.name)`,
      awaitPromise: true,
      returnByValue: true,
    });
    expect(out.result.value).toBe(404);
    const ws = `wss://claude.ai:${e2e.server.port}${PROBE}socket`;
    await cdp.send('Runtime.evaluate', { contextId: world!.id, expression: `void new WebSocket(${JSON.stringify(ws)})` });
    await cdp.detach();
    const v = await waitFor(async () => e2e.net.violations(), (l) => l.some((x) => x.includes(`${PROBE}socket`)), 5_000);
    expect(v.find((l) => l.startsWith('page GET') && l.includes(`${PROBE}content-script`) && l.includes('(fetch'))).toBeTruthy();
    expect(v.find((l) => l.startsWith('page GET') && l.includes(`${PROBE}socket`) && l.includes('(websocket'))).toBeTruthy();
    await page.close();
  });

  it('records a fetch from an extension page', async () => {
    const page = await e2e.ext.context.newPage();
    await page.goto(`chrome-extension://${e2e.ext.extensionId}/manifest.json`);
    const url = e2e.server.url('chatgpt.com', `${PROBE}extension-page`);
    expect(await page.evaluate((u) => fetch(u).then((r) => r.status, (e: Error) => e.name), url)).toBe(404);
    const v = e2e.net.violations();
    expect(v.find((l) => l.startsWith('extension-page GET') && l.includes(`${PROBE}extension-page`))).toBeTruthy();
    await page.close();
  });

  it('does not count the pages a test opens; the content script loads no file of ours into the page', async () => {
    const { page } = await e2e.open(PAGES.chatgpt);
    const cdp = await e2e.ext.context.newCDPSession(page);
    const worlds: Array<{ origin: string; auxData?: { type?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context as (typeof worlds)[number]));
    await cdp.send('Runtime.enable');
    const ours = `chrome-extension://${e2e.ext.extensionId}`;
    expect(await waitFor(async () => worlds.some((w) => w.origin === ours && w.auxData?.type === 'isolated'), Boolean), 'the content script never ran').toBe(true);
    await cdp.detach();
    // One classic script the browser injects: nothing is fetched from chrome-extension://ID/ by the page.
    expect(e2e.net.requests.filter((r) => r.source === 'page' && r.url.startsWith(`${ours}/`)).map((r) => r.url)).toEqual([]);
    expect(e2e.net.violations(e2e.server)).toEqual([]);
    expect(e2e.net.requests.some((r) => r.navigation && r.url === e2e.server.url('chatgpt.com', '/'))).toBe(true);
    await page.close();
  });

  it('lets no page fetch a file of the extension (nothing is web-accessible), which the extension itself can', async () => {
    const files = [CONTENT_FILE, CAPTURE_FILE, 'manifest.json'];
    const ours = `chrome-extension://${e2e.ext.extensionId}/`;
    const probe = (urls: string[]): Promise<string[]> =>
      Promise.all(urls.map((u) => fetch(u).then((r) => (r.ok ? 'loaded' : `HTTP ${r.status}`), (e: Error) => e.name)));
    const { page } = await e2e.open(PAGES.claudeDialog);
    expect(await page.evaluate(probe, files.map((f) => ours + f))).toEqual(files.map(() => 'TypeError'));
    const own = await e2e.ext.context.newPage();
    await own.goto(`${ours}manifest.json`);
    expect(await own.evaluate(probe, files.map((f) => ours + f))).toEqual(files.map(() => 'loaded'));
    await own.close();
    // The browser turns each of the page's attempts into a request for chrome-extension://invalid/.
    const invalid = (r: { url: string }): boolean => r.url === 'chrome-extension://invalid/';
    expect(await waitFor(async () => e2e.net.requests.filter(invalid).length, (n) => n >= files.length, 5_000)).toBe(files.length);
    await page.close();
    e2e.net.take((r) => r.url.startsWith(ours) || invalid(r));
  });
});
