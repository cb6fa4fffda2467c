/**
 * End-to-end harness: the built extension in Chromium, the fixture server, and a recorder of
 * every network request the extension makes. One browser (fresh temporary profile) per test
 * file: call `useE2E()` at the top of the file.
 *
 * Network recording. Before the extension is installed (it is installed through the DevTools
 * protocol after launch, see src/cli/extension-browser.ts) the harness subscribes to the
 * context's `request` event. Playwright reports there the requests of every page of the
 * context — the fixture pages, whose non-navigation requests can only come from the content
 * script because the fixtures load nothing, and the extension's own pages such as the popup —
 * and of service workers, including the extension's, from its first module import on.
 * A browser-level DevTools session also watches which kinds of contexts the extension creates;
 * one Playwright does not watch (an offscreen document, say) is itself a failure. The fixture
 * server's own log is a second witness: anything but the pages a test opened (and the browser's
 * favicon fetch) that reaches it is a failure too. `afterAll` fails the file on any of these.
 */
import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext, CDPSession, Page, Request } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from '../../src/cli/extension-browser';
import type { FixtureServer, Routes } from '../../src/cli/https-fixture-server';
import { STORAGE_KEY, type Stored } from '../../src/shared/storage-schema';
import { DEFAULT_ROUTES, startTestServer, type PageRef } from './https-server';
import { readOverlay, type Rect } from '../../src/cli/overlay-reader';

// ───────────────────────────────────────────────────────────── network recorder

export type RequestSource = 'service-worker' | 'extension-page' | 'page';

export interface RecordedRequest {
  source: RequestSource;
  url: string;
  method: string;
  resourceType: string;
  navigation: boolean;
  /** The worker's script URL, or the URL of the document the request came from. */
  from: string;
}

interface TargetSeen {
  type: string;
  url: string;
}

/** Contexts of the extension whose requests Playwright reports. */
const WATCHED_TARGET_TYPES = new Set(['service_worker', 'page', 'iframe', 'worker']);

export class NetworkRecorder {
  readonly requests: RecordedRequest[] = [];
  readonly targets: TargetSeen[] = [];
  /** Document URLs a test navigated to. */
  readonly navigated = new Set<string>();
  extensionId = '';
  private browserSession: CDPSession | null = null;

  /** Call before the extension is installed. */
  async attach(context: BrowserContext): Promise<void> {
    context.on('request', (r) => this.requests.push(describeRequest(r)));
    // WebSockets are not requests to Playwright; a page's (hence a content script's) are reported here.
    context.on('page', (page) =>
      page.on('websocket', (ws) =>
        this.requests.push({ source: page.url().startsWith('chrome-extension://') ? 'extension-page' : 'page', url: ws.url(), method: 'GET', resourceType: 'websocket', navigation: false, from: page.url() }),
      ),
    );
    const browser = context.browser();
    if (!browser) throw new Error('no browser-level DevTools session');
    this.browserSession = await browser.newBrowserCDPSession();
    this.browserSession.on('Target.targetCreated', (e) => {
      const info = e.targetInfo;
      if (info.url.startsWith('chrome-extension://')) this.targets.push({ type: info.type, url: info.url });
    });
    await this.browserSession.send('Target.setDiscoverTargets', { discover: true });
  }

  async detach(): Promise<void> {
    await this.browserSession?.detach().catch(() => undefined);
  }

  private ours(url: string): boolean {
    return this.extensionId !== '' && url.startsWith(`chrome-extension://${this.extensionId}/`);
  }

  /** Every recorded request the extension made beyond its own package files and the pages the tests opened. */
  violations(server?: FixtureServer): string[] {
    const out: string[] = [];
    for (const r of this.requests) {
      if (r.source === 'service-worker' && !this.ours(r.from)) continue; // another (built-in) extension's worker
      if (this.ours(r.url) || r.url.startsWith('data:') || r.url.startsWith('blob:')) continue;
      if (r.source !== 'service-worker' && r.navigation && r.resourceType === 'document' && this.navigated.has(r.url)) continue;
      out.push(`${r.source} ${r.method} ${r.url} (${r.resourceType}${r.navigation ? ', navigation' : ''}, from ${r.from})`);
    }
    for (const t of this.targets) {
      if (this.ours(t.url) && !WATCHED_TARGET_TYPES.has(t.type)) out.push(`unwatched extension context: ${t.type} ${t.url}`);
    }
    if (server) {
      const opened = new Set([...this.navigated].map((u) => new URL(u)).map((u) => `${u.hostname}${u.pathname}${u.search}`));
      const hosts = new Set([...this.navigated].map((u) => new URL(u).hostname));
      for (const s of server.log) {
        if (opened.has(`${s.host}${s.path}`)) continue;
        if (s.path === '/favicon.ico' && hosts.has(s.host)) continue; // the browser's own, not visible to the page
        out.push(`fixture server got ${s.method} https://${s.host}${s.path} (${s.status}), which no test opened`);
      }
    }
    return out;
  }

