/**
 * Shape checks for the content script's answers during a capture. The content script reads an
 * untrusted page, so every number that decides a canvas size or a copy is checked, and lists
 * are bounded. The report itself is checked by validReport (validate.ts) against the tab's URL.
 */
import * as v from 'valibot';
import type { CapturePrepared, CaptureScrolled } from '../shared/messages';

const MAX_REGIONS = 500;
/** A sanitised excerpt is at most 20 000 characters (sanitise.ts); allow for redaction marks. */
const MAX_EXCERPT = 100_000;
/** A URL or a deadline's text, scrubbed (each "[redacted]" is longer than what it replaced). */
const MAX_TEXT = 20_000;
/** CSS px: nothing on a page we capture is further away than this. */
const FAR = 1_000_000;

const coord = v.pipe(v.number(), v.finite(), v.minValue(-FAR), v.maxValue(FAR));
const size = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(FAR));
const Rect = v.object({ x: coord, y: coord, width: size, height: size });

const Region = v.object({ kind: v.picklist(['name', 'email', 'avatar']), x: coord, y: coord, width: size, height: size });
const Regions = v.pipe(v.array(Region), v.maxLength(MAX_REGIONS));

const Layout = v.object({
  mode: v.picklist(['inside', 'around']),
  dialog: Rect,
  band: Rect,
  contentHeight: size,
  maxScroll: size,
  scrollAtScan: size,
  moving: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(MAX_REGIONS)),
});

const Prepared = v.object({
  report: v.looseObject({}),
  domExcerpt: v.pipe(v.string(), v.maxLength(MAX_EXCERPT)),
  scroll: v.object({ x: coord, y: coord }),
  viewport: v.object({
    width: v.pipe(size, v.minValue(1), v.maxValue(20_000)),
    height: v.pipe(size, v.minValue(1), v.maxValue(20_000)),
    devicePixelRatio: v.pipe(v.number(), v.finite(), v.minValue(0.1), v.maxValue(16)),
  }),
  userAgent: v.pipe(v.string(), v.maxLength(1000)),
  regions: Regions,
  redactionComplete: v.boolean(),
  copied: v.object({ url: v.pipe(v.string(), v.maxLength(MAX_TEXT)), deadline: v.nullable(v.pipe(v.string(), v.maxLength(MAX_TEXT))) }),
  stitch: v.nullable(Layout),
});

const Scrolled = v.object({ scroll: size, regions: Regions, redactionComplete: v.boolean() });

/** The prepared answer, or null when it is not one. (The report inside is checked separately.) */
export function validPrepared(x: unknown): CapturePrepared | null {
  const r = v.safeParse(Prepared, x);
  return r.success ? (r.output as unknown as CapturePrepared) : null;
}

export function validScrolled(x: unknown): CaptureScrolled | null {
  const r = v.safeParse(Scrolled, x);
  return r.success ? r.output : null;
}
