/**
 * Audits targets in one Chromium, up to N at once, each in its own browser context: load, wait
 * for the DOM to settle, evaluate the engine bundle, scan, and (with an output directory) write
 * the report, the raw and annotated pictures and the HTML report, then summary.csv and
 * SHA256SUMS for the run.
 */
import { mkdir, writeFile, access } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPORT_SCHEMA, type Report } from '../engine/types';
import { ENGINE_VERSION } from '../engine/version';
import { summaryCsv } from '../report/csv';
import { formatSha256Sums, sha256Hex, utf8 } from '../report/sums';
import { engineBundle } from './bundle';
import { launchChromium } from './chromium';
import { renderAnnotated } from './annotate';
import { isUrl, MAX_SETTLE_MS, DEFAULT_CONCURRENCY } from './args';
import { evidenceFiles, TOOL_VERSION, type Capture } from './evidence';
import type { PageApi } from './page-entry';

export interface RunOptions {
  settleMs: number;
  viewport: { width: number; height: number };
  outDir: string | null;
  /** Targets audited at once (default 2). */
  concurrency?: number;
  /** Scan with no service rule: the general heuristics alone. */
  noRules?: boolean;
  /** Told about each report as soon as it is ready (not in input order): its index and how many are done. */
  onReport?: (report: Report, index: number, done: number) => void;
}

export const SUMMARY_CSV = 'summary.csv';
export const SHA256SUMS = 'SHA256SUMS';

const LOAD_TIMEOUT_MS = 30_000;
/** How long past its own cap settle() may take before the scan goes ahead without it. */
const SETTLE_GRACE_MS = 2_000;

export function errorReport(target: string, url: string, error: string, viewport: RunOptions['viewport']): Report {
  return {
    schema: REPORT_SCHEMA,
    target,
    url,
    savedFrom: null,
    title: '',
    scannedAt: new Date().toISOString(),
    service: null,
    viewport: { ...viewport, devicePixelRatio: 1 },
    surfaces: [],
    controls: [],
    deadline: null,
    engine: { version: ENGINE_VERSION, ms: 0 },
    error,
  };
}

/** File name stem for a target: the file's own name, or host and path of a URL. */
export function outputName(target: string, taken: Set<string>): string {
  let stem: string;
  if (isUrl(target)) {
    const u = new URL(target);
    stem = `${u.hostname}${u.pathname === '/' ? '' : u.pathname}`;
  } else {
    stem = basename(target).replace(/\.x?html?$/i, '');
  }
  stem = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'page';
  let name = stem;
  for (let i = 2; taken.has(name); i++) name = `${stem}-${i}`;
  taken.add(name);
  return name;
}

function describe(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0]!.replace(/^page\.\w+: /, '');
}

async function targetUrl(target: string): Promise<string> {
  if (isUrl(target)) return target;
  const path = resolve(target);
  try {
    await access(path);
  } catch {
    throw new Error(`no such file: ${path}`);
  }
  return pathToFileURL(path).href;
}

type LensWindow = { __consentLens?: PageApi };

/**
 * In a loaded page: evaluate the engine bundle, wait for the DOM to settle, scan. Evaluated
 * through the DevTools protocol, so a page's Content-Security-Policy does not block it.
 */
export async function scanPage(page: Page, bundle: string, target: string, settleMs: number, noRules = false): Promise<Report> {
  await page.evaluate(bundle);
  const capMs = Math.max(MAX_SETTLE_MS, settleMs);
  // settle() runs on the page's own timers; a page that broke them would keep it waiting for ever.
  let bound: NodeJS.Timeout | undefined;
  await Promise.race([
    page.evaluate(([quiet, cap]) => (globalThis as LensWindow).__consentLens?.settle(quiet, cap), [settleMs, capMs] as const),
    new Promise<void>((done) => {
      bound = setTimeout(done, capMs + SETTLE_GRACE_MS);
    }),
  ]);
  clearTimeout(bound);
  // The page may have navigated or replaced its globals while settling.
  if (!(await page.evaluate(() => typeof (globalThis as LensWindow).__consentLens === 'object'))) await page.evaluate(bundle);
  return page.evaluate(([t, bare]) => {
    const lens = (globalThis as LensWindow).__consentLens;
    if (!lens) throw new Error('the engine could not be loaded into the page');
    return lens.scan(t, { noRules: bare });
  }, [target, noRules] as const);
}

