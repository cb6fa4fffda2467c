/**
 * The engine as it runs inside an audited page: bundled by esbuild into one script and
 * evaluated in the page, so the CLI runs exactly the code the extension runs.
 */
import { scan, type ScanResult } from '../engine/scan';
import { findDeadline } from '../engine/deadline';
import { parseColour, type Rgba } from '../engine/colour';
import type { Report } from '../engine/types';
import { BUILTIN_RULES } from '../rules';
import { drawAnnotation, type AnnotationData } from '../report/draw-annotation';
import { sanitisedExcerpt } from '../report/sanitise';

export interface PageApi {
  scan(target: string): Report;
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

let last: ScanResult | null = null;

function excerpt(): string {
  const report = last?.report;
  const surfaceId = report?.controls.find((c) => c.purpose === 'ai-training' && c.surfaceId)?.surfaceId ?? report?.surfaces[0]?.id;
  const el = (surfaceId && last?.elements.get(surfaceId)) || document.body;
  return el ? sanitisedExcerpt(el) : '';
}

const api: PageApi = {
  parseColour,
  scan: (target) => {
    last = scan(document, { rules: BUILTIN_RULES, target, readDeadline: findDeadline });
    return last.report;
  },
  scroll: () => ({ x: window.scrollX, y: window.scrollY }),
  settle,
  drawAnnotation,
  excerpt,
};

(globalThis as unknown as { __consentLens: PageApi }).__consentLens = api;
