/**
 * `npm start`: builds the extension, serves the bundled demo page (a faithful Claude-style terms
 * dialog) as https://claude.ai:PORT/new from 127.0.0.1, and opens Chromium with the extension.
 * With a display the browser stays open until Ctrl-C; without one it runs headless, writes
 * out/demo-page.png (the page with the overlay), out/demo-popup.png (the popup for that tab)
 * and out/demo.report.json (the extension's report), prints what was found and exits. No browser: the one-line install hint, exit 3.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { findChromium, MissingBrowserError } from './chromium';
import { fixture, startFixtureServer, type FixtureServer } from './https-fixture-server';
import { launchExtension, type ExtensionBrowser } from './extension-browser';
import { readOverlay } from './overlay-reader';
import { calloutText, formatTable, summaryRow, trainingControls } from '../report/summary';
import type { Report } from '../engine/types';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, 'out');
const DEMO = { host: 'claude.ai', path: '/new', file: 'claude-terms-grace-switch.html' };
const say = (line = ''): boolean => process.stdout.write(`${line}\n`);

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

function printReport(report: Report | null, badge: string): void {
  if (!report) {
    say('The content script sent no report for the page.');
    return;
  }
  say(formatTable([summaryRow(report)]));
  say();
  for (const c of trainingControls(report)) {
    const surface = report.surfaces.find((s) => s.id === c.surfaceId) ?? null;
    say(`Control ${c.id}: "${c.label}" — ${c.kind}, ${c.state.toUpperCase()}`);
    say(`  ${calloutText(c, surface)}`);
    for (const f of c.findings) say(`  [${f.severity}] ${f.id}: ${f.message}`);
  }
  for (const s of report.surfaces) for (const f of s.findings) say(`  [${f.severity}] ${f.id}: ${f.message}`);
  if (report.deadline) say(`Deadline: ${report.deadline.date} (from the ${report.deadline.source})`);
  say(`Badge: ${badge || '(none)'}`);
}

async function screenshotPopup(ext: ExtensionBrowser, tabId: number, file: string): Promise<boolean> {
  const popup: Page = await ext.context.newPage();
  try {
    await popup.setViewportSize({ width: 400, height: 600 });
    const response = await popup.goto(ext.popupUrl(tabId), { waitUntil: 'load' });
    if (response && !response.ok()) return false;
    await popup.waitForTimeout(300);
    await popup.screenshot({ path: file, fullPage: true });
    return true;
  } catch {
    return false;
  } finally {
    await popup.close();
  }
}

async function main(): Promise<number> {
  findChromium(); // fail fast, before building, when there is no browser
  const headed = Boolean(process.env.DISPLAY);
  process.stderr.write('Building the extension…\n');
  await build({ root: ROOT, configFile: resolve(ROOT, 'vite.config.ts'), logLevel: 'warn' });

  let server: FixtureServer | null = null;
  let ext: ExtensionBrowser | null = null;
  try {
    server = await startFixtureServer({ routes: { [`${DEMO.host}${DEMO.path}`]: fixture(DEMO.file) } });
    ext = await launchExtension({ headless: !headed, viewport: headed ? null : { width: 1280, height: 800 } });
    const page = await ext.context.newPage();
    const url = server.url(DEMO.host, DEMO.path);
    await page.goto(url, { waitUntil: 'load' });
    const tabId = await ext.tabIdOf(page);
    const report = await until(() => ext!.tabReport(tabId), (r) => r !== null, 10_000);
    const drawn = (await until(() => readOverlay(page), (s) => s.marks.some((m) => m.rect.width > 0), 5_000)).marks.length > 0;
    if (!drawn) process.stderr.write('consent-lens: no highlight was drawn on the demo page.\n');
    printReport(report, await ext.badgeText(tabId));

    if (headed) {
      say();
      say(`The demo page is open at ${url} (claude.ai is served from this machine; nothing goes online).`);
      say('Click the Consent Lens toolbar button for the popup. Press Ctrl-C to quit.');
      await new Promise<void>((done) => {
        process.once('SIGINT', () => done());
        ext!.context.once('close', () => done());
      });
      return 0;
    }

    await mkdir(OUT, { recursive: true });
    const pagePng = resolve(OUT, 'demo-page.png');
    const popupPng = resolve(OUT, 'demo-popup.png');
    await page.screenshot({ path: pagePng });
    const popupOk = await screenshotPopup(ext, tabId, popupPng);
    const reportJson = resolve(OUT, 'demo.report.json');
    if (report) await writeFile(reportJson, `${JSON.stringify(report, null, 2)}\n`);
    say();
    if (report) say(`Wrote ${reportJson}`);
    say(`Wrote ${pagePng}`);
    if (popupOk) say(`  and ${popupPng}`);
    else process.stderr.write('consent-lens: the popup could not be opened, so out/demo-popup.png was not written.\n');
    return report ? 0 : 1;
  } finally {
    await ext?.close();
    await server?.close();
  }
}

try {
  process.exitCode = await main();
} catch (e) {
  if (e instanceof MissingBrowserError) {
    process.stderr.write(`consent-lens: ${e.message}\n`);
    process.exitCode = 3;
  } else {
    process.stderr.write(`consent-lens: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