/** Takes the pictures and the DOM excerpt of a scanned page, and stamps the annotated copy. */
async function capture(context: BrowserContext, page: Page, report: Report): Promise<Capture> {
  const lens = await page.evaluate(() => {
    const api = (globalThis as unknown as { __consentLens: PageApi }).__consentLens;
    return { scroll: api.scroll(), excerpt: api.excerpt(), userAgent: navigator.userAgent };
  });
  const raw = new Uint8Array(await page.screenshot());
  const capturedAt = new Date().toISOString();
  const rawSha256 = await sha256Hex(raw);
  const stamp = { rawSha256, url: report.url, time: capturedAt, service: report.service, version: TOOL_VERSION };
  const annotated = await renderAnnotated(context, report, raw, lens.scroll, stamp);
  return { url: page.url(), capturedAt, userAgent: lens.userAgent, raw, rawSha256, annotated, domExcerpt: lens.excerpt };
}

async function auditOne(browser: Browser, bundle: string, target: string, opts: RunOptions): Promise<{ report: Report; capture: Capture | null }> {
  let url = target;
  // A context per target: no cookies, storage or cache shared between the sites of a batch.
  let context: BrowserContext | null = null;
  try {
    url = await targetUrl(target);
    context = await browser.newContext({ viewport: opts.viewport, deviceScaleFactor: 1, bypassCSP: true });
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    if (response && response.status() >= 400) throw new Error(`HTTP ${response.status()} ${response.statusText()}`.trim());
    const report = await scanPage(page, bundle, target, opts.settleMs, opts.noRules);
    return { report, capture: opts.outDir ? await capture(context, page, report) : null };
  } catch (e) {
    return { report: errorReport(target, url, describe(e), opts.viewport), capture: null };
  } finally {
    await context?.close().catch(() => undefined);
  }
}

/**
 * Audits every target, up to `concurrency` at once in one browser; reports come back in input
 * order, and a failing target gets a report with `error`.
 */
export async function runAudit(targets: string[], opts: RunOptions): Promise<Report[]> {
  const browser: Browser = await launchChromium();
  try {
    const bundle = await engineBundle();
    const outDir = opts.outDir;
    if (outDir) await mkdir(outDir, { recursive: true });
    // Names are given in input order, whatever order the targets finish in.
    const taken = new Set<string>();
    const names = targets.map((t) => outputName(t, taken));
    const written: { name: string; sha256: string }[] = [];
    const write = async (name: string, bytes: Uint8Array): Promise<void> => {
      await writeFile(resolve(outDir!, name), bytes);
      written.push({ name, sha256: await sha256Hex(bytes) });
    };

    const reports: Report[] = new Array<Report>(targets.length);
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < targets.length; i = next++) {
        const { report, capture } = await auditOne(browser, bundle, targets[i]!, opts);
        if (outDir) for (const [name, bytes] of await evidenceFiles(names[i]!, report, capture)) await write(name, bytes);
        reports[i] = report;
        opts.onReport?.(report, i, ++done);
      }
    };
    const n = Math.max(1, Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, targets.length));
    // Settle every worker before leaving (and closing the browser), then surface the first failure.
    const failed = (await Promise.allSettled(Array.from({ length: n }, worker))).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;

    if (outDir) {
      await write(SUMMARY_CSV, utf8(summaryCsv(reports)));
      await writeFile(resolve(outDir, SHA256SUMS), formatSha256Sums(written));
    }
    return reports;
  } finally {
    await browser.close();
  }
}
