/**
 * The pixels: decode the captured frames, compose the raw picture (one frame, or the dialog
 * stitched from several), paint the redaction masks, draw the annotated copy and a thumbnail.
 * OffscreenCanvas only, so it runs in Chrome's service worker and Firefox's event page alike
 * (no DOM there). Geometry comes from src/shared/capture-geometry.ts; the annotated copy is
 * drawn by src/report/annotated-picture.ts, the CLI's renderer too.
 */
import type { Annotation } from '../report/annotation';
import { drawAnnotated } from '../report/annotated-picture';
import type { ComposePlan, Rect } from '../shared/capture-geometry';
import type { MaskRegion } from '../shared/messages';

/** The opaque colour of a mask (the e2e test compares pixels with it). */
export const MASK_RGB = [32, 33, 36] as const;
const MASK_COLOUR = `rgb(${MASK_RGB.join(',')})`;
/** What an uncaptured part of a stitched picture is filled with. */
const GAP_COLOUR = '#e5e7eb';
export const THUMB_WIDTH = 320;
export const THUMB_HEIGHT = 200;

/** A composed raw picture: its PNG bytes and the canvas it was encoded from. */
export interface RawPicture {
  png: Uint8Array;
  /** Device px per CSS px. */
  scale: number;
  /** CSS px. */
  width: number;
  height: number;
  /** The pixels, for drawing the annotated copy and the thumbnail (null in unit-test fakes). */
  canvas: OffscreenCanvas | null;
}

/** The drawing steps capture.ts needs; unit tests pass a fake. */
export interface Imaging {
  /** `frames`: the captured PNGs; `viewportWidth`: CSS px, to find the device pixel ratio. */
  composeRaw(frames: readonly Uint8Array[], plan: ComposePlan, masks: readonly MaskRegion[], viewportWidth: number): Promise<RawPicture>;
  annotate(raw: RawPicture, annotation: Annotation): Promise<Uint8Array>;
  thumbnail(raw: RawPicture): Promise<{ bytes: Uint8Array; type: string }>;
}

async function encode(canvas: OffscreenCanvas, type = 'image/png', quality?: number): Promise<Uint8Array> {
  const blob = await canvas.convertToBlob(quality === undefined ? { type } : { type, quality });
  return new Uint8Array(await blob.arrayBuffer());
}

function context(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  return ctx;
}

/** Device-pixel rectangle that covers a CSS-px one completely (rounded outwards). */
function cover(r: Rect, scale: number): Rect {
  const x = Math.floor(r.x * scale);
  const y = Math.floor(r.y * scale);
  return { x, y, width: Math.ceil((r.x + r.width) * scale) - x, height: Math.ceil((r.y + r.height) * scale) - y };
}

export async function composeRaw(frames: readonly Uint8Array[], plan: ComposePlan, masks: readonly MaskRegion[], viewportWidth: number): Promise<RawPicture> {
  const bitmaps = await Promise.all(frames.map((png) => createImageBitmap(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }))));
  try {
    const first = bitmaps[0];
    if (!first) throw new Error('no frame was captured');
    const scale = viewportWidth > 0 ? first.width / viewportWidth : 1;
    const canvas = new OffscreenCanvas(Math.max(1, Math.round(plan.width * scale)), Math.max(1, Math.round(plan.height * scale)));
    const ctx = context(canvas);
    ctx.fillStyle = GAP_COLOUR;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingEnabled = false;
    for (const op of plan.ops) {
      const bitmap = bitmaps[op.frame];
      if (!bitmap) continue;
      // One rounding for both sides, so a copy is never resampled.
      const sx = Math.round(op.src.x * scale);
      const sy = Math.round(op.src.y * scale);
      const w = Math.min(Math.round(op.src.width * scale), bitmap.width - sx);
      const h = Math.min(Math.round(op.src.height * scale), bitmap.height - sy);
      if (w <= 0 || h <= 0) continue;
      ctx.drawImage(bitmap, sx, sy, w, h, Math.round(op.dst.x * scale), Math.round(op.dst.y * scale), w, h);
    }
    ctx.fillStyle = MASK_COLOUR;
    for (const m of masks) {
      const r = cover(m, scale);
      ctx.fillRect(r.x, r.y, r.width, r.height);
    }
    return { png: await encode(canvas), scale, width: plan.width, height: plan.height, canvas };
  } finally {
    for (const b of bitmaps) b.close();
  }
}

export async function annotate(raw: RawPicture, a: Annotation): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(1, 1);
  drawAnnotated(context(canvas), a, { image: raw.canvas, width: raw.width, height: raw.height, scale: raw.scale });
  return encode(canvas);
}

export async function thumbnail(raw: RawPicture): Promise<{ bytes: Uint8Array; type: string }> {
  if (!raw.canvas) throw new Error('no pixels to make a thumbnail from');
  const k = Math.min(1, THUMB_WIDTH / raw.canvas.width);
  const w = Math.max(1, Math.round(raw.canvas.width * k));
  const h = Math.max(1, Math.min(Math.round(raw.canvas.height * k), THUMB_HEIGHT));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = context(canvas);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(raw.canvas, 0, 0, raw.canvas.width, h / k, 0, 0, w, h);
  return { bytes: await encode(canvas, 'image/jpeg', 0.82), type: 'image/jpeg' };
}

export const canvasImaging: Imaging = { composeRaw, annotate, thumbnail };
