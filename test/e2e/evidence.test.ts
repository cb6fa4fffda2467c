/**
 * Evidence capture, end to end, checked on the pixels: the built extension in Chromium, the
 * Claude terms dialog over a signed-in app shell, a capture started from the real popup's
 * button (opened with the DevTools `Extensions.triggerAction`, the way a click on the toolbar
 * button opens it, so the browser grants activeTab as it would for a person), then:
 *
 * - the stored raw image has the email, the name (and the greeting's first name) and the avatar
 *   painted over, and still shows the rest of the page as the browser drew it;
 * - the annotated PNG's stamp (tEXt chunk) names the SHA-256 of the stored raw image;
 * - a dialog that scrolls inside is captured whole (stitched), its scrolled-away email masked;
 * - the record survives the service worker being stopped (`Target.closeTarget`, as Chrome's
 *   extension-testing guide does it); the options page lists it after the restart;
 * - the library's zip holds the listed files with the recorded SHA-256 sums;
 * - the library page shows a capture, exports its HTML report, deletes after asking, and has
 *   no serious or critical axe-core violations in either theme;
 * - the account "Al" is masked as a word, not inside "Allow", and nothing is painted on a dialog
 *   that holds an avatar-like badge and a name-like text of its own;
 * - a page with more text than redaction searches is not captured: the popup says redaction is
 *   incomplete, and nothing is stored;
 * - and (the harness) the extension made no network request of its own.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { fixture } from '../../src/cli/https-fixture-server';
import { MASK_RGB } from '../../src/background/capture-draw';
import { readTextChunks } from '../../src/report/png-text';
import { parseStampText, STAMP_KEYWORD } from '../../src/report/stamp';
import type { EvidenceRecord } from '../../src/shared/evidence';
import { overlayShown, overlayState, useE2E, waitFor, type Rect } from '../helpers/extension';
import { DEFAULT_ROUTES } from '../helpers/https-server';

const SIGNED_IN = { host: 'claude.ai', path: '/signed-in' };
const SCROLLING = { host: 'claude.ai', path: '/signed-in-scroll' };
const LOOKALIKES = { host: 'claude.ai', path: '/lookalikes' };
const e2e = useE2E({
  ...DEFAULT_ROUTES,
  [`${LOOKALIKES.host}${LOOKALIKES.path}`]: fixture('redaction-lookalikes.html'),
  [`${SIGNED_IN.host}${SIGNED_IN.path}`]: fixture('claude-terms-signed-in.html'),
  [`${SCROLLING.host}${SCROLLING.path}`]: fixture('claude-terms-signed-in-scroll.html'),
});

const EMAIL = 'alex.rivera@example.com';
const NAME = 'Alex Rivera';

// ───────────────────────────────────────────── the real popup, through the DevTools protocol

type Send = (method: string, params?: object) => Promise<Record<string, unknown>>;

async function browserSession(): Promise<{ cdp: CDPSession; send: Send }> {
  const cdp = await e2e.ext.context.browser()!.newBrowserCDPSession();
  return { cdp, send: cdp.send.bind(cdp) as unknown as Send };
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

async function targets(send: Send, tabs = false): Promise<TargetInfo[]> {
  const r = await send('Target.getTargets', tabs ? { filter: [{ type: 'tab' }, {}] } : {});
  return r.targetInfos as TargetInfo[];
}

/**
 * Clicks the toolbar button for the tab showing `url` (the popup opens, activeTab is granted),
 * clicks Capture evidence in that popup, and returns what the popup then says.
 */
