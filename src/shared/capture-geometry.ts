/**
 * The geometry of a capture, as pure functions: where to scroll for each part of a stitched
 * capture, which part of each captured frame goes where in the final picture, where the masks
 * and the annotation boxes land in it. Everything is in CSS px; the drawing code multiplies by
 * the device pixel ratio. No browser calls here (unit-tested in test/unit/evidence-geometry).
 * The background plans its captures with it; the annotation (src/report/annotation.ts) places
 * its boxes with `placeBox`, for the extension's pictures and the CLI's alike.
 *
 * Two layouts (see StitchLayout in src/shared/messages.ts):
 *
 *   inside  ┌ dialog ───────┐        around  ┌ viewport / container ┐
 *           │ title (stays) │                │   ┌ dialog ┐         │  the dialog moves as a whole
 *           │┌ band ───────┐│                │   │        │         │  when the container (or the
 *           ││ scrolls     ││ ⇒ unrolled:    │   │        │         │  document) scrolls; unrolled,
 *           │└─────────────┘│   title,       └───┼────────┼─────────┘  it is the dialog's full box
 *           │ Accept (stays)│   all content,     └────────┘
 *           └───────────────┘   Accept
 */
import type { MaskRegion, StitchLayout } from './messages';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One copy from a captured frame (viewport CSS px) to the output picture (CSS px). */
export interface CopyOp {
  frame: number;
  src: Rect;
  dst: Rect;
}

export interface ComposePlan {
  width: number;
  height: number;
  ops: CopyOp[];
  /** The dialog was taller than MAX_OUTPUT_HEIGHT allows: the picture stops there. */
  truncated: boolean;
}

/** At most this many captures per stitched picture (Chrome allows about two a second). */
export const MAX_PARTS = 12;
/** Canvas limits (Chrome: 32 767 px a side): the stitched picture stops at this height in device px. */
export const MAX_OUTPUT_DEVICE_PX = 16_384;

export function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function viewportRect(viewport: { width: number; height: number }): Rect {
  return { x: 0, y: 0, width: viewport.width, height: viewport.height };
}

/** Whether the layout is worth stitching: more than one part, and something to scroll. */
export function needsStitch(layout: StitchLayout | null): layout is StitchLayout {
  if (!layout || layout.maxScroll <= 1 || layout.band.height < 20 || layout.dialog.width < 1) return false;
  return true;
}

/**
 * The scroll positions, one per part. `inside`: the band's content from its top to its end, a
 * band's height at a time. `around`: the dialog's rows from its top to its bottom.
 */
export function scrollSteps(layout: StitchLayout, viewport: { width: number; height: number }, maxParts = MAX_PARTS): { positions: number[]; truncated: boolean } {
  const band = intersect(layout.band, viewportRect(viewport));
  if (!band) return { positions: [layout.scrollAtScan], truncated: false };
  const step = Math.max(1, Math.floor(band.height));
  const clamp = (s: number): number => Math.max(0, Math.min(layout.maxScroll, Math.round(s)));
  let first: number;
  let span: number;
  if (layout.mode === 'inside') {
    // Content row r shows at viewport y = band.y + r − scroll; with the band cut to the viewport
    // the first visible row is `band.y − layout.band.y` below the container's top.
    first = -(band.y - layout.band.y);
    span = layout.contentHeight;
  } else {
    // The dialog's top sits at viewport y = dialog.y + scrollAtScan − scroll.
    first = layout.dialog.y + layout.scrollAtScan - band.y;
    span = layout.dialog.height;
  }
  const wanted = Math.max(1, Math.ceil(span / step));
  const parts = Math.min(wanted, maxParts);
  const positions: number[] = [];
  for (let i = 0; i < parts; i++) {
    const s = clamp(first + i * step);
    if (positions[positions.length - 1] !== s) positions.push(s);
  }
  return { positions, truncated: wanted > maxParts };
}

/** The single-frame plan: the whole viewport as it is. */
export function viewportPlan(viewport: { width: number; height: number }): ComposePlan {
  const r = viewportRect(viewport);
  return { width: viewport.width, height: viewport.height, ops: [{ frame: 0, src: r, dst: { ...r } }], truncated: false };
}

function clipOp(op: CopyOp, out: { width: number; height: number }): CopyOp | null {
  const dst = intersect(op.dst, { x: 0, y: 0, width: out.width, height: out.height });
  if (!dst) return null;
  const dx = op.src.x - op.dst.x;
  const dy = op.src.y - op.dst.y;
  return { frame: op.frame, src: { x: dst.x + dx, y: dst.y + dy, width: dst.width, height: dst.height }, dst };
}

/** A copy of the part of `src` that is inside `within`, moved by (dx, dy). */
function copy(frame: number, src: Rect, within: Rect, dx: number, dy: number): CopyOp | null {
  const s = intersect(src, within);
  return s ? { frame, src: s, dst: { x: s.x + dx, y: s.y + dy, width: s.width, height: s.height } } : null;
}

