/**
 * The content script's part of a capture (the background drives it, see
 * src/background/capture.ts):
 *
 *   prepare  scan now; hide our overlay (the raw picture is the page, not our marks); find what
 *            to mask (and say when the search ran out of budget); scrub the report, the dialog's
 *            sanitised excerpt and the texts the background copies in; measure its scrolling
 *   scroll   scroll the dialog's container (or the document) to a position, wait for it to be
 *            drawn, say where it got to and what to mask there
 *   restore  scroll back, show the overlay again (also by itself after RESTORE_AFTER_MS, in
 *            case the background never comes back)
 *   notice   tell the user how it went
 *
 * Nothing here clicks or changes the page beyond scrolling, which is put back.
 */
import type { ScanResult } from '../engine/scan';
import { sanitisedExcerpt } from '../report/sanitise';
import type { CapturePrepared, CaptureScrolled, CopiedTexts, Message } from '../shared/messages';
import { measureLayout } from './capture-layout';
import { showCaptureNotice } from './capture-notice';
import { findAccount, findRedactions, scrubReport, scrubText, scrubUrl, type Account } from './redact';

const RESTORE_AFTER_MS = 30_000;

export interface CaptureHooks {
  /** Scans now and returns the result (the overlay and the background are updated as usual). */
  scanNow(): ScanResult | null;
  /** Our overlay's host: redaction neither searches nor masks it. */
  overlayHost: HTMLElement;
  /** Hides the overlay's marks for the raw picture, or shows them again. */
  hideOverlay(hidden: boolean): void;
  doc?: Document;
}

interface Session {
  scroller: Element | null | undefined;
  scrollBefore: { x: number; y: number; top: number };
  account: Account | null;
  surfaces: Element[];
  timer: ReturnType<typeof setTimeout>;
}

function frames(win: Window, n = 2): Promise<void> {
  return new Promise((resolve) => {
    // requestAnimationFrame stalls in a hidden tab; the timeout keeps us from hanging there.
    const fallback = setTimeout(resolve, 250);
    const step = (left: number): void => {
      if (left === 0) {
        clearTimeout(fallback);
        resolve();
      } else win.requestAnimationFrame(() => step(left - 1));
    };
    step(n);
  });
}

/** The dialog to excerpt and to stitch: the surface of the first AI-training control, else the first surface. */
function dialogOf(result: ScanResult): Element | null {
  for (const c of result.report.controls) {
    if (c.purpose !== 'ai-training') continue;
    const s = result.targets.get(c.id)?.surface;
    if (s) return s;
  }
  const first = result.report.surfaces[0];
  return first ? (result.elements.get(first.id) ?? null) : null;
}

function surfacesOf(result: ScanResult): Element[] {
  return result.report.surfaces.map((s) => result.elements.get(s.id)).filter((e): e is Element => Boolean(e));
}

export function createCaptureSession(hooks: CaptureHooks): { handle(message: Message): Promise<unknown> | undefined } {
  const doc = hooks.doc ?? document;
  const win = doc.defaultView ?? window;
  let session: Session | null = null;
  /** The notice we showed last, if any (the page's DOM has nothing to find it by). */
  let notice: HTMLElement | null = null;
  const own = (): Element[] => (notice ? [hooks.overlayHost, notice] : [hooks.overlayHost]);

  const regionsNow = (s: Session): { regions: CaptureScrolled['regions']; complete: boolean } => {
    if (!s.account) return { regions: [], complete: true };
    const found = findRedactions(doc, s.account, s.surfaces, undefined, own());
    return { regions: found.regions, complete: found.complete };
  };

  const restore = (): void => {
    const s = session;
    if (!s) return;
    session = null;
    clearTimeout(s.timer);
    try {
      if (s.scroller) s.scroller.scrollTo({ top: s.scrollBefore.top, behavior: 'instant' });
      else if (s.scroller === null) win.scrollTo({ left: s.scrollBefore.x, top: s.scrollBefore.y, behavior: 'instant' });
    } finally {
      hooks.hideOverlay(false);
    }
  };

  const prepare = async (redact: boolean, copied: CopiedTexts): Promise<CapturePrepared> => {
    restore(); // a capture that never finished
    // The last capture's notice must not be in this one's pictures.
    notice?.remove();
    notice = null;
    const result = hooks.scanNow();
    if (!result) throw new Error('no scan');
    const dialog = dialogOf(result);
    const surfaces = surfacesOf(result);
    const s: Session = {
      scroller: undefined,
      scrollBefore: { x: win.scrollX, y: win.scrollY, top: 0 },
      account: redact ? findAccount(doc, { surfaces, own: own() }) : null,
      surfaces,
      timer: setTimeout(restore, RESTORE_AFTER_MS),
    };
    session = s;
    hooks.hideOverlay(true);
    await frames(win);

    const found = s.account ? findRedactions(doc, s.account, surfaces, undefined, own()) : null;
    const values = found?.values ?? [];
    const scrub = (text: string): string => scrubText(text, values);
    const report = redact ? scrubReport(result.report, values) : result.report;
    const excerpt = dialog ? sanitisedExcerpt(dialog, redact ? { text: scrub } : {}) : '';
    const measured = dialog ? measureLayout(dialog, result) : null;
    if (measured) {
      s.scroller = measured.scroller;
      s.scrollBefore.top = measured.scroller ? measured.scroller.scrollTop : win.scrollY;
    }
    return {
      report,
      domExcerpt: excerpt,
      scroll: { x: win.scrollX, y: win.scrollY },
      viewport: { width: win.innerWidth, height: win.innerHeight, devicePixelRatio: win.devicePixelRatio },
      userAgent: win.navigator.userAgent,
      regions: found?.regions ?? [],
      redactionComplete: found?.complete ?? true,
      copied: redact ? { url: scrubUrl(copied.url, values), deadline: copied.deadline === null ? null : scrub(copied.deadline) } : copied,
      stitch: measured?.layout ?? null,
    };
  };

  const scroll = async (to: number): Promise<CaptureScrolled> => {
    const s = session;
    if (!s || s.scroller === undefined) throw new Error('no capture is running');
    if (s.scroller) s.scroller.scrollTo({ top: to, behavior: 'instant' });
    else win.scrollTo({ left: s.scrollBefore.x, top: to, behavior: 'instant' });
    await frames(win);
    const { regions, complete } = regionsNow(s);
    return { scroll: s.scroller ? s.scroller.scrollTop : win.scrollY, regions, redactionComplete: complete };
  };

  return {
    handle(message) {
      switch (message.type) {
        case 'background→content:capture-prepare':
          return prepare(message.redact, message.copied).catch((e: unknown) => {
            restore();
            throw e;
          });
        case 'background→content:capture-scroll':
          return scroll(message.to);
        case 'background→content:capture-restore':
          restore();
          return Promise.resolve({ ok: true });
        case 'background→content:capture-notice':
          notice?.remove();
          notice = showCaptureNotice(doc, message.ok, message.message);
          return Promise.resolve({ ok: true });
        default:
          return undefined;
      }
    },
  };
}