async function captureFromPopup(url: string): Promise<{ saved: string | null; text: string }> {
  const { cdp, send } = await browserSession();
  try {
    const tab = (await targets(send, true)).find((t) => t.type === 'tab' && t.url === url);
    expect(tab, `no tab target for ${url}`).toBeTruthy();
    await send('Extensions.triggerAction', { id: e2e.ext.extensionId, targetId: tab!.targetId });
    const popupUrl = `chrome-extension://${e2e.ext.extensionId}/src/popup/index.html`;
    const popup = await waitFor(async () => (await targets(send)).find((t) => t.url.startsWith(popupUrl)), Boolean, 10_000);
    expect(popup, 'the popup did not open').toBeTruthy();
    // Playwright does not surface action popups as pages; a plain (non-flattened) session does.
    const { sessionId } = (await send('Target.attachToTarget', { targetId: popup!.targetId, flatten: false })) as { sessionId: string };
    let next = 0;
    const waiting = new Map<number, (v: { result?: { result?: { value?: unknown } }; error?: unknown }) => void>();
    cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
      if (e.sessionId !== sessionId) return;
      const m = JSON.parse(e.message) as { id?: number };
      if (m.id !== undefined) waiting.get(m.id)?.(m as never);
    });
    const evaluate = (expression: string): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result?.result?.value)));
        void send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true } }),
        });
      });
    const outcome = (await evaluate(`(async () => {
      const until = async (f, ms) => { const end = Date.now() + ms; for (;;) { const v = f(); if (v || Date.now() > end) return v; await new Promise((r) => setTimeout(r, 50)); } };
      const button = await until(() => document.querySelector('[data-testid="capture"]'), 10000);
      if (!button) return { saved: null, text: 'no capture button: ' + document.body.innerText.slice(0, 200) };
      button.click();
      const status = await until(() => { const s = document.querySelector('[data-testid="capture-status"]'); return s && s.hasAttribute('data-saved') ? s : null; }, 20000);
      const s = document.querySelector('[data-testid="capture-status"]');
      return { saved: status ? status.getAttribute('data-saved') : null, text: s ? s.textContent : '' };
    })()`)) as { saved: string | null; text: string };
    await send('Target.closeTarget', { targetId: popup!.targetId }).catch(() => undefined);
    return outcome;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

// ───────────────────────────────────────────── the library, read in the options page

const OPTIONS = (): string => `chrome-extension://${e2e.ext.extensionId}/src/options/index.html`;

async function optionsPage(): Promise<Page> {
  const page = await e2e.ext.context.newPage();
  await page.goto(OPTIONS(), { waitUntil: 'load' });
  return page;
}

interface Stored {
  record: EvidenceRecord;
  /** base64 of each file. */
  files: Record<string, string>;
}

/** The newest record, straight from IndexedDB in the extension's origin. */
function newest(page: Page): Promise<Stored | null> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('consent-lens-evidence');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise<Array<{ id: string; capturedAt: string }>>((resolve, reject) => {
      const r = db.transaction('summaries').objectStore('summaries').getAll();
      r.onsuccess = () => resolve(r.result as Array<{ id: string; capturedAt: string }>);
      r.onerror = () => reject(r.error);
    });
    all.sort((a, b) => (a.capturedAt < b.capturedAt ? 1 : -1));
    if (!all[0]) return null;
    const id = all[0].id;
    const found = await new Promise<{ record: unknown; files: Record<string, Uint8Array> }>((resolve, reject) => {
      const r = db.transaction('records').objectStore('records').get(id);
      r.onsuccess = () => resolve(r.result as { record: unknown; files: Record<string, Uint8Array> });
      r.onerror = () => reject(r.error);
    });
    db.close();
    const files: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(found.files)) {
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      files[name] = btoa(bin);
    }
    return { record: found.record, files } as never;
  });
}

interface RegionCheck {
  /** Share of the region's pixels in the mask colour. */
  masked: number;
  /** Mean absolute difference per channel from `compare` (when given). */
  diff: number | null;
  width: number;
  height: number;
}

