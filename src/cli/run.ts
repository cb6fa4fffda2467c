/**
 * Audits targets in one Chromium: load, wait for the DOM to settle, evaluate the engine
 * bundle, scan, and (with an output directory) write the report and the annotated picture.
 */
import { mkdir, writeFile, access } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPORT_SCHEMA, type Report } from '../engine/types';
import { ENGINE_VERSION } from '../engine/version';
import { engineBundle } from './bundle';
import { launchChromium } from './chromium';
import { renderAnnotated } from './annotate';
import { isUrl, MAX_SETTLE_MS } from './args';
import type { PageApi } from './page-entry';

export interface RunOptions {
  settleMs: number;
  viewport: { width: number; height: number };
  outDir: string | null;
  /** Told about each report as soon as it is ready, in order. */
  onReport?: (report: Report, index: number) => void;
}

const LOAD_TIMEOUT_MS = 30_000;

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
export async function scanPage(page: Page, bundle: string, target: string, settleMs: number): Promise<Report> {
  await page.evaluate(bundle);
  await page.evaluate(
    ([quiet, cap]) => (globalThis as LensWindow).__consentLens?.settle(quiet, cap),
    [settleMs, Math.max(MAX_SETTLE_MS, settleMs)] as const,
  );
  // The page may have navigated or replaced its globals while settling.
  if (!(await page.evaluate(() => typeof (globalThis as LensWindow).__consentLens === 'object'))) await page.evaluate(bundle);
  return page.evaluate((t) => {
    const lens = (globalThis as LensWindow).__consentLens;
    if (!lens) throw new Error('the engine could not be loaded into the page');
    return lens.scan(t);
  }, target);
}

async function auditOne(context: BrowserContext, bundle: string, target: string, opts: RunOptions, name: string | null): Promise<Report> {
  let url = target;
  let page: Page | null = null;
  try {
    url = await targetUrl(target);
    page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    if (response && response.status() >= 400) throw new Error(`HTTP ${response.status()} ${response.statusText()}`.trim());
    const report = await scanPage(page, bundle, target, opts.settleMs);
    if (opts.outDir && name) {
      const scroll = await page.evaluate(() => (globalThis as unknown as { __consentLens: PageApi }).__consentLens.scroll());
      const raw = await page.screenshot();
      const annotated = await renderAnnotated(context, report, raw, scroll);
      await writeFile(resolve(opts.outDir, `${name}.png`), annotated);
    }
    return report;
  } catch (e) {
    return errorReport(target, url, describe(e), opts.viewport);
  } finally {
    await page?.close().catch(() => undefined);
  }
}

/** Audits every target in order, one browser for all; a failing target gets a report with `error`. */
export async function runAudit(targets: string[], opts: RunOptions): Promise<Report[]> {
  const browser: Browser = await launchChromium();
  try {
    const bundle = await engineBundle();
    const context = await browser.newContext({ viewport: opts.viewport, deviceScaleFactor: 1, bypassCSP: true });
    if (opts.outDir) await mkdir(opts.outDir, { recursive: true });
    const taken = new Set<string>();
    const reports: Report[] = [];
    for (const [i, target] of targets.entries()) {
      const name = opts.outDir ? outputName(target, taken) : null;
      const report = await auditOne(context, bundle, target, opts, name);
      if (opts.outDir && name) {
        await writeFile(resolve(opts.outDir, `${name}.report.json`), `${JSON.stringify(report, null, 2)}\n`);
      }
      reports.push(report);
      opts.onReport?.(report, i);
    }
    await context.close();
    return reports;
  } finally {
    await browser.close();
  }
}