/**
 * Which rows of which frame make the unrolled dialog. `scrolls[i]` is the scroll position frame
 * i was captured at (as the content script read it back). Later frames are drawn over earlier
 * ones where they overlap.
 */
export function stitchPlan(
  layout: StitchLayout,
  scrolls: readonly number[],
  viewport: { width: number; height: number },
  opts: { maxHeight?: number; truncated?: boolean } = {},
): ComposePlan {
  const view = viewportRect(viewport);
  const ops: (CopyOp | null)[] = [];
  let width: number;
  let height: number;
  if (layout.mode === 'inside') {
    const D = layout.dialog;
    const B = intersect(layout.band, D) ?? layout.band;
    width = D.width;
    height = D.height - B.height + layout.contentHeight;
    const last = scrolls.length - 1;
    // What stays put above the band, from the first frame; below it, from the last.
    ops.push(copy(0, { x: D.x, y: D.y, width: D.width, height: B.y - D.y }, view, -D.x, -D.y));
    scrolls.forEach((s, i) => {
      // Content row r is at viewport y = B.y + r − s, and goes to output y = (B.y − D.y) + r.
      ops.push(copy(i, { x: D.x, y: B.y, width: D.width, height: B.height }, view, -D.x, -D.y + s));
    });
    const below = B.y + B.height;
    ops.push(copy(last, { x: D.x, y: below, width: D.width, height: D.y + D.height - below }, view, -D.x, -D.y + layout.contentHeight - B.height));
  } else {
    const D = layout.dialog;
    const B = intersect(layout.band, view) ?? view;
    const x0 = Math.max(D.x, B.x);
    width = Math.min(D.x + D.width, B.x + B.width) - x0;
    height = D.height;
    scrolls.forEach((s, i) => {
      // At scroll s the dialog's top is at viewport y = D.y + scrollAtScan − s.
      const top = D.y + layout.scrollAtScan - s;
      ops.push(copy(i, { x: x0, y: top, width, height: D.height }, B, -x0, -top));
    });
  }
  const maxHeight = opts.maxHeight ?? Number.POSITIVE_INFINITY;
  const cut = height > maxHeight;
  const out = { width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(Math.min(height, maxHeight))) };
  const clipped = ops.filter((o): o is CopyOp => o !== null).map((o) => clipOp(o, out)).filter((o): o is CopyOp => o !== null);
  return { ...out, ops: clipped, truncated: cut || Boolean(opts.truncated) };
}

/**
 * The masks in output coordinates: each frame's regions, carried by every copy taken from that
 * frame, cut to what the copy covers. Overlapping duplicates are kept (painting twice is harmless).
 * The content script already pads its regions and keeps them off the dialog; `pad` adds more.
 */
export function mapRegions(plan: ComposePlan, regionsByFrame: readonly (readonly MaskRegion[])[], pad = 0): MaskRegion[] {
  const out: MaskRegion[] = [];
  for (const op of plan.ops) {
    for (const r of regionsByFrame[op.frame] ?? []) {
      const padded = { x: r.x - pad, y: r.y - pad, width: r.width + 2 * pad, height: r.height + 2 * pad };
      const hit = intersect(padded, op.src);
      if (!hit) continue;
      out.push({ kind: r.kind, x: hit.x - op.src.x + op.dst.x, y: hit.y - op.src.y + op.dst.y, width: hit.width, height: hit.height });
    }
  }
  return out;
}

/**
 * Where a report box (document coordinates at the scan) lands in the picture, or null when it
 * has no size or falls outside the picture. `scroll` is the window's scroll at the scan.
 */
export function placeBox(
  box: Rect,
  id: string,
  scroll: { x: number; y: number },
  layout: StitchLayout | null,
  picture: { width: number; height: number },
): Rect | null {
  if (!(box.width > 0 && box.height > 0)) return null;
  const v = { x: box.x - scroll.x, y: box.y - scroll.y, width: box.width, height: box.height };
  let placed: Rect;
  if (!layout) placed = v;
  else if (layout.mode === 'around') {
    placed = { ...v, x: v.x - Math.max(layout.dialog.x, layout.band.x, 0), y: v.y - layout.dialog.y };
  } else {
    const D = layout.dialog;
    const B = intersect(layout.band, D) ?? layout.band;
    let y: number;
    if (layout.moving.includes(id)) y = v.y - D.y + layout.scrollAtScan;
    else if (v.y < B.y) y = v.y - D.y;
    else y = v.y - D.y + layout.contentHeight - B.height;
    placed = { ...v, x: v.x - D.x, y };
  }
  return intersect(placed, { x: 0, y: 0, width: picture.width, height: picture.height }) ? placed : null;
}