/** Decodes a PNG in the page (createImageBitmap + canvas) and measures regions of it. */
function measure(page: Page, png: string, regions: Rect[], mask: readonly number[], compare?: string): Promise<RegionCheck[]> {
  return page.evaluate(
    async ({ png, regions, mask, compare }) => {
      const decode = async (b64: string): Promise<OffscreenCanvasRenderingContext2D> => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = c.getContext('2d')!;
        ctx.drawImage(bmp, 0, 0);
        return ctx;
      };
      const ctx = await decode(png);
      const other = compare ? await decode(compare) : null;
      return regions.map((r) => {
        const x = Math.round(r.x);
        const y = Math.round(r.y);
        const w = Math.max(1, Math.round(r.width));
        const h = Math.max(1, Math.round(r.height));
        const d = ctx.getImageData(x, y, w, h).data;
        const o = other ? other.getImageData(x, y, w, h).data : null;
        let hits = 0;
        let diff = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (Math.abs(d[i]! - mask[0]!) <= 2 && Math.abs(d[i + 1]! - mask[1]!) <= 2 && Math.abs(d[i + 2]! - mask[2]!) <= 2) hits++;
          if (o) diff += (Math.abs(d[i]! - o[i]!) + Math.abs(d[i + 1]! - o[i + 1]!) + Math.abs(d[i + 2]! - o[i + 2]!)) / 3;
        }
        const n = d.length / 4;
        return { masked: hits / n, diff: o ? diff / n : null, width: ctx.canvas.width, height: ctx.canvas.height };
      });
    },
    { png, regions, mask: [...mask], compare },
  );
}

/** The part of a rect strictly inside it, so anti-aliased edges do not count. */
const inner = (r: Rect, by = 2): Rect => ({ x: r.x + by, y: r.y + by, width: Math.max(1, r.width - 2 * by), height: Math.max(1, r.height - 2 * by) });

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

/** How many records the library holds. */
function recordCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('consent-lens-evidence');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const n = await new Promise<number>((resolve, reject) => {
      const r = db.transaction('summaries').objectStore('summaries').count();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return n;
  });
}

async function reported(tabId: number): Promise<void> {
  await waitFor(() => e2e.ext.tabReport(tabId), (r) => (r?.controls ?? []).some((c) => c.purpose === 'ai-training'));
}

let firstId = '';

