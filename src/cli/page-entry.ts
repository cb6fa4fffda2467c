/**
 * The engine as it runs inside an audited page: bundled by esbuild into one script and
 * evaluated in the page, so the CLI runs exactly the code the extension runs. The word lists are
 * bundled here (the content script gets them from the background instead): first, so that every
 * expression has its words before anything scans. So are the findings' English sentences
 * (`wordFindings`; the background writes them for the extension's reports).
 */
import '../engine/lexicon-builtin';
import { scan, type ScanResult } from '../engine/scan';
import { collectRoots, type Root } from '../engine/dom';
import { findDeadline } from '../engine/deadline';
import { wordFindings } from '../engine/findings-words';
import { parseColour, type Rgba } from '../engine/colour';
import type { Report } from '../engine/types';
import { BUILTIN_RULES } from '../rules';
import { drawAnnotation, type AnnotationData } from '../report/draw-annotation';
import { sanitisedExcerpt } from '../report/sanitise';

export interface PageApi {
  scan(target: string): Report;
  /**
   * For the benchmark: the scan as the content script makes it — over roots found once
   * (`trackRoots`, which answers how long finding them took) rather than by a walk per scan,
   * without the deadline reader and the findings' sentences (the background writes both) and
   * without this file's check for replaced DOM functions. Its findings are worded, as the CLI's are (the content script leaves
   * that to the background).
   */
  trackRoots(): { roots: number; ms: number };
  scanTracked(target: string): Report;
  /** The engine's colour parser, for the browser tests of it. */
  parseColour(css: string): Rgba | null;
  /** Scroll offsets at the last scan, to place boxes on a viewport screenshot. */
  scroll(): { x: number; y: number };
  /**
   * Resolves once the DOM has had no mutation for `quietMs`, or after `capMs` whatever happens;
   * with the milliseconds waited.
   */
  settle(quietMs: number, capMs: number): Promise<number>;
  drawAnnotation(data: AnnotationData & { legendWidth: number }): void;
  /**
   * A sanitised excerpt (HTML source text) of the surface of the last scan that holds an
   * AI-training control, else of its first surface, else of the body.
   */
  excerpt(): string;
}

function settle(quietMs: number, capMs: number): Promise<number> {
  const start = performance.now();
  return new Promise((resolve) => {
    let quiet = 0;
    const done = (): void => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(cap);
      resolve(Math.round(performance.now() - start));
    };
    const observer = new MutationObserver(() => {
      clearTimeout(quiet);
      quiet = window.setTimeout(done, quietMs);
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    quiet = window.setTimeout(done, quietMs);
    const cap = window.setTimeout(done, capMs);
  });
}

/**
 * The CLI evaluates the engine in the page's own world, where the page may have replaced the DOM
 * functions the engine reads (the extension's content script, in its isolated world, never sees
 * such replacements). A scan through them is silently wrong — a page that empties
 * querySelectorAll reads as having no controls at all — so such a page gets an error instead.
 * Timers are not checked: error trackers wrap them harmlessly (the CLI bounds the wait itself).
 * A bound or toString-disguised replacement passes for native: this catches the ordinary case.
 */
const RELIED_ON: ReadonlyArray<readonly [string, () => unknown]> = [
  ['Element.prototype.querySelectorAll', () => Element.prototype.querySelectorAll],
  ['Element.prototype.querySelector', () => Element.prototype.querySelector],
  ['Element.prototype.matches', () => Element.prototype.matches],
  ['Element.prototype.closest', () => Element.prototype.closest],
  ['Element.prototype.getAttribute', () => Element.prototype.getAttribute],
  ['Element.prototype.hasAttribute', () => Element.prototype.hasAttribute],
  ['Element.prototype.getElementsByTagName', () => Element.prototype.getElementsByTagName],
  ['Document.prototype.getElementsByTagName', () => Document.prototype.getElementsByTagName],
  ['Node.prototype.compareDocumentPosition', () => Node.prototype.compareDocumentPosition],
  ['Element.prototype.getBoundingClientRect', () => Element.prototype.getBoundingClientRect],
  ['Element.prototype.getClientRects', () => Element.prototype.getClientRects],
  ['Document.prototype.querySelectorAll', () => Document.prototype.querySelectorAll],
  ['Document.prototype.querySelector', () => Document.prototype.querySelector],
  ['Document.prototype.createTreeWalker', () => Document.prototype.createTreeWalker],
  ['Document.prototype.elementFromPoint', () => Document.prototype.elementFromPoint],
  ['DocumentFragment.prototype.querySelectorAll', () => DocumentFragment.prototype.querySelectorAll],
  ['Node.prototype.contains', () => Node.prototype.contains],
  ['Node.prototype.textContent', () => Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')?.get],
  ['HTMLElement.prototype.innerText', () => Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'innerText')?.get],
  ['Element.prototype.shadowRoot', () => Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot')?.get],
  ['getComputedStyle', () => window.getComputedStyle],
];

function replacedByPage(): string[] {
  const toString = Function.prototype.toString;
  const native = (f: unknown): boolean => {
    try {
      return typeof f === 'function' && /\{\s*\[native code\]\s*\}\s*$/.test(toString.call(f));
    } catch {
      return false;
    }
  };
  if (!native(toString)) return ['Function.prototype.toString'];
  return RELIED_ON.filter(([, get]) => {
    try {
      return !native(get());
    } catch {
      return true;
    }
  }).map(([name]) => name);
}

let last: ScanResult | null = null;
let tracked: Root[] | null = null;

function excerpt(): string {
  const report = last?.report;
  const surfaceId = report?.controls.find((c) => c.purpose === 'ai-training' && c.surfaceId)?.surfaceId ?? report?.surfaces[0]?.id;
  const el = (surfaceId && last?.elements.get(surfaceId)) || document.body;
  return el ? sanitisedExcerpt(el) : '';
}

const api: PageApi = {
  parseColour,
  scan: (target) => {
    const replaced = replacedByPage();
    if (replaced.length) throw new Error(`the page replaces DOM functions the scan relies on (${replaced.join(', ')}), so it cannot be audited reliably`);
    last = scan(document, { rules: BUILTIN_RULES, target, readDeadline: findDeadline, wordFindings });
    return last.report;
  },
  trackRoots: () => {
    const t0 = performance.now();
    tracked = collectRoots(document);
    return { roots: tracked.length, ms: performance.now() - t0 };
  },
  scanTracked: (target) => scan(document, { rules: BUILTIN_RULES, target, roots: (tracked ??= collectRoots(document)) }).report,
  scroll: () => ({ x: window.scrollX, y: window.scrollY }),
  settle,
  drawAnnotation,
  excerpt,
};

(globalThis as unknown as { __consentLens: PageApi }).__consentLens = api;
