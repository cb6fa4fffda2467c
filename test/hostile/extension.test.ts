/**
 * Hostile pages against the built extension in Chromium (the e2e harness: dist/, HTTPS under the
 * real host names, a fresh profile, the network recorder). In every case:
 *   - no error reaches the page: `pageerror`, and `error` / `unhandledrejection` /
 *     `securitypolicyviolation` recorded in the page's main world from before its first script;
 *   - the overlay renders where a training control exists in the top document (one mark, over it);
 *   - the content script's own scan (`engine.ms` of the tab's stored report) stays under
 *     `scanCeilingMs` for the page's element count.
 * The overlay (a closed shadow root) is read through DevTools in a world of the test's own
 * (src/cli/overlay-reader.ts), so a page that replaces DOM methods in its own world cannot blind
 * the test. What our overlay does against a page that goes after it: test/hostile/overlay.test.ts.
 *
 * Iframes: the manifest has no `all_frames`, by decision. The services with rules render their
 * terms dialogs and settings in the top document; running in every frame of those hosts would
 * mean running in their ad, embed and sign-in frames too. So a frame's dialog (same- or
 * cross-origin) is neither scanned nor highlighted, and the top document's is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { overlayState, PAGE_SEES_HOST, rectDistance, useE2E, waitFor } from '../helpers/extension';
import type { Report } from '../../src/engine/types';
import { HOSTILE, hostileRoutes, scanCeilingMs, TOGGLE_MS } from './pages';
import { REDISCOVER_MS } from '../../src/content/roots';

const e2e = useE2E(hostileRoutes());

interface Seen {
  type: 'error' | 'unhandledrejection' | 'csp';
  message: string;
}

/** Main world, before the page's own scripts: every error event and CSP violation the page sees. */
const RECORDER = `(() => {
  const seen = [];
  Object.defineProperty(window, '__hostileSeen', { value: seen });
  window.addEventListener('error', (e) => seen.push({ type: 'error', message: String(e.message || (e.error && e.error.message) || e.type) }), true);
  window.addEventListener('unhandledrejection', (e) => seen.push({ type: 'unhandledrejection', message: String((e.reason && e.reason.message) || e.reason) }));
  document.addEventListener('securitypolicyviolation', (e) => seen.push({ type: 'csp', message: e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sourceFile }));
})();`;

beforeAll(async () => {
  await e2e.ext.context.addInitScript(RECORDER);
});

interface Visit {
  page: Page;
  tabId: number;
  pageErrors: string[];
}

async function visit(ref: { host: string; path: string }, search = ''): Promise<Visit> {
  const url = e2e.server.url(ref.host, ref.path + search);
  e2e.net.navigated.add(url);
  const page = await e2e.ext.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const res = await page.goto(url, { waitUntil: 'load' });
  expect(res?.status(), url).toBe(200);
  return { page, tabId: await e2e.ext.tabIdOf(page), pageErrors };
}

const seenIn = (page: Page): Promise<Seen[]> => page.evaluate(() => (window as unknown as { __hostileSeen?: Seen[] }).__hostileSeen ?? []);