  /** Removes and returns the recorded requests that match (for tests that make requests on purpose). */
  take(match: (r: RecordedRequest) => boolean): RecordedRequest[] {
    const taken = this.requests.filter(match);
    for (const r of taken) this.requests.splice(this.requests.indexOf(r), 1);
    return taken;
  }

  assertClean(server?: FixtureServer): void {
    const v = this.violations(server);
    if (v.length) throw new Error(`The extension made ${v.length} network request(s) of its own:\n  ${v.join('\n  ')}`);
  }
}

function describeRequest(r: Request): RecordedRequest {
  const base = { url: r.url(), method: r.method(), resourceType: r.resourceType(), navigation: false };
  const sw = r.serviceWorker();
  if (sw) return { ...base, source: 'service-worker', from: sw.url() };
  let from: string;
  try {
    const frame = r.frame();
    from = frame.url() || frame.page().url();
  } catch {
    from = '(no frame)';
  }
  const navigation = r.isNavigationRequest();
  // A navigation's frame still shows the previous document; the request's own URL says where it goes.
  const source: RequestSource = (navigation ? r.url() : from).startsWith('chrome-extension://') ? 'extension-page' : 'page';
  return { ...base, navigation, source, from };
}

// ───────────────────────────────────────────────────────────── the per-file harness

export interface Opened {
  page: Page;
  tabId: number;
  url: string;
}

export interface OpenOptions {
  /** Record in the page when a dialog and our first mark appear (see LATE_TIMING). */
  timing?: boolean;
}

export interface PopupOptions {
  /** page.clock.setFixedTime before the popup loads. */
  fixedTime?: Date;
  colorScheme?: 'light' | 'dark';
}

export interface E2E {
  readonly server: FixtureServer;
  readonly ext: ExtensionBrowser;
  readonly net: NetworkRecorder;
  /** Opens https://HOST:PORT/PATH in a new page and finds its tab id. */
  open(ref: PageRef, opts?: OpenOptions): Promise<Opened>;
  /** Navigates an open page again (a later visit of the same URL). */
  revisit(opened: Opened): Promise<void>;
  /** The popup for a tab, opened as a page at chrome-extension://ID/src/popup/index.html?tab=TABID. */
  popup(tabId: number, opts?: PopupOptions): Promise<Page>;
  /** What the background keeps in storage.local (the typed schema in src/shared/storage-schema.ts). */
  stored(): Promise<Stored | null>;
}

export const POPUP_VIEWPORT = { width: 400, height: 600 };

/**
 * Registers beforeAll/afterAll for one browser, one server and one network recorder for the
 * calling test file. afterAll fails the file if the extension made a request of its own.
 */
export interface E2EOptions {
  /** The browser's language (see LaunchOptions.lang), e.g. 'de'. */
  lang?: string;
}

