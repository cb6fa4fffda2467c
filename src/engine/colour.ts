/**
 * Colour maths for WCAG contrast. Parsing is the browser's job: a computed colour can be in any
 * syntax the browser supports (`rgb()`, `oklch()`, `lab()`, `color(display-p3 …)`, …), and the
 * browser's own CSS colour engine turns it into the sRGB it paints, through a 1×1 canvas. That is
 * exactly what a person sees, costs no bytes (a colour library was a third of the content
 * script's budget), and is checked against culori as an independent oracle in the browser tests.
 * Only the WCAG formulas live here.
 */

/** Straight (not premultiplied) sRGB, channels 0–1, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export const WHITE: Rgba = { r: 1, g: 1, b: 1, a: 1 };

const CACHE_LIMIT = 1000;

/**
 * Any CSS colour a browser may report, as the sRGB the browser paints (wide-gamut colours are
 * brought into sRGB by the browser); null for what is not a colour (`none`, junk) or where no
 * canvas exists. Never throws.
 */
export type ColourReader = (css: string) => Rgba | null;

/**
 * A colour reader with its own 1×1 canvas (made on first use, in `doc`) and its own cache: the
 * caller keeps it (the content script one for its life, a scan one of its own when given none),
 * so the engine holds no canvas of its own.
 */
export function createColourReader(doc: Document): ColourReader {
  let context: CanvasRenderingContext2D | null | undefined;
  const cache = new Map<string, Rgba | null>();
  const canvas = (): CanvasRenderingContext2D | null => {
    if (context !== undefined) return context;
    try {
      const c = doc.createElement('canvas');
      c.width = 1;
      c.height = 1;
      context = c.getContext('2d', { willReadFrequently: true }) ?? null;
    } catch {
      context = null;
    }
    return context;
  };
  return (css) => parseWith(canvas, cache, css);
}

function parseWith(canvas: () => CanvasRenderingContext2D | null, cache: Map<string, Rgba | null>, css: string): Rgba | null {
  const value = css.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const known = cache.get(value);
  if (known !== undefined) return known;
  const ctx = canvas();
  if (!ctx || !value) return null;
  let result: Rgba | null = null;
  try {
    // An invalid colour leaves fillStyle as it was: from two different starting values it
    // then reads back differently, while a valid one reads back the same both times.
    ctx.fillStyle = '#000000';
    ctx.fillStyle = value;
    const first = ctx.fillStyle;
    ctx.fillStyle = '#ffffff';
    ctx.fillStyle = value;
    if (ctx.fillStyle === first) {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0, a = 0] = ctx.getImageData(0, 0, 1, 1).data;
      result = { r: r / 255, g: g / 255, b: b / 255, a: a / 255 };
    }
  } catch {
    result = null;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, result);
  return result;
}

/** `top` drawn over `bottom` (source-over). */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, b: number): number => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

/** A colour with its alpha multiplied by an opacity (CSS `opacity` on the element or an ancestor). */
export function withOpacity(colour: Rgba, opacity: number): Rgba {
  return { ...colour, a: colour.a * opacity };
}

function linear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2.x relative luminance of an opaque colour. */
export function luminance(c: Rgba): number {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

/** WCAG contrast ratio, 1–21. Both colours must already be opaque (composited). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export function toHex(c: Rgba): string {
  const h = (v: number): string =>
    Math.round(Math.min(1, Math.max(0, v)) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${h(c.r)}${h(c.g)}${h(c.b)}`;
}

/** Two decimals: enough for a ratio a person reads, stable across platforms. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
