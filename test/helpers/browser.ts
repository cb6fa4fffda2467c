/** Real Chromium for engine tests: the system browser, the engine bundle the CLI injects. */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../src/cli/chromium';
import { engineBundle } from '../../src/cli/bundle';
import { scanPage } from '../../src/cli/run';
import type { Report } from '../../src/engine/types';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');
const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Source (TypeScript, imports relative to the project root) bundled into one script to add to a
 * page: how a browser test runs a module of ours in real Chromium.
 */
export async function pageBundle(contents: string): Promise<string> {
  const out = await build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'iife', target: 'chrome120', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

export function fixtureUrl(file: string): string {
  return pathToFileURL(resolve(FIXTURES, file)).href;
}

export interface Lab {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function openLab(viewport = { width: 1280, height: 800 }): Promise<Lab> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  return { browser, context, close: () => browser.close() };
}

/** Loads a fixture and scans it exactly as the CLI does; the page stays open for further checks. */
export async function scanFixture(lab: Lab, file: string, settleMs = 500): Promise<{ report: Report; page: Page }> {
  const page = await lab.context.newPage();
  await page.goto(fixtureUrl(file), { waitUntil: 'load' });
  const report = await scanPage(page, await engineBundle(), file, settleMs);
  return { report, page };
}

/**
 * The document-coordinates border box of the element at a selector path (each further selector
 * is looked up inside the previous match's shadow root).
 */
export async function boxAt(page: Page, path: string[]): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return page.evaluate((p) => {
    let scope: Document | ShadowRoot = document;
    let el: Element | null = null;
    for (const [i, sel] of p.entries()) {
      el = scope.querySelector(sel);
      if (!el) return null;
      if (i < p.length - 1) {
        if (!el.shadowRoot) return null;
        scope = el.shadowRoot;
      }
    }
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
  }, path);
}
