/**
 * The built extension (dist/) loaded into the system Chromium, with the services' host names
 * mapped to the local fixture server. Shared by `npm start` and the end-to-end tests.
 *
 * The extension is installed after the browser has started, through the DevTools protocol
 * (`Extensions.loadUnpacked`), rather than with `--load-extension`: whoever launches can watch
 * the browser (e.g. its network) before the extension's first line runs, including its install
 * handlers; and branded Chrome 137+ ignores `--load-extension` while this still works.
 */
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChromium, QUIET_FLAGS } from './chromium';
import { hostResolverRules, SERVED_HOSTS } from './https-fixture-server';
import type { Report } from '../engine/types';

export const DIST_DIR = resolve(import.meta.dirname, '../../dist');
export const POPUP_PATH = 'src/popup/index.html';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (waits for it when it is not running). */
  worker(): Promise<Worker>;
  /** The tab id Chromium gave the page (asked of the extension's service worker). */
  tabIdOf(page: Page): Promise<number>;
  badgeText(tabId: number): Promise<string>;
  /** The report the background keeps for a tab (in storage.session under `tab:<id>`), or null. */
  tabReport(tabId: number): Promise<Report | null>;
  popupUrl(tabId: number): string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  dist?: string;
  headless?: boolean;
  hosts?: readonly string[];
  /** null: the window's own size (headed). */
  viewport?: { width: number; height: number } | null;
  /** e.g. 'UTC', so dates and countdowns do not depend on the machine. */
  timezoneId?: string;
  /**
   * The browser's language, e.g. 'de': `--lang` (which picks the extension's message catalogue),
   * LANGUAGE for the process, and the pages' Accept-Language / navigator.language.
   */
  lang?: string;
  /** Runs after the browser has started and before the extension is installed. */
  beforeInstall?: (context: BrowserContext) => void | Promise<void>;
}

export class MissingBuildError extends Error {
  constructor(dist: string) {
    super(`No built extension in ${dist}: run npm run build first.`);
    this.name = 'MissingBuildError';
  }
}

const WORKER_TIMEOUT_MS = 15_000;

/** The few extension APIs evaluated in the service worker (there is no @types/chrome here). */
interface ChromeApi {
  tabs: { query(q: { active?: boolean }): Promise<Array<{ id?: number }>> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
  storage: { session: { get(k: string): Promise<Record<string, unknown>> } };
}

/**
 * Starts Chromium with a fresh temporary profile and installs the unpacked extension. Throws
 * MissingBrowserError (from findChromium) when there is no browser, MissingBuildError when
 * dist/ has not been built.
 */
export async function launchExtension(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dist = resolve(opts.dist ?? DIST_DIR);
  try {
    await access(join(dist, 'manifest.json'));
  } catch {
    throw new MissingBuildError(dist);
  }
  const executablePath = findChromium();
  const profile = await mkdtemp(join(tmpdir(), 'consent-lens-profile-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: opts.headless ?? true,
      viewport: opts.viewport === undefined ? { width: 1280, height: 800 } : opts.viewport,
      ...(opts.viewport === null ? {} : { deviceScaleFactor: 1 }),
      ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
      ...(opts.lang ? { locale: opts.lang, env: { ...process.env, LANGUAGE: opts.lang } } : {}),
      ignoreHTTPSErrors: true,
      // Playwright passes --disable-extensions by default; the extension is installed below.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        // Scrollbars stay for a person looking at the window.
        ...QUIET_FLAGS.filter((f) => opts.headless !== false || f !== '--hide-scrollbars'),
        '--ignore-certificate-errors',
        `--host-resolver-rules=${hostResolverRules(opts.hosts ?? SERVED_HOSTS)}`,
        '--enable-unsafe-extension-debugging',
        ...(opts.lang ? [`--lang=${opts.lang}`] : []),
      ],
    });
    await opts.beforeInstall?.(context);
    const browser = context.browser();
    if (!browser) throw new Error('Chromium gave no browser-level DevTools session to install the extension with.');
    const cdp = await browser.newBrowserCDPSession();
    // Not in playwright-core's typed protocol list; Chromium has had it since version 126.
    const send = cdp.send.bind(cdp) as unknown as (method: string, params: object) => Promise<{ id: string }>;
    const ctx = context;
    const origin = (id: string): string => `chrome-extension://${id}/`;
    const installed = await send('Extensions.loadUnpacked', { path: dist });
    const extensionId = installed.id;
    await cdp.detach().catch(() => undefined);

    const isOurs = (w: Worker): boolean => w.url().startsWith(origin(extensionId));
    async function worker(): Promise<Worker> {
      const found = ctx.serviceWorkers().find(isOurs);
      if (found) return found;
      return ctx.waitForEvent('serviceworker', { predicate: isOurs, timeout: WORKER_TIMEOUT_MS });
    }
    await worker();

    // Tab URLs are withheld from the extension (no "tabs" permission, no host permissions of
    // its own), so a page's tab is the active tab right after the page is brought to the
    // front. Lookups are serialised so two cannot interleave.
    let lookups: Promise<unknown> = Promise.resolve();
    function tabIdOf(page: Page): Promise<number> {
      const run = async (): Promise<number> => {
        await page.bringToFront();
        const ids = await (await worker()).evaluate(async () => {
          const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
          return (await chrome.tabs.query({ active: true })).map((t) => t.id ?? -1);
        });
        if (ids.length !== 1 || ids[0]! < 0) throw new Error(`expected one active tab for ${page.url()}, found ${ids.length}`);
        return ids[0]!;
      };
      const next = lookups.then(run, run);
      lookups = next.catch(() => undefined);
      return next;
    }

    return {
      context: ctx,
      extensionId,
      worker,
      tabIdOf,
      badgeText: async (tabId) =>
        (await worker()).evaluate((id) => (globalThis as unknown as { chrome: ChromeApi }).chrome.action.getBadgeText({ tabId: id }), tabId),
      tabReport: async (tabId) =>
        (await worker()).evaluate(async (id) => {
          const key = `tab:${id}`;
          const got = (await (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.session.get(key))[key];
          if (typeof got !== 'object' || got === null) return null;
          // The background keeps { report, at } (src/background/tab-state.ts); a bare report is accepted too.
          const entry = got as { report?: unknown; schema?: unknown };
          return (typeof entry.schema === 'string' ? entry : (entry.report ?? null)) as Report | null;
        }, tabId),
      popupUrl: (tabId) => `${origin(extensionId)}${POPUP_PATH}?tab=${tabId}`,
      close: async () => {
        await ctx.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
}
