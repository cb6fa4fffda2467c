/**
 * The engine as it runs inside an audited page: bundled by esbuild into one script and
 * evaluated in the page, so the CLI runs exactly the code the extension runs. The word lists are
 * bundled here, compiled once (the content script gets them from the background instead). So are the findings' English sentences
 * (`wordFindings`; the background writes them for the extension's reports).
 */
import { BUILTIN_LEXICON } from '../engine/lexicon-builtin';
import { scan, type ScanResult } from '../engine/scan';
import type { Root } from '../engine/dom';
import { createRootTracker, type RootTracker } from '../content/roots';
import { findDeadline } from '../engine/deadline';
import { wordFindings } from '../engine/findings-words';
import { createColourReader, type Rgba } from '../engine/colour';
import type { Report } from '../engine/types';
import { BUILTIN_RULES } from '../rules';
import type { Annotation } from '../report/annotation';
import { drawAnnotated } from '../report/annotated-picture';
import { sanitisedExcerpt } from '../report/sanitise';

/** What the blank page draws the annotated picture from: the raw PNG as a data: URL, its size in CSS px, and the annotation. */
export interface AnnotationData extends Annotation {
  png: string;
  width: number;
  height: number;
}

export interface PageApi {
  /** `noRules`: with no service rule at all, the general heuristics alone. */
  scan(target: string, opts?: { noRules?: boolean }): Report;
  /**
   * For the benchmark: the scan as the content script makes it — over the roots and the
   * elements with a role found once and then kept from mutations (`trackRoots`, which answers
   * how long finding them took) rather than by a walk and a query per scan,
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
  /** Draws the annotated picture (src/report/annotated-picture.ts) on a canvas; the PNG, base64. */
  drawAnnotation(data: AnnotationData): Promise<string>;
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

/**
 * For the benchmark: the roots and the role index kept as the content script keeps them
 * (src/content/roots.ts), fed by a mutation observer; the records not yet delivered are taken in
 * at the start of each scan, inside its timing, as the content script's scheduler does.
 */
let tracker: RootTracker | null = null;
let observer: MutationObserver | null = null;
const observed = new WeakSet<Node>();
function watch(root: Root): void {
  if (observed.has(root)) return;
  observed.add(root);
  observer?.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['role'] });
}
function apply(t: RootTracker, records: MutationRecord[]): void {
  for (const r of records) {
    if (r.type === 'childList') {
      for (const n of Array.from(r.addedNodes)) if (n.nodeType === Node.ELEMENT_NODE) for (const sr of t.added(n as Element)) watch(sr);
    } else if (r.attributeName === 'role') {
      t.roleChanged(r.target as Element);
    }
  }
}
function track(): RootTracker {
  if (tracker) return tracker;
  const t = createRootTracker(document, performance.now());
  observer = new MutationObserver((records) => apply(t, records));
  for (const r of t.list()) watch(r);
  tracker = t;
  return t;
}
function synced(): RootTracker {
  const t = track();
  apply(t, observer?.takeRecords() ?? []);
  const now = performance.now();
  if (t.stale(now, false)) for (const sr of t.rediscover(now)) watch(sr);
  return t;
}

async function drawAnnotation(d: AnnotationData): Promise<string> {
  const image = await createImageBitmap(await (await fetch(d.png)).blob());
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas context');
    drawAnnotated(ctx, d, { image, width: d.width, height: d.height, scale: d.width > 0 ? image.width / d.width : 1 });
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  } finally {
    image.close();
  }
}

function excerpt(): string {
  const report = last?.report;
  const surfaceId = report?.controls.find((c) => c.purpose === 'ai-training' && c.surfaceId)?.surfaceId ?? report?.surfaces[0]?.id;
  const el = (surfaceId && last?.elements.get(surfaceId)) || document.body;
  return el ? sanitisedExcerpt(el) : '';
}

/** One colour reader for the page's life, as the content script keeps one. */
const colour = createColourReader(document);

const api: PageApi = {
  parseColour: colour,
  scan: (target, opts = {}) => {
    const replaced = replacedByPage();
    if (replaced.length) throw new Error(`the page replaces DOM functions the scan relies on (${replaced.join(', ')}), so it cannot be audited reliably`);
    last = scan(document, { rules: opts.noRules ? [] : BUILTIN_RULES, lexicon: BUILTIN_LEXICON, colour, target, readDeadline: findDeadline, wordFindings });
    return last.report;
  },
  trackRoots: () => {
    const t0 = performance.now();
    const t = track();
    return { roots: t.list().length, ms: performance.now() - t0 };
  },
  scanTracked: (target) => {
    const t = synced();
    return scan(document, { rules: BUILTIN_RULES, lexicon: BUILTIN_LEXICON, colour, target, roots: t.list(), rolesOf: t.rolesOf }).report;
  },
  scroll: () => ({ x: window.scrollX, y: window.scrollY }),
  settle,
  drawAnnotation,
  excerpt,
};

(globalThis as unknown as { __consentLens: PageApi }).__consentLens = api;
