/**
 * One capture, from the popup's button or the keyboard shortcut:
 *
 *   prepare (content: scan now, hide our overlay, find what to mask, measure the dialog's scrolling)
 *     ─▶ captureVisibleTab once, or once per scroll step (content scrolls the dialog between them),
 *        each time only while the same tab, at the same URL, is the one in front
 *     ─▶ restore (content: scroll and overlay back as they were; always, even after a failure)
 *     ─▶ raw picture (stitched, masked) ─▶ SHA-256 ─▶ annotated copy, stamped (footer + tEXt)
 *     ─▶ evidence record ─▶ library (evidence-store.ts) ─▶ a notice in the page, the result
 *
 * Chrome allows about two captureVisibleTab calls a second: calls are spaced, and one refused
 * for that reason is tried again once. When the library cannot take the record (storage full),
 * the result says so and carries the record as a zip to download: nothing is lost silently.
 *
 * Redaction fails closed: when the page could not search all of itself for the account (its
 * budget ran out) the capture stops and says so; nothing is stored. Whatever the background
 * copies into the record itself (the tab's URL, the deadline it read earlier) is scrubbed by the
 * page with the same values as the report, so those values never leave the page.
 */
import { wordFindings } from '../engine/findings-words';
import { ruleForUrl } from '../engine/service';
import type { Deadline, Report } from '../engine/types';
import { annotationFor } from '../report/annotation';
import { evidenceRecord } from '../report/evidence-record';
import { toBase64 } from '../report/markup';
import { stampPng, type Stamp } from '../report/stamp';
import { sha256Hex } from '../report/sums';
import type { Rule } from '../rules/schema';
import type { EvidenceRecord, RedactionKind } from '../shared/evidence';
import type { CapturePrepared, CaptureResult, EvidenceSettings, MaskRegion, Message } from '../shared/messages';
import { mapRegions, MAX_OUTPUT_DEVICE_PX, needsStitch, scrollSteps, stitchPlan, viewportPlan, type ComposePlan } from '../shared/capture-geometry';
import type { Imaging } from './capture-draw';
import type { CapturePort, CaptureTab } from './capture-port';
import { validPrepared, validScrolled } from './capture-validate';
import { exportName, recordZip } from './evidence-export';
import { EvidenceStoreFullError, type EvidenceEntry, type EvidenceStore } from './evidence-store';
import { readTab } from './tab-state';
import { validReport } from './validate';

export interface CaptureDeps {
  port: CapturePort;
  rules: readonly Rule[];
  /** The library; opened lazily, and may fail (then the capture is returned unsaved). */
  store(): Promise<EvidenceStore>;
  imaging: Imaging;
  now(): Date;
  sleep(ms: number): Promise<void>;
  randomId(): string;
  warn(message: string, error?: unknown): void;
}

/** Chrome: MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND is 2. A little more than half a second apart. */
export const CAPTURE_GAP_MS = 550;
const RATE_ERROR = /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND|too many calls/i;

export const SENTENCES = {
  tabGone: 'This tab is no longer open.',
  notFront: 'Bring the tab to the front and try again: the browser captures only what is on screen.',
  notAllowed:
    'The browser did not allow the capture. Open Consent Lens from its toolbar button on this page (or press its shortcut, Alt+Shift+E) and capture from there.',
  notOurs: 'Consent Lens captures only the pages it checks (the chat services it has rules for). Reload the page if it is one of them.',
  busy: 'A capture of this tab is already running.',
  badAnswer: 'The page answered in a way Consent Lens does not trust, so nothing was captured.',
  redactionIncomplete:
    'Redaction is incomplete: this page has more text than Consent Lens can search for your name and email address, so nothing was captured or saved. To capture it unmasked, turn off “Mask my account in captures” in the evidence library.',
  pageChanged: 'The tab changed during the capture (another tab came to the front, or the page went to another address), so the capture was stopped and nothing was saved.',
} as const;

class CaptureError extends Error {}

const busy = new Set<number>();

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function failure(message: string): CaptureResult {
  const why = (Object.keys(SENTENCES) as (keyof typeof SENTENCES)[]).find((k) => SENTENCES[k] === message) ?? 'failed';
  return { ok: false, saved: false, id: null, message, method: null, parts: 0, unsaved: null, why };
}