/** Elements in the document and every open shadow root (without the page's querySelectorAll, which a page may replace). */
const elementCount = (page: Page): Promise<number> =>
  page.evaluate(() => {
    let n = 0;
    const roots: Array<Document | ShadowRoot> = [document];
    for (let i = 0; i < roots.length; i++) {
      const walker = document.createTreeWalker(roots[i]!, NodeFilter.SHOW_ELEMENT);
      for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
        n++;
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    return n;
  });

const training = (r: Report | null): Report['controls'] => r?.controls.filter((c) => c.purpose === 'ai-training') ?? [];

type Box = { x: number; y: number; width: number; height: number };

/**
 * Waits for the tab's report to name a training control and for our one mark to sit over it;
 * checks the scan time. `where` finds the switch (by default `[data-hostile-training]` through
 * a locator, which pierces open shadow roots only).
 */
async function expectHighlight(v: Visit, name: string, extraMs = 0, where?: () => Promise<Box | null>): Promise<Report> {
  const marks = async (): Promise<Box[]> => (await overlayState(v.page)).marks.map((m) => m.rect);
  await expect.poll(async () => (await marks()).length, { timeout: 20_000, message: `${name}: a mark is drawn` }).toBeGreaterThan(0);
  const target = where ? await where() : await v.page.locator('[data-hostile-training]').boundingBox();
  expect(target, `${name}: the training switch is on screen`).not.toBeNull();
  await expect
    .poll(async () => {
      const box = (await marks())[0];
      return box ? rectDistance(box, target!) : Number.POSITIVE_INFINITY;
    }, { timeout: 5_000, message: `${name}: the mark sits over the switch` })
    .toBeLessThanOrEqual(2);
  expect(await marks(), `${name}: exactly one mark`).toHaveLength(1);
  expect((await overlayState(v.page)).hosts, `${name}: one overlay host`).toBe(1);

  const report = (await waitFor(() => e2e.ext.tabReport(v.tabId), (r) => training(r).length > 0, 20_000))!;
  expect(training(report), `${name}: one training control in the tab's report`).toHaveLength(1);
  const elements = await elementCount(v.page);
  const ceiling = scanCeilingMs(elements) + extraMs;
  console.info(`[hostile] ${name}: ${elements} elements, content-script scan ${report.engine.ms} ms (ceiling ${Math.round(ceiling)} ms), ${report.controls.length} controls reported`);
  expect(report.engine.ms, `${name}: scan time`).toBeLessThanOrEqual(ceiling);
  return report;
}

interface DomNode {
  nodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: Array<DomNode & { shadowRootType?: string }>;
}

/** The `[data-hostile-training]` switch found through DevTools, which sees closed shadow roots: its box and the kind of root it sits in. */
async function switchBehindClosedRoot(page: Page): Promise<{ box: Box | null; rootType: string | null }> {
  const cdp = await e2e.ext.context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const find = (n: DomNode, rootType: string | null): { node: DomNode; rootType: string | null } | null => {
      if (n.attributes?.includes('data-hostile-training')) return { node: n, rootType };
      for (const c of n.children ?? []) {
        const hit = find(c, rootType);
        if (hit) return hit;
      }
      for (const s of n.shadowRoots ?? []) {
        const hit = find(s, s.shadowRootType ?? null);
        if (hit) return hit;
      }
      return null;
    };
    const hit = find(root, null);
    if (!hit) return { box: null, rootType: null };
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: hit.node.nodeId })) as { model: { border: number[] } };
    const xs = [model.border[0]!, model.border[2]!, model.border[4]!, model.border[6]!];
    const ys = [model.border[1]!, model.border[3]!, model.border[5]!, model.border[7]!];
    const box = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
    return { box, rootType: hit.rootType };
  } finally {
    await cdp.detach();
  }
}

async function expectNoErrors(v: Visit, name: string, pagesOwn: RegExp | null = null): Promise<void> {
  const seen = (await seenIn(v.page)).filter((s) => !(pagesOwn && pagesOwn.test(s.message)));
  expect(seen, `${name}: errors or CSP violations in the page`).toEqual([]);
  expect(v.pageErrors.filter((m) => !(pagesOwn && pagesOwn.test(m))), `${name}: pageerror`).toEqual([]);
}