describe('evidence capture', () => {
  it('captures from the popup, masks the account on the pixels, and stamps the raw image’s hash', async () => {
    const { page, tabId, url } = await e2e.open(SIGNED_IN);
    await reported(tabId);
    // Where the account shows, in viewport CSS px (the capture is 1280×800 at 1×).
    // The text itself (a block element is wider than its text).
    const textRect = (testId: string, word: string): Promise<Rect> =>
      page.getByTestId(testId).evaluate((el, w) => {
        const text = el.firstChild as Text;
        const r = document.createRange();
        r.setStart(text, text.data.indexOf(w));
        r.setEnd(text, text.data.indexOf(w) + w.length);
        const b = r.getBoundingClientRect();
        return { x: b.x, y: b.y, width: b.width, height: b.height };
      }, word);
    const email = await textRect('account-email', EMAIL);
    const name = await textRect('account-name', NAME);
    const firstName = await textRect('greeting', 'Alex');
    const avatar = (await page.locator('[data-testid="user-menu-button"] .rounded-full').boundingBox())!;
    // The greeting sits partly behind the dialog: only what shows of it is masked, never the dialog.
    const dialog = (await page.locator('[role="dialog"]').boundingBox())!;
    const dialogRight = dialog.x + dialog.width;
    expect(firstName.x + firstName.width).toBeGreaterThan(dialogRight + 4);
    const firstNameShown = { ...firstName, x: Math.max(firstName.x, dialogRight), width: firstName.x + firstName.width - Math.max(firstName.x, dialogRight) };
    const dialogInside = { x: dialog.x + 8, y: dialog.y + 8, width: dialog.width - 16, height: dialog.height - 16 };
    const recents = (await page.locator('nav ul').boundingBox())!;
    const pageShot = (await page.screenshot({ clip: { x: 0, y: 0, width: 1280, height: 800 } })).toString('base64');

    const said = await captureFromPopup(url);
    expect(said.text).toMatch(/Saved to the evidence library/);
    expect(said.saved).toBe('true');
    // The page gets a notice too, which it can neither read nor find: a closed root, no attributes.
    const notice = await waitFor(() => overlayState(page), (s) => s.notices.length > 0, 5_000);
    expect(notice.notices[0]).toMatch(/^Consent Lens Saved to the evidence library/);
    expect([notice.closed, notice.attributes]).toEqual([true, []]);

    const options = await optionsPage();
    const stored = await waitFor(() => newest(options), (s) => s !== null);
    expect(stored).not.toBeNull();
    const { record, files } = stored!;
    firstId = record.id;
    expect(record.provenance.capture).toEqual({ method: 'viewport', parts: 1 });
    expect(record.provenance.service).toBe('claude');
    expect(record.provenance.url).toBe(url);
    expect(record.provenance.redaction).toMatchObject({ enabled: true, masked: ['name', 'email', 'avatar'] });
    expect(record.provenance.redaction.regions).toBeGreaterThanOrEqual(4);

    // On the pixels: the masks, and the page around them as the browser drew it.
    const [e, n, a, f, untouched, inDialog] = await measure(
      options,
      files['raw.png']!,
      [inner(email), inner(name), inner(avatar), inner(firstNameShown, 1), inner(recents, 4), dialogInside],
      MASK_RGB,
      pageShot,
    );
    expect(e!.width).toBe(1280);
    expect(e!.height).toBe(800);
    expect(e!.masked, 'the email address is masked').toBeGreaterThan(0.99);
    expect(n!.masked, 'the name is masked').toBeGreaterThan(0.99);
    expect(a!.masked, 'the avatar is masked').toBeGreaterThan(0.99);
    expect(f!.masked, 'the greeting’s first name is masked').toBeGreaterThan(0.99);
    expect(untouched!.masked, 'the recent chats are not masked').toBeLessThan(0.01);
    expect(untouched!.diff!, 'the recent chats look as the browser drew them').toBeLessThan(2);
    expect(inDialog!.masked, 'nothing is masked over the dialog').toBe(0);

    // The stamp in the annotated PNG names the raw image's SHA-256.
    const raw = bytes(files['raw.png']!);
    const annotated = bytes(files['annotated.png']!);
    const chunk = readTextChunks(annotated).find((c) => c.keyword === STAMP_KEYWORD);
    const stamp = parseStampText(chunk?.text ?? '');
    expect(stamp?.rawSha256).toBe(sha256(raw));
    expect(stamp).toMatchObject({ url, service: 'claude', time: record.provenance.capturedAt });
    expect(record.provenance.rawSha256).toBe(sha256(raw));
    for (const file of record.files) expect(sha256(bytes(files[file.name]!)), file.name).toBe(file.sha256);

    // The values are gone from the texts too.
    for (const text of [record.domExcerpt, JSON.stringify(record.report), Buffer.from(files['report.json']!, 'base64').toString()]) {
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain(NAME);
    }
    // The raw image is the page, not our highlight: the overlay was hidden and is back.
    expect(await overlayShown(page)).toBe(true);
    await options.close();
    await page.close();
  });

  it('captures a dialog that scrolls inside it whole, stitched, and puts the scroll back', async () => {
    const { page, tabId, url } = await e2e.open(SCROLLING);
    await reported(tabId);
    const geometry = await page.evaluate(() => {
      const dialog = document.querySelector('[role="dialog"]')!.getBoundingClientRect();
      const box = document.querySelector('[data-testid="terms-scroll"]')!;
      const b = box.getBoundingClientRect();
      const band = { y: b.y + box.clientTop, height: box.clientHeight };
      const inContent = (sel: string) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return { x: r.x - dialog.x, y: r.y - band.y + box.scrollTop, width: r.width, height: r.height };
      };
      return {
        dialog: { x: dialog.x, y: dialog.y, width: dialog.width, height: dialog.height },
        top: band.y - dialog.y,
        scrollHeight: box.scrollHeight,
        clientHeight: box.clientHeight,
        markerTop: inContent('[data-testid="stitch-marker-top"]'),
        markerBottom: inContent('[data-testid="stitch-marker-bottom"]'),
        email: inContent('[data-testid="dialog-email"]'),
      };
    });
    expect(geometry.scrollHeight, 'the fixture’s dialog scrolls').toBeGreaterThan(geometry.clientHeight * 1.5);

    const said = await captureFromPopup(url);
    expect(said.saved, said.text).toBe('true');
    expect(said.text).toMatch(/stitched from \d+ captures/);

    const options = await optionsPage();
    const stored = await waitFor(() => newest(options), (s) => s !== null && s.record.id !== firstId);
    const { record, files } = stored!;
    if (process.env.EVIDENCE_DEBUG) for (const [k, v] of Object.entries(files)) await (await import('node:fs/promises')).writeFile(`/tmp/ev2-${k}`, Buffer.from(v, 'base64'));
    expect(record.provenance.capture.method).toBe('stitched');
    expect(record.provenance.capture.parts).toBe(Math.ceil(geometry.scrollHeight / geometry.clientHeight));

    // In the picture, content row r of the scrolled text is at y = (band top − dialog top) + r.
    const at = (r: Rect): Rect => ({ ...r, y: r.y + geometry.top });
    const [m1, m2, mail] = await measure(options, files['raw.png']!, [inner(at(geometry.markerTop), 3), inner(at(geometry.markerBottom), 3), inner(at(geometry.email), 1)], MASK_RGB);
    expect(m1!.width).toBe(Math.round(geometry.dialog.width));
    expect(Math.abs(m1!.height - (geometry.dialog.height - geometry.clientHeight + geometry.scrollHeight))).toBeLessThanOrEqual(1);
    const colour = async (r: Rect): Promise<number[]> =>
      options.evaluate(
        async ({ png, r }) => {
          const bin = atob(png);
          const b = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) b[i] = bin.charCodeAt(i);
          const bmp = await createImageBitmap(new Blob([b], { type: 'image/png' }));
          const c = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
          c.drawImage(bmp, 0, 0);
          return [...c.getImageData(Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2), 1, 1).data].slice(0, 3);
        },
        { png: files['raw.png']!, r },
      );
    expect(await colour(at(geometry.markerTop)), 'the top of the scrolled text is where it belongs').toEqual([255, 0, 255]);
    expect(await colour(at(geometry.markerBottom)), 'the end of the scrolled text is where it belongs').toEqual([0, 255, 255]);
    expect(m1!.masked).toBe(0);
    expect(m2!.masked).toBe(0);
    expect(mail!.masked, 'the email below the fold is masked').toBeGreaterThan(0.99);
    expect(record.provenance.redaction.masked).toContain('email');
    expect(record.domExcerpt).toContain('Signed in as <span data-testid="dialog-email">[redacted]</span>');
    expect(record.domExcerpt).not.toContain(EMAIL);

    // The page is as it was: scrolled to the top, our highlight back.
    expect(await page.getByTestId('terms-scroll').evaluate((el) => el.scrollTop)).toBe(0);
    expect(await overlayShown(page)).toBe(true);
    await options.close();
    await page.close();
  });

  it('keeps the records when the service worker is stopped, and lists them again', async () => {
    expect(firstId).not.toBe('');
    const before = await (await e2e.ext.worker()).evaluate(() => performance.timeOrigin);
    const { cdp, send } = await browserSession();
    const sw = (await targets(send)).find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${e2e.ext.extensionId}/`));
    await send('Target.closeTarget', { targetId: sw!.targetId });
    await cdp.detach();

    const options = await optionsPage();
    // Wake the worker with a harmless question, then make sure it is a new one.
    await options.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'popup→background:get-services' }));
    const after = await waitFor(async () => (await e2e.ext.worker()).evaluate(() => performance.timeOrigin), (t) => t !== before);
    expect(after, 'the service worker was restarted').not.toBe(before);

    await options.locator(`[data-testid="record-row"][data-record-id="${firstId}"]`).waitFor({ state: 'visible', timeout: 10_000 });
    const rows = await options.getByTestId('record-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-record-id')));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toBe(firstId); // newest first
    // The new worker reads the same library.
    const seen = await (await e2e.ext.worker()).evaluate(
      (id) =>
        new Promise<boolean>((resolve) => {
          const r = indexedDB.open('consent-lens-evidence');
          r.onsuccess = () => {
            const get = r.result.transaction('summaries').objectStore('summaries').getKey(id);
            get.onsuccess = () => resolve(get.result === id);
            get.onerror = () => resolve(false);
          };
          r.onerror = () => resolve(false);
        }),
      firstId,
    );
    expect(seen).toBe(true);
    await options.close();
  });

  it('exports a record as a zip that holds the listed files with their SHA-256 sums', async () => {
    const options = await optionsPage();
    const row = options.locator(`[data-testid="record-row"][data-record-id="${firstId}"]`);
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    const [download] = await Promise.all([options.waitForEvent('download'), row.getByTestId('record-zip').click()]);
    expect(download.suggestedFilename()).toMatch(/^consent-lens-claude-.*\.zip$/);
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const record = JSON.parse(Buffer.from(zip['record.json']!).toString()) as EvidenceRecord;
    expect(record.id).toBe(firstId);
    expect(Object.keys(zip).sort()).toEqual(['SHA256SUMS', 'annotated.png', 'dom.html', 'raw.png', 'record.json', 'report.html', 'report.json']);
    for (const f of record.files) {
      expect(zip[f.name], f.name).toBeDefined();
      expect(sha256(zip[f.name]!), f.name).toBe(f.sha256);
      expect(zip[f.name]!.length).toBe(f.bytes);
    }
    // SHA256SUMS, as `sha256sum -c` reads it: every other file, each hash right.
    const lines = Buffer.from(zip.SHA256SUMS!).toString().trim().split('\n');
    const sums = new Map(lines.map((l) => [l.slice(66), l.slice(0, 64)]));
    expect([...sums.keys()].sort()).toEqual(Object.keys(zip).filter((n) => n !== 'SHA256SUMS').sort());
    for (const [name, hash] of sums) expect(sha256(zip[name]!), name).toBe(hash);
    expect(Buffer.from(zip['report.html']!).toString()).not.toContain(EMAIL);
    await options.close();
  });
  it('shows a capture, exports its HTML report, deletes after asking, and passes axe in both themes', async () => {
    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const violations = async (page: Page, view: string): Promise<string[]> => {
      await page.evaluate(`${axe}\n;0`);
      const found = await page.evaluate(async () => {
        const a = (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
        const r = await a.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
      });
      return found.map((f) => `[${view}] ${f}`);
    };
    const problems: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const options = await e2e.ext.context.newPage();
      await options.emulateMedia({ colorScheme });
      await options.goto(OPTIONS(), { waitUntil: 'load' });
      await options.getByTestId('record-row').first().waitFor({ state: 'visible', timeout: 10_000 });
      problems.push(...(await violations(options, `${colorScheme} list`)));
      await options.locator(`[data-testid="record-row"][data-record-id="${firstId}"] [data-testid="record-open"]`).click();
      await options.getByTestId('record-view').waitFor({ state: 'visible', timeout: 10_000 });
      await options.getByTestId('view-annotated').waitFor({ state: 'visible' });
      problems.push(...(await violations(options, `${colorScheme} record`)));
      await options.close();
    }
    expect(problems).toEqual([]);

    const options = await optionsPage();
    await options.locator(`[data-testid="record-row"][data-record-id="${firstId}"] [data-testid="record-open"]`).click();
    const view = options.getByTestId('record-view');
    await view.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await view.getByTestId('view-control').first().textContent()).toMatch(/You can help improve Claude — ON/);
    const manifest = await waitFor(async () => (await view.getByTestId('view-manifest').textContent()) ?? '', (t) => !t.includes('…'));
    expect(manifest.match(/unchanged/g)).toHaveLength(4);
    expect(manifest).not.toContain('CHANGED');
    expect(await view.textContent()).toContain('matches the raw image');
    const [html] = await Promise.all([options.waitForEvent('download'), view.getByTestId('view-html').click()]);
    const report = await readFile((await html.path())!, 'utf8');
    expect(report).toMatch(/^<!DOCTYPE html>/);
    expect(report).toContain("Content-Security-Policy");
    expect(report).not.toContain(EMAIL);

    // Delete: the question first, Cancel keeps it, Delete removes it.
    await view.getByTestId('view-delete').click();
    await options.getByTestId('confirm-no').click();
    expect(await options.getByTestId('confirm-dialog').count()).toBe(0);
    await view.getByTestId('view-delete').click();
    await options.getByTestId('confirm-yes').click();
    await options.getByTestId('record-list').waitFor({ state: 'visible', timeout: 10_000 });
    await waitFor(async () => options.getByTestId('record-row').count(), (c) => c === 1);
    const left = await options.getByTestId('record-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-record-id')));
    expect(left).not.toContain(firstId);
    expect(await options.getByTestId('options-status').textContent()).toMatch(/deleted/);
    await options.close();
  });
  it('masks the account “Al” as a word, not inside “Allow”, and paints nothing on a dialog that holds an avatar-like badge and a name-like text', async () => {
    const { page, tabId, url } = await e2e.open(LOOKALIKES);
    await page.evaluate(() => {
      const set = (id: string, text: string): void => {
        document.getElementById(id)!.textContent = text;
      };
      set('account-name', 'Al');
      set('greeting', 'Good morning, Al');
      set('outside', 'Al wrote the first draft.');
      set('lookalikes', 'Allow Alan, Also small Sal: Al.');
      set('dialog-lookalikes', 'Allow Alan, Also small Sal.');
    });
    await reported(tabId);
    const word = (id: string, w: string, last = false): Promise<Rect> =>
      page.evaluate(
        ({ id, w, last }) => {
          const text = document.getElementById(id)!.firstChild as Text;
          const at = last ? text.data.lastIndexOf(w) : text.data.indexOf(w);
          const r = document.createRange();
          r.setStart(text, at);
          r.setEnd(text, at + w.length);
          const b = r.getBoundingClientRect();
          return { x: b.x, y: b.y, width: b.width, height: b.height };
        },
        { id, w, last },
      );
    const account = await word('account-name', 'Al');
    const inSentence = await word('lookalikes', 'Al', true);
    const allow = await word('lookalikes', 'Allow');
    const also = await word('lookalikes', 'Also');
    const dialog = (await page.locator('#dialog').boundingBox())!;
    const before = await optionsPage();
    const had = await recordCount(before);
    await before.close();

    const said = await captureFromPopup(url);
    expect(said.saved, said.text).toBe('true');
    const options = await optionsPage();
    const stored = await waitFor(() => newest(options), (s) => s !== null && s.record.provenance.url === url);
    expect(await recordCount(options)).toBe(had + 1);
    const { record, files } = stored!;
    expect(record.provenance.redaction.masked).toEqual(['name', 'avatar']);
    const [a, s, w1, w2, d] = await measure(options, files['raw.png']!, [inner(account, 1), inner(inSentence, 1), inner(allow), inner(also), dialog], MASK_RGB);
    expect(a!.masked, 'the account name is masked').toBeGreaterThan(0.99);
    expect(s!.masked, '“Al” in a sentence is masked').toBeGreaterThan(0.99);
    expect(w1!.masked, '“Allow” is not masked').toBe(0);
    expect(w2!.masked, '“Also” is not masked').toBe(0);
    expect(d!.masked, 'nothing is painted on the dialog').toBe(0);
    // The dialog's own badge and "Allow Training" are not the account: they stay in the texts too.
    expect(record.domExcerpt).toContain('<span id="dialog-name">Allow Training</span>');
    expect(record.domExcerpt).toContain('Allow Alan, Also small Sal.');
    expect(record.report.controls.find((c) => c.purpose === 'ai-training')?.description).toContain('Allow the use of your chats');
    await options.close();
    await page.close();
  });

  it('does not capture a page with more text than redaction searches: says redaction is incomplete, stores nothing', async () => {
    const { page, tabId, url } = await e2e.open(SIGNED_IN);
    await reported(tabId);
    // 60 000 more text nodes than redaction's budget leaves room for, out of sight.
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.hidden = true;
      for (let i = 0; i < 60_000; i++) box.append(document.createElement('i'), 'x');
      document.body.append(box);
    });
    const before = await optionsPage();
    const had = await recordCount(before);
    await before.close();

    const said = await captureFromPopup(url);
    expect(said.saved).toBe('false');
    expect(said.text).toMatch(/^Redaction is incomplete: .* nothing was captured or saved\./);
    const options = await optionsPage();
    expect(await recordCount(options)).toBe(had);
    await options.close();
    // The page is as it was: our highlight back.
    expect(await overlayShown(page)).toBe(true);
    await page.close();
  });
});
