/**
 * The pixels: decode the captured frames, compose the raw picture (one frame, or the dialog
 * stitched from several), paint the redaction masks, draw the annotated copy and a thumbnail.
 * OffscreenCanvas only, so it runs in Chrome's service worker and Firefox's event page alike
 * (no DOM there). Geometry comes from capture-geometry.ts, content from capture-annotation.ts.
 * Page text reaches the picture only through fillText.
 */
import type { MaskRegion } from '../shared/messages';
import type { Annotation } from './capture-annotation';
import { wrapText, type ComposePlan, type Rect } from './capture-geometry';

/** The opaque colour of a mask (the e2e test compares pixels with it). */
export const MASK_RGB = [32, 33, 36] as const;
const MASK_COLOUR = `rgb(${MASK_RGB.join(',')})`;
/** What an uncaptured part of a stitched picture is filled with. */
const GAP_COLOUR = '#e5e7eb';
export const LEGEND_WIDTH = 380;
export const THUMB_WIDTH = 320;
export const THUMB_HEIGHT = 200;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const RED = '#dc2626';
const BLUE = '#2563eb';

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

interface TextLine {
  text: string;
  font: string;
  colour: string;
  /** Space above the line. */
  gap: number;
  height: number;
  indent: number;
}

function roundRect(ctx: OffscreenCanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

export async function annotate(raw: RawPicture, a: Annotation): Promise<Uint8Array> {
  const { width: W, height: H, scale } = raw;
  const probe = context(new OffscreenCanvas(1, 1));
  const measure = (font: string) => (s: string): number => {
    probe.font = font;
    return probe.measureText(s).width;
  };

  // The legend, laid out first: its height decides the picture's.
  const legend: TextLine[] = [];
  const inner = LEGEND_WIDTH - 32;
  const add = (text: string, font: string, colour: string, gap: number, height: number, indent = 0): void => {
    wrapText(text, inner - indent, measure(font)).forEach((line, i) => legend.push({ text: line, font, colour, gap: i === 0 ? gap : 0, height, indent }));
  };
  add('Consent Lens', `700 16px ${FONT}`, '#0f172a', 0, 22);
  add(a.heading, `600 13px ${FONT}`, '#0f172a', 2, 18);
  for (const m of a.marks) {
    add(`${m.n}. ${m.label || '(no label)'} — ${m.state.toUpperCase()}${m.box ? '' : ' (not visible in the picture)'}`, `700 13px ${FONT}`, '#0f172a', 12, 18);
    for (const f of m.findings) add(`• ${f}`, `400 12px ${FONT}`, '#1f2937', 2, 16, 8);
  }
  for (const line of a.lines) add(line, `400 12px ${FONT}`, '#334155', 10, 16);
  const legendHeight = 16 + legend.reduce((h, l) => h + l.gap + l.height, 0) + 16;

  const footerFont = `400 12px ${FONT}`;
  const footer = a.footer.flatMap((line) => wrapText(line, W + LEGEND_WIDTH - 24, measure(footerFont)));
  const footerHeight = 12 + footer.length * 16 + 10;
  const bodyHeight = Math.max(H, legendHeight);

  const canvas = new OffscreenCanvas(Math.round((W + LEGEND_WIDTH) * scale), Math.round((bodyHeight + footerHeight) * scale));
  const ctx = context(canvas);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (raw.canvas) ctx.drawImage(raw.canvas, 0, 0);
  ctx.scale(scale, scale);
  ctx.textBaseline = 'top';

  // The accept action, dashed blue, for comparison.
  for (const p of a.primary) {
    ctx.save();
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 2;
    ctx.strokeStyle = BLUE;
    ctx.strokeRect(p.box.x - 3, p.box.y - 3, p.box.width + 6, p.box.height + 6);
    ctx.restore();
    ctx.font = `600 11px ${FONT}`;
    const label = `accept action: ${p.label}`;
    const lw = Math.min(ctx.measureText(label).width + 12, W);
    const ly = p.box.y - 24 >= 0 ? p.box.y - 24 : p.box.y + p.box.height + 6;
    ctx.fillStyle = BLUE;
    roundRect(ctx, p.box.x - 3, ly, lw, 18, 3);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.fillText(label, p.box.x + 3, ly + 3, lw - 12);
  }

  // The training controls: a red box, a numbered badge, a callout beside it.
  for (const m of a.marks) {
    if (!m.box) continue;
    const b = m.box;
    ctx.lineWidth = 5;
    ctx.strokeStyle = '#ffffff';
    ctx.strokeRect(b.x - 5, b.y - 5, b.width + 10, b.height + 10);
    ctx.lineWidth = 3;
    ctx.strokeStyle = RED;
    ctx.strokeRect(b.x - 5, b.y - 5, b.width + 10, b.height + 10);
    ctx.beginPath();
    ctx.arc(Math.max(12, b.x - 6), Math.max(12, b.y - 6), 11, 0, Math.PI * 2);
    ctx.fillStyle = RED;
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.font = `700 12px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.fillText(String(m.n), Math.max(12, b.x - 6), Math.max(12, b.y - 6) - 7);
    ctx.textAlign = 'start';

    const font = `600 12px ${FONT}`;
    const lines = wrapText(`${m.n}. ${m.callout}`, 284, measure(font));
    ctx.font = font;
    const cw = Math.min(300, Math.max(...lines.map((l) => ctx.measureText(l).width)) + 16);
    const ch = lines.length * 16 + 8;
    const right = b.x + b.width + 14;
    const cx = right + cw <= W ? right : Math.max(0, b.x - 14 - cw);
    const cy = Math.max(0, Math.min(b.y - 4, H - ch));
    ctx.fillStyle = RED;
    roundRect(ctx, cx, cy, cw, ch, 4);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    lines.forEach((l, i) => ctx.fillText(l, cx + 8, cy + 4 + i * 16));
  }

  // The legend.
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(W, 0, LEGEND_WIDTH, bodyHeight);
  ctx.fillStyle = '#cbd5e1';
  ctx.fillRect(W, 0, 1, bodyHeight);
  let y = 16;
  for (const l of legend) {
    y += l.gap;
    ctx.font = l.font;
    ctx.fillStyle = l.colour;
    ctx.fillText(l.text, W + 16 + l.indent, y);
    y += l.height;
  }

  // The footer stamp, across the whole width.
  ctx.fillStyle = '#0f172a';
  ctx.fillRect(0, bodyHeight, W + LEGEND_WIDTH, footerHeight);
  ctx.fillStyle = '#f8fafc';
  ctx.font = footerFont;
  footer.forEach((l, i) => ctx.fillText(l, 12, bodyHeight + 12 + i * 16));

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