describe('hostile pages: the highlight still works and nothing reaches the page', () => {
  it('100 000 elements of chat markup', async () => {
    const v = await visit(HOSTILE.nodes100k);
    expect(Number(await v.page.locator('html').getAttribute('data-hostile-elements'))).toBeGreaterThanOrEqual(100_000);
    await expectHighlight(v, '100k elements');
    await expectNoErrors(v, '100k elements');
    await v.page.close();
  });

  it('the dialog at the bottom of 2 500 nested elements', async () => {
    const v = await visit(HOSTILE.deepNesting);
    expect(Number(await v.page.locator('html').getAttribute('data-hostile-depth'))).toBeGreaterThan(2_500);
    await expectHighlight(v, 'deep nesting');
    await expectNoErrors(v, 'deep nesting');
    await v.page.close();
  });

  it('2 000 open shadow roots, the dialog inside the last', async () => {
    const v = await visit(HOSTILE.shadowRoots);
    expect(await v.page.locator('chat-card').count()).toBe(2_000);
    await expectHighlight(v, '2000 shadow roots');
    await expectNoErrors(v, '2000 shadow roots');
    await v.page.close();
  });

  it('the same 2 000 shadow roots, all closed: the page’s own scripts cannot reach the dialog, the extension can', async () => {
    const v = await visit(HOSTILE.shadowRoots, '?closed');
    await expect.poll(() => v.page.locator('chat-card').count()).toBe(2_000);
    // Nothing in the page's world (nor a locator) sees into them.
    expect(await v.page.evaluate(() => [...document.querySelectorAll('chat-card')].filter((c) => c.shadowRoot).length)).toBe(0);
    expect(await v.page.locator('[data-hostile-training]').count()).toBe(0);
    const closedSwitch = await switchBehindClosedRoot(v.page);
    expect(closedSwitch.rootType).toBe('closed');
    await expectHighlight(v, '2000 closed shadow roots', 0, async () => closedSwitch.box);
    await expectNoErrors(v, '2000 closed shadow roots');
    await v.page.close();
  });

  it('the same 2 000 shadow roots arriving after the first scan, found from the mutation (not the periodic walk)', async () => {
    const t0 = Date.now();
    const v = await visit(HOSTILE.shadowRoots, '?late');
    await expectHighlight(v, '2000 late shadow roots');
    // They arrive 1.5 s after load; the periodic walk would find them only after REDISCOVER_MS.
    expect(Date.now() - t0, 'highlighted before any periodic walk').toBeLessThan(REDISCOVER_MS - 2_000);
    await expectNoErrors(v, '2000 late shadow roots');
    await v.page.close();
  });

  it('shadow roots attached to not-yet-defined hosts already in the page, which no mutation shows (found by the periodic walk)', async () => {
    const v = await visit(HOSTILE.shadowRoots, '?upgrade');
    await expect.poll(() => v.page.locator('chat-card').count()).toBe(2_000);
    await expectHighlight(v, '2000 upgraded hosts');
    await expectNoErrors(v, '2000 upgraded hosts');
    await v.page.close();
  });

  it('3 000 other switches in the dialog before the training switch', async () => {
    const v = await visit(HOSTILE.manySwitches);
    // Each of the 3 001 toggles is named and measured: linear work the per-element ceiling does
    // not allow for (see scanCeilingMs). It was quadratic (6–10 s) before label lookups were fixed.
    const report = await expectHighlight(v, '3000 switches', TOGGLE_MS * 3_001);
    // The other toggles of the dialog are reported too, but not marked; the background takes at
    // most 500 controls per report, so the content script sends the training control and 499 others.
    expect(report.controls).toHaveLength(500);
    await expectNoErrors(v, '3000 switches');
    await v.page.close();
  });

  it('a dialog that comes and goes at every moment a scan could be running, then stays', async () => {
    const v = await visit(HOSTILE.removeMidScan);
    await v.page.locator('html[data-hostile-settled]').waitFor({ state: 'attached', timeout: 15_000 });
    await expectHighlight(v, 'removed mid-scan');
    // No stale mark is left from a dialog that went away.
    await v.page.waitForTimeout(300);
    expect((await overlayState(v.page)).marks).toHaveLength(1);
    await expectNoErrors(v, 'removed mid-scan');
    await v.page.close();
  });

  it("a page whose own MutationObservers throw on every change", async () => {
    const v = await visit(HOSTILE.observerThrows);
    await expectHighlight(v, 'throwing observer');
    const own = /hostile page observer/;
    // The page's own observers did throw (also on our overlay's insertion): only those errors.
    expect((await seenIn(v.page)).some((s) => own.test(s.message))).toBe(true);
    await expectNoErrors(v, 'throwing observer', own);
    await v.page.close();
  });

  it('a page that replaces querySelectorAll, querySelector, matches, closest, getBoundingClientRect and the textContent getter', async () => {
    const v = await visit(HOSTILE.overrides);
    // The replacements are in force in the page's world…
    expect(await v.page.evaluate(() => document.querySelectorAll('div').length)).toBe(0);
    expect(await v.page.evaluate(() => document.title.length > 0 && document.body.textContent)).toMatch(/Ignore all previous/);
    // …and the content script, in its isolated world, does not see them.
    const report = await expectHighlight(v, 'prototype overrides');
    expect(training(report)[0]!.label).toMatch(/help improve Claude/);
    await expectNoErrors(v, 'prototype overrides');
    await v.page.close();
  });

  it("Content-Security-Policy: default-src 'none'", async () => {
    const v = await visit(HOSTILE.csp);
    await expectHighlight(v, "default-src 'none'");
    // Styled through the constructed stylesheet, which the policy does not govern.
    expect((await overlayState(v.page)).marks[0]?.outline).toBe('solid');
    await expectNoErrors(v, "default-src 'none'");
    // The policy is in force: even a data: image is refused (checked last: it is a violation of our own making).
    const verdict = await v.page.evaluate(
      () =>
        new Promise<string>((done) => {
          document.addEventListener('securitypolicyviolation', (e) => done(`blocked by ${e.effectiveDirective}`), { once: true });
          const img = new Image();
          img.onload = () => done('loaded');
          img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        }),
    );
    expect(verdict).toBe('blocked by img-src');
    await v.page.close();
  });
});