/** The bytes of a `data:image/png;base64,…` URL. */
export function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0 || !url.slice(0, comma).endsWith(';base64')) throw new Error('the capture is not a base64 data: URL');
  const bin = atob(url.slice(comma + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** captureVisibleTab, spaced and retried once when Chrome says we were too quick. */
function limiter(deps: CaptureDeps): (windowId: number) => Promise<Uint8Array> {
  let last = Number.NEGATIVE_INFINITY;
  const once = async (windowId: number): Promise<string> => {
    const wait = last + CAPTURE_GAP_MS - deps.now().getTime();
    if (wait > 0) await deps.sleep(wait);
    last = deps.now().getTime();
    return deps.port.tabs.captureVisibleTab(windowId);
  };
  return async (windowId) => {
    let url: string;
    try {
      url = await once(windowId);
    } catch (e) {
      if (!RATE_ERROR.test(describe(e))) throw e;
      await deps.sleep(1000);
      url = await once(windowId);
    }
    return dataUrlBytes(url);
  };
}

async function toContent(deps: CaptureDeps, tabId: number, message: Message): Promise<unknown> {
  try {
    return await deps.port.tabs.sendMessage(tabId, message);
  } catch (e) {
    throw new CaptureError(/no tab with id|invalid tab id/i.test(describe(e)) ? SENTENCES.tabGone : SENTENCES.notOurs);
  }
}

async function settingsOf(deps: CaptureDeps): Promise<EvidenceSettings> {
  try {
    return await (await deps.store()).settings();
  } catch (e) {
    deps.warn('could not read the evidence settings; redaction stays on', e);
    return { redact: true };
  }
}

interface Frames {
  pngs: Uint8Array[];
  regions: MaskRegion[][];
  plan: ComposePlan;
  method: 'viewport' | 'stitched';
  capturedAt: Date;
}

/**
 * Stops the capture unless `tab` is still the selected tab of its window, at `url`:
 * captureVisibleTab takes whatever the window shows, and each part would be stamped with `url`.
 */
async function stillInFront(deps: CaptureDeps, tab: CaptureTab, url: string): Promise<void> {
  let now: CaptureTab;
  try {
    now = await deps.port.tabs.get(tab.id);
  } catch {
    throw new CaptureError(SENTENCES.tabGone);
  }
  if (!now.active || now.windowId !== tab.windowId || now.url !== url) throw new CaptureError(SENTENCES.pageChanged);
}

async function takeFrames(deps: CaptureDeps, tab: CaptureTab, url: string, prepared: CapturePrepared, redact: boolean): Promise<Frames> {
  const shoot = limiter(deps);
  const layout = prepared.stitch;
  const viewport = prepared.viewport;
  const capturedAt = deps.now();
  // Checked before every part and after the last: a part is only ever of this tab at this URL.
  const grab = async (): Promise<Uint8Array> => {
    await stillInFront(deps, tab, url);
    let png: Uint8Array;
    try {
      png = await shoot(tab.windowId);
    } catch (e) {
      const text = describe(e);
      if (/activeTab|all_urls|permission/i.test(text)) throw new CaptureError(SENTENCES.notAllowed);
      throw new CaptureError(`The tab could not be captured (${text}).`);
    }
    await stillInFront(deps, tab, url);
    return png;
  };
  if (!needsStitch(layout)) {
    return { pngs: [await grab()], regions: [prepared.regions], plan: viewportPlan(viewport), method: 'viewport', capturedAt };
  }
  const { positions, truncated } = scrollSteps(layout, viewport);
  const pngs: Uint8Array[] = [];
  const regions: MaskRegion[][] = [];
  const scrolls: number[] = [];
  for (const to of positions) {
    const scrolled = validScrolled(await toContent(deps, tab.id, { type: 'background→content:capture-scroll', to }));
    if (!scrolled) throw new CaptureError(SENTENCES.badAnswer);
    if (redact && !scrolled.redactionComplete) throw new CaptureError(SENTENCES.redactionIncomplete);
    pngs.push(await grab());
    regions.push(scrolled.regions);
    scrolls.push(scrolled.scroll);
  }
  const maxHeight = MAX_OUTPUT_DEVICE_PX / Math.max(1, viewport.devicePixelRatio);
  const plan = stitchPlan(layout, scrolls, viewport, { maxHeight, truncated });
  return { pngs, regions, plan, method: 'stitched', capturedAt };
}

/** Distinct kinds, in a fixed order, and the number of distinct painted rectangles. */
export function redactionSummary(masks: readonly MaskRegion[]): { masked: RedactionKind[]; regions: number } {
  const order: RedactionKind[] = ['name', 'email', 'avatar'];
  const kinds = new Set(masks.map((m) => m.kind));
  const keys = new Set(masks.map((m) => [m.kind, Math.round(m.x), Math.round(m.y), Math.round(m.width), Math.round(m.height)].join(',')));
  return { masked: order.filter((k) => kinds.has(k)), regions: keys.size };
}

/**
 * The deadline the background read from this page's text earlier (reports.ts): the content
 * script's fresh scan has none.
 */
async function keptDeadline(deps: CaptureDeps, tabId: number, url: string): Promise<Deadline | null> {
  try {
    const kept = await readTab(deps.port.session, tabId);
    if (kept?.report.url === url && kept.report.deadline) return kept.report.deadline;
  } catch {
    /* no deadline, then */
  }
  return null;
}

/** The kept deadline for a report without one, its text as the page scrubbed it when redacting. */
function withDeadline(report: Report, kept: Deadline | null, prepared: CapturePrepared, redact: boolean): Report {
  if (report.deadline || !kept) return report;
  return { ...report, deadline: { ...kept, text: redact ? (prepared.copied.deadline ?? '') : kept.text } };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** An email address in a URL, plain or with its `@` percent-encoded (`authuser=jane%40example.com`). */
const URL_EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gi;

/**
 * With redaction on, the email addresses in a URL (Google's `authuser=`, a profile path) become
 * `[redacted]`: the page's own redaction sees only what the page shows, and the tab's URL goes
 * into the provenance, the stamp and the picture.
 */
export function redactedUrl(url: string): string {
  return url.replace(URL_EMAIL, '[redacted]');
}

async function build(
  deps: CaptureDeps,
  tabUrl: string,
  prepared: CapturePrepared,
  frames: Frames,
  redact: boolean,
  deadline: Deadline | null,
): Promise<{ entry: EvidenceEntry; thumbnail: { bytes: Uint8Array; type: string } | null }> {
  // The content script's fresh scan has no sentences (and its words are not trusted): written here,
  // before the record, its report.json and the annotated picture are made from it.
  const checked = withDeadline(wordFindings(validReport(prepared.report, tabUrl)!), deadline, prepared, redact);
  // With redaction on, the tab's URL as the page scrubbed it (same origin: checked in capture()).
  const url = redact ? redactedUrl(prepared.copied.url) : tabUrl;
  const report = redact ? { ...checked, url: redactedUrl(checked.url), target: redactedUrl(checked.target) } : checked;
  const masks = redact ? mapRegions(frames.plan, frames.regions) : [];
  const raw = await deps.imaging.composeRaw(frames.pngs, frames.plan, masks, prepared.viewport.width);
  const rawSha256 = await sha256Hex(raw.png);
  const capturedAt = frames.capturedAt.toISOString();
  const service = ruleForUrl(tabUrl, deps.rules)?.id ?? null;
  const version = deps.port.extension.version;
  const stamp: Stamp = { rawSha256, url, time: capturedAt, service, version };
  const redaction = { enabled: redact, ...redactionSummary(masks) };
  const parts = frames.pngs.length;
  const annotation = annotationFor({
    report,
    scroll: prepared.scroll,
    layout: frames.method === 'stitched' ? prepared.stitch : null,
    picture: { width: raw.width, height: raw.height },
    stamp,
    capture: { method: frames.method, parts, truncated: frames.plan.truncated },
    redaction,
  });
  const annotated = stampPng(await deps.imaging.annotate(raw, annotation), stamp);
  const entry = await evidenceRecord({
    id: deps.randomId(),
    report,
    domExcerpt: prepared.domExcerpt,
    raw: raw.png,
    annotated,
    provenance: {
      url,
      capturedAt,
      service,
      tool: { name: 'extension', version },
      userAgent: prepared.userAgent,
      viewport: prepared.viewport,
      capture: { method: frames.method, parts },
      rawSha256,
      redaction,
    },
  });
  let thumbnail: { bytes: Uint8Array; type: string } | null = null;
  try {
    thumbnail = await deps.imaging.thumbnail(raw);
  } catch (e) {
    deps.warn('could not make a thumbnail', e);
  }
  return { entry, thumbnail };
}

function savedMessage(record: EvidenceRecord): string {
  const { method, parts } = record.provenance.capture;
  const how = method === 'stitched' ? `the whole dialog, stitched from ${parts} captures` : 'the visible tab';
  const r = record.provenance.redaction;
  const masked = r.enabled ? (r.regions ? `; ${r.masked.join(', ')} masked` : '; nothing to mask found') : '; redaction off';
  return `Saved to the evidence library: ${how}${masked}.`;
}

async function save(deps: CaptureDeps, entry: EvidenceEntry, thumbnail: { bytes: Uint8Array; type: string } | null): Promise<CaptureResult> {
  const { record } = entry;
  const { enabled, regions, masked } = record.provenance.redaction;
  const base = {
    ok: true as const,
    id: record.id,
    method: record.provenance.capture.method === 'stitched' ? ('stitched' as const) : ('viewport' as const),
    parts: record.provenance.capture.parts,
    redaction: { enabled, regions, masked: [...masked] },
  };
  try {
    await (await deps.store()).add(entry, thumbnail);
    return { ...base, saved: true, message: savedMessage(record), unsaved: null };
  } catch (e) {
    deps.warn('could not save the capture', e);
    const why = e instanceof EvidenceStoreFullError ? e.message : `The capture was not saved: ${describe(e)}`;
    let unsaved: CaptureResult['unsaved'] = null;
    try {
      unsaved = { fileName: `${exportName(record)}.zip`, zipBase64: toBase64(await recordZip(entry)) };
    } catch (z) {
      deps.warn('could not make the zip of an unsaved capture', z);
    }
    return {
      ...base,
      saved: false,
      message: unsaved ? `${why} You can download it instead.` : why,
      unsaved,
      why: e instanceof EvidenceStoreFullError ? 'full' : 'notSaved',
    };
  }
}

/** Captures the tab; never throws: every failure is a result with a plain sentence. */
export async function capture(deps: CaptureDeps, tabId: number): Promise<CaptureResult> {
  if (busy.has(tabId)) return failure(SENTENCES.busy);
  busy.add(tabId);
  let prepared: CapturePrepared | null = null;
  let result: CaptureResult;
  try {
    let tab: CaptureTab;
    try {
      tab = await deps.port.tabs.get(tabId);
    } catch {
      throw new CaptureError(SENTENCES.tabGone);
    }
    if (!tab.active) throw new CaptureError(SENTENCES.notFront);
    const url = tab.url;
    if (!url) throw new CaptureError(SENTENCES.notAllowed);
    if (!/^https?:\/\//.test(url)) throw new CaptureError(SENTENCES.notOurs);
    const { redact } = await settingsOf(deps);
    const deadline = await keptDeadline(deps, tabId, url);
    // Our content script answers this even before its capture code is there (nothing to put
    // back): a page without it gets no capture code either, and is refused as not ours.
    await toContent(deps, tabId, { type: 'background→content:capture-restore' });
    try {
      await deps.port.tabs.injectCapture(tabId);
    } catch (e) {
      deps.warn('could not load the capture code into the page', e);
      throw new CaptureError(/no tab with id|invalid tab id/i.test(describe(e)) ? SENTENCES.tabGone : SENTENCES.notAllowed);
    }
    const copied = { url, deadline: deadline?.text ?? null };
    const answer = await toContent(deps, tabId, { type: 'background→content:capture-prepare', redact, copied });
    prepared = validPrepared(answer);
    let frames: Frames;
    try {
      // Whatever went wrong, the page may have hidden our overlay: it is put back below.
      if (!prepared || !validReport(prepared.report, url)) throw new CaptureError(SENTENCES.badAnswer);
      if (redact ? !sameOrigin(prepared.copied.url, url) : prepared.copied.url !== url) throw new CaptureError(SENTENCES.badAnswer);
      if (redact && !prepared.redactionComplete) throw new CaptureError(SENTENCES.redactionIncomplete);
      frames = await takeFrames(deps, tab, url, prepared, redact);
    } finally {
      await toContent(deps, tabId, { type: 'background→content:capture-restore' }).catch((e: unknown) => deps.warn('could not restore the page after a capture', e));
    }
    const { entry, thumbnail } = await build(deps, url, prepared, frames, redact, deadline);
    result = await save(deps, entry, thumbnail);
  } catch (e) {
    if (!(e instanceof CaptureError)) deps.warn('capture failed', e);
    result = failure(e instanceof CaptureError ? e.message : `The capture failed (${describe(e)}).`);
  } finally {
    busy.delete(tabId);
  }
  if (prepared) {
    void deps.port.tabs
      .sendMessage(tabId, { type: 'background→content:capture-notice', ok: result.saved, message: result.message })
      .catch(() => undefined);
  }
  return result;
}
