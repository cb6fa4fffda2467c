/**
 * Colour maths for WCAG contrast. Browsers report computed colours in every CSS syntax they
 * support (`rgb()`, `oklch()`, `lab()`, `color(srgb …)`, …), so parsing is culori's job; only
 * the WCAG formulas live here. culori/fn is imported mode by mode to keep the content script small.
 */
import {
  useMode,
  modeRgb,
  modeLrgb,
  modeOklab,
  modeOklch,
  modeLab,
  modeLch,
  modeHsl,
  modeHwb,
  modeP3,
  modeRec2020,
  modeA98,
  modeProphoto,
  modeXyz50,
  modeXyz65,
  parse,
  converter,
  clampRgb,
} from 'culori/fn';

[
  modeRgb,
  modeLrgb,
  modeOklab,
  modeOklch,
  modeLab,
  modeLch,
  modeHsl,
  modeHwb,
  modeP3,
  modeRec2020,
  modeA98,
  modeProphoto,
  modeXyz50,
  modeXyz65,
].forEach((mode) => useMode(mode));

const toRgb = converter('rgb');

/** Straight (not premultiplied) sRGB, channels 0–1, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export const WHITE: Rgba = { r: 1, g: 1, b: 1, a: 1 };

/** Parses any CSS colour a browser may report; null for what is not a colour (`none`, junk). */
export function parseColour(css: string): Rgba | null {
  const value = css.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  let parsed;
  try {
    parsed = parse(value);
  } catch {
    // culori throws on some truncated syntaxes ("color("); a value we cannot read is no colour.
    return null;
  }
  if (!parsed) return null;
  // Out-of-gamut colours (wide-gamut oklch, display-p3) are clipped as the display does on sRGB.
  const rgb = clampRgb(toRgb(parsed));
  if (!rgb) return null;
  return { r: rgb.r, g: rgb.g, b: rgb.b, a: rgb.alpha ?? 1 };
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

/** A size as a person reads it: whole pixels where whole, else one decimal (never 23.9 → 24). */
export function px(n: number): string {
  const r = Math.floor(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** Two decimals: enough for a ratio a person reads, stable across platforms. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