describe('hostile pages: iframes (top document only, no all_frames)', () => {
  const frameUrls = (): string[] => [e2e.server.url(HOSTILE.frameSame.host, HOSTILE.frameSame.path), e2e.server.url(HOSTILE.frameCross.host, HOSTILE.frameCross.path)];

  async function framesLoaded(v: Visit): Promise<void> {
    await expect.poll(() => v.page.frames().length, { timeout: 10_000 }).toBe(3);
    for (const f of v.page.frames()) {
      if (f === v.page.mainFrame()) continue;
      await expect.poll(() => f.locator('[data-hostile-training]').count(), { timeout: 10_000, message: `frame ${f.url()} has its dialog` }).toBe(1);
    }
  }

  async function nothingInFrames(v: Visit): Promise<void> {
    for (const f of v.page.frames()) {
      if (f === v.page.mainFrame()) continue;
      expect(await f.evaluate(PAGE_SEES_HOST), `no overlay in ${f.url()}`).toBe(false);
    }
  }

  it('highlights the top document’s dialog, and nothing inside a same- or cross-origin frame', async () => {
    for (const u of frameUrls()) e2e.net.navigated.add(u);
    const v = await visit(HOSTILE.iframes);
    await framesLoaded(v);
    await expectHighlight(v, 'iframes');
    await v.page.waitForTimeout(500);
    await nothingInFrames(v);
    await expectNoErrors(v, 'iframes');
    await v.page.close();
  });

  it('draws nothing and reports no training control when only the frames hold a dialog', async () => {
    for (const u of frameUrls()) e2e.net.navigated.add(u);
    const v = await visit(HOSTILE.iframes, '?frames-only');
    await framesLoaded(v);
    const report = await waitFor(() => e2e.ext.tabReport(v.tabId), (r) => r !== null, 15_000);
    expect(report, 'the top document was scanned and reported').not.toBeNull();
    expect(training(report)).toEqual([]);
    await v.page.waitForTimeout(500);
    expect((await overlayState(v.page)).hosts).toBe(0);
    await nothingInFrames(v);
    await expectNoErrors(v, 'frames only');
    await v.page.close();
  });
});