export function useE2E(routes: Routes = DEFAULT_ROUTES, opts: E2EOptions = {}): E2E {
  let server: FixtureServer | null = null;
  let ext: ExtensionBrowser | null = null;
  const net = new NetworkRecorder();
  const ready = <T>(v: T | null, what: string): T => {
    if (!v) throw new Error(`${what} is not ready (beforeAll failed?)`);
    return v;
  };

  beforeAll(async () => {
    server = await startTestServer(routes);
    ext = await launchExtension({
      // E2E_DIST: test another build than dist/ (e.g. one built to a private directory).
      ...(process.env.E2E_DIST ? { dist: process.env.E2E_DIST } : {}),
      timezoneId: 'UTC',
      ...(opts.lang ? { lang: opts.lang } : {}),
      beforeInstall: (context) => net.attach(context),
    });
    net.extensionId = ext.extensionId;
  });

  afterAll(async () => {
    const problems = net.violations(server ?? undefined);
    await net.detach();
    await ext?.close();
    await server?.close();
    if (problems.length) throw new Error(`The extension made ${problems.length} network request(s) of its own:\n  ${problems.join('\n  ')}`);
  });

  const e2e: E2E = {
    get server() {
      return ready(server, 'the fixture server');
    },
    get ext() {
      return ready(ext, 'the browser');
    },
    net,
    async open(ref, opts = {}) {
      const url = e2e.server.url(ref.host, ref.path);
      net.navigated.add(url);
      const page = await e2e.ext.context.newPage();
      if (opts.timing) await page.addInitScript(LATE_TIMING);
      const response = await page.goto(url, { waitUntil: 'load' });
      if (!response || response.status() !== 200) throw new Error(`${url}: HTTP ${response?.status()}`);
      return { page, url, tabId: await e2e.ext.tabIdOf(page) };
    },
    async revisit(opened) {
      const response = await opened.page.goto(opened.url, { waitUntil: 'load' });
      if (!response || response.status() !== 200) throw new Error(`${opened.url}: HTTP ${response?.status()}`);
    },
    async popup(tabId, opts = {}) {
      const page = await e2e.ext.context.newPage();
      await page.setViewportSize(POPUP_VIEWPORT);
      if (opts.fixedTime) await page.clock.setFixedTime(opts.fixedTime);
      if (opts.colorScheme) await page.emulateMedia({ colorScheme: opts.colorScheme });
      await page.goto(e2e.ext.popupUrl(tabId), { waitUntil: 'load' });
      return page;
    },
    async stored() {
      const w = await e2e.ext.worker();
      return w.evaluate(async (key) => {
        const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
        return ((await chrome.storage.local.get(key))[key] ?? null) as Stored | null;
      }, STORAGE_KEY);
    },
  };
  return e2e;
}

// ───────────────────────────────────────────────────────────── the overlay

/**
 * What the content script has drawn, read through DevTools (the page cannot read it, nor can
 * Playwright's locators: see src/cli/overlay-reader.ts). `clickOverlay` clicks our buttons with
 * the real mouse.
 */
export { clickOverlay, readOverlay as overlayState, type OverlayState, type Rect } from '../../src/cli/overlay-reader';

/** Our highlight is on the page and drawn (not hidden, as it is for a capture's raw picture). */
export async function overlayShown(page: Page): Promise<boolean> {
  const hosts = (await readOverlay(page)).read.filter((r) => r.kind === 'overlay');
  return hosts.length === 1 && !hosts[0]!.hidden && hosts[0]!.marks.length > 0 && hosts[0]!.display === 'block';
}

/** The viewport rect of the first element matching a selector (light DOM). */
export async function rectOf(page: Page, selector: string): Promise<Rect> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  return box;
}

export function rectDistance(a: Rect, b: Rect): number {
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y), Math.abs(a.width - b.width), Math.abs(a.height - b.height));
}

/**
 * In the page's main world, what a page can see of our overlay: an element child of <html>
 * other than <head> and <body> (see README, "What a page can tell"). Source text for init scripts.
 */
export const PAGE_SEES_HOST = `Array.from(document.documentElement ? document.documentElement.children : []).some((e) => e.localName !== 'head' && e.localName !== 'body')`;

/**
 * An init script for the page's main world: records `performance.now()` when the first
 * [role=dialog] is inserted and when our overlay's host appears on <html> (it is put there, its
 * marks drawn, in the same task; the page sees no more of it). A mutation observer on the
 * document, plus a frame-by-frame check as a fallback.
 */
export const LATE_TIMING = `(() => {
  const t = { dialogAt: null, markAt: null };
  Object.defineProperty(window, '__e2eTiming', { value: t });
  const check = () => {
    if (t.dialogAt === null && document.querySelector('[role="dialog"]')) t.dialogAt = performance.now();
    if (t.markAt === null && ${PAGE_SEES_HOST}) t.markAt = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  const frame = () => { check(); if (t.markAt === null) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})();`;

export interface LateTiming {
  dialogAt: number | null;
  markAt: number | null;
}

export function lateTiming(page: Page): Promise<LateTiming> {
  return page.evaluate(() => (window as unknown as { __e2eTiming: LateTiming }).__e2eTiming);
}

/** Polls `read` until `ok` holds or the time is up; returns the last value. */
export async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, everyMs));
    v = await read();
  }
  return v;
}
