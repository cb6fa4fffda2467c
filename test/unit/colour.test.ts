import { describe, it, expect } from 'vitest';
import {
  WHITE,
  composite,
  contrastRatio,
  luminance,
  round2,
  toHex,
  withOpacity,
  type Rgba,
} from '../../src/engine/colour';

/*
 * Reference maths written out here from the WCAG 2.x definition (DOMAIN.md), independently of
 * src/engine/colour.ts: per 8-bit channel c = v/255, linear = c <= 0.04045 ? c/12.92 :
 * ((c+0.055)/1.055)^2.4; L = 0.2126 R + 0.7152 G + 0.0722 B; ratio = (L1+0.05)/(L2+0.05).
 */
function refLinear(v8: number): number {
  const c = v8 / 255;
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}
function refLuminance(hex: string): number {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  const r = (n >> 16) & 0xff;
  const g = (n >> 8) & 0xff;
  const b = n & 0xff;
  return 0.2126 * refLinear(r) + 0.7152 * refLinear(g) + 0.0722 * refLinear(b);
}
function refContrast(a: string, b: string): number {
  const la = refLuminance(a);
  const lb = refLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
function rgb8(r: number, g: number, b: number, a = 1): Rgba {
  return { r: r / 255, g: g / 255, b: b / 255, a };
}
function hexColour(hex: string): Rgba {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return rgb8((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

/** Channel-wise closeness. */
function expectColour(actual: Rgba | null, expected: Rgba, tolerance = 1 / 255): void {
  expect(actual).not.toBeNull();
  const a = actual!;
  expect(Math.abs(a.r - expected.r), `r: ${a.r} vs ${expected.r}`).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(a.g - expected.g), `g: ${a.g} vs ${expected.g}`).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(a.b - expected.b), `b: ${a.b} vs ${expected.b}`).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(a.a - expected.a), `a: ${a.a} vs ${expected.a}`).toBeLessThanOrEqual(1e-6);
}

const RED = rgb8(255, 0, 0);
const BLACK = rgb8(0, 0, 0);

// Parsing (a browser's job: it needs a canvas) is tested in real Chromium: test/engine/colour-parse.test.ts.

describe('luminance (WCAG relative luminance)', () => {
  it('white 1, black 0', () => {
    expect(luminance(WHITE)).toBeCloseTo(1, 12);
    expect(luminance(BLACK)).toBe(0);
  });
  it('primaries are the channel weights', () => {
    expect(luminance(RED)).toBeCloseTo(0.2126, 12);
    expect(luminance(rgb8(0, 255, 0))).toBeCloseTo(0.7152, 12);
    expect(luminance(rgb8(0, 0, 255))).toBeCloseTo(0.0722, 12);
  });
  it('mid grey #808080 is about 0.2159 (not 0.5: the curve is not linear)', () => {
    expect(luminance(rgb8(128, 128, 128))).toBeCloseTo(0.21586, 5);
    expect(luminance(rgb8(128, 128, 128))).toBeCloseTo(refLuminance('#808080'), 12);
  });
  it('uses the linear segment at and below 0.04045 (10/255 = 0.0392)', () => {
    expect(luminance(rgb8(10, 10, 10))).toBeCloseTo(10 / 255 / 12.92, 12);
    expect(luminance(rgb8(11, 11, 11))).toBeCloseTo(Math.pow((11 / 255 + 0.055) / 1.055, 2.4), 12);
  });
  it.each(['#767676', '#9ca3af', '#6b7280', '#111827', '#3b82f6', '#fbbf24'])('%s matches the reference formula', (hex) => {
    expect(luminance(hexColour(hex))).toBeCloseTo(refLuminance(hex), 12);
  });
});

describe('contrastRatio (WCAG)', () => {
  it('black on white is 21, in either order', () => {
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 10);
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 10);
  });
  it('equal colours are 1', () => {
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    expect(contrastRatio(rgb8(118, 118, 118), rgb8(118, 118, 118))).toBe(1);
    expect(contrastRatio(BLACK, BLACK)).toBe(1);
  });
  it('#767676 on white is 4.54 (the well-known lightest grey that passes AA)', () => {
    const ratio = contrastRatio(hexColour('#767676'), WHITE);
    expect(round2(ratio)).toBe(4.54);
    expect(ratio).toBeGreaterThanOrEqual(4.5);
    expect(ratio).toBeCloseTo(refContrast('#767676', '#ffffff'), 10);
  });
  it('#777777 on white falls just under 4.5', () => {
    const ratio = contrastRatio(hexColour('#777777'), WHITE);
    expect(ratio).toBeLessThan(4.5);
    expect(round2(ratio)).toBe(4.48);
  });
  it('#9ca3af (Tailwind gray-400) on white is 2.54', () => {
    const ratio = contrastRatio(hexColour('#9ca3af'), WHITE);
    expect(round2(ratio)).toBe(2.54);
    expect(ratio).toBeCloseTo(refContrast('#9ca3af', '#ffffff'), 10);
  });
  it('is symmetric and matches the reference on a few pairs', () => {
    const pairs: [string, string][] = [
      ['#111827', '#f9fafb'],
      ['#3b82f6', '#ffffff'],
      ['#fbbf24', '#000000'],
      ['#6b7280', '#e5e7eb'],
    ];
    for (const [a, b] of pairs) {
      const ab = contrastRatio(hexColour(a), hexColour(b));
      expect(ab).toBeCloseTo(contrastRatio(hexColour(b), hexColour(a)), 12);
      expect(ab).toBeCloseTo(refContrast(a, b), 10);
    }
  });
});

describe('composite (source-over)', () => {
  it('an opaque top hides the bottom', () => {
    expect(composite(RED, WHITE)).toEqual(RED);
  });
  it('a fully transparent top leaves the bottom', () => {
    expect(composite({ r: 0, g: 0, b: 0, a: 0 }, WHITE)).toEqual(WHITE);
  });
  it('half-transparent black over white is mid grey (0.5 per channel, straight alpha)', () => {
    expectColour(composite({ r: 0, g: 0, b: 0, a: 0.5 }, WHITE), { r: 0.5, g: 0.5, b: 0.5, a: 1 }, 1e-12);
  });
  it('half-transparent white over black is the same mid grey', () => {
    expectColour(composite({ r: 1, g: 1, b: 1, a: 0.5 }, BLACK), { r: 0.5, g: 0.5, b: 0.5, a: 1 }, 1e-12);
  });
  it('25% black over white: 0.75 per channel', () => {
    expectColour(composite({ r: 0, g: 0, b: 0, a: 0.25 }, WHITE), { r: 0.75, g: 0.75, b: 0.75, a: 1 }, 1e-12);
  });
  it('two translucent layers give the Porter-Duff result', () => {
    // a = 0.5 + 0.5·0.5 = 0.75; r = (1·0.5)/0.75 = 2/3; b = (1·0.5·0.5)/0.75 = 1/3.
    const out = composite({ r: 1, g: 0, b: 0, a: 0.5 }, { r: 0, g: 0, b: 1, a: 0.5 });
    expect(out.a).toBeCloseTo(0.75, 12);
    expect(out.r).toBeCloseTo(2 / 3, 12);
    expect(out.g).toBe(0);
    expect(out.b).toBeCloseTo(1 / 3, 12);
  });
  it('nothing over nothing is transparent, not NaN', () => {
    expect(composite({ r: 1, g: 1, b: 1, a: 0 }, { r: 0.5, g: 0.5, b: 0.5, a: 0 })).toEqual({ r: 0, g: 0, b: 0, a: 0 });
  });
  it('a grey text at 60% over white drops below 4.5:1 although the solid grey passes', () => {
    // #595959 on white is 7.0:1 solid; at 60% it shows as 0.6·89 + 0.4·255 = 155.4 → ~#9b9b9b.
    const solid = hexColour('#595959');
    expect(contrastRatio(solid, WHITE)).toBeGreaterThan(6.9);
    const shown = composite(withOpacity(solid, 0.6), WHITE);
    expect(shown.r * 255).toBeCloseTo(0.6 * 89 + 0.4 * 255, 9);
    const expectedRatio = 1.05 / (refLinear(155.4) * 1 + 0.05);
    expect(contrastRatio(shown, WHITE)).toBeCloseTo(expectedRatio, 9);
    expect(contrastRatio(shown, WHITE)).toBeLessThan(4.5);
  });
});

describe('withOpacity', () => {
  it('multiplies alpha and keeps the channels', () => {
    expect(withOpacity({ r: 0.2, g: 0.4, b: 0.6, a: 0.8 }, 0.5)).toEqual({ r: 0.2, g: 0.4, b: 0.6, a: 0.4 });
    expect(withOpacity(RED, 0)).toEqual({ ...RED, a: 0 });
    expect(withOpacity(RED, 1)).toEqual(RED);
  });
  it('does not change its input', () => {
    const c = { r: 0.1, g: 0.2, b: 0.3, a: 1 };
    withOpacity(c, 0.25);
    expect(c).toEqual({ r: 0.1, g: 0.2, b: 0.3, a: 1 });
  });
});

describe('toHex and round2', () => {
  it('toHex writes lower-case #rrggbb and clamps', () => {
    expect(toHex(rgb8(156, 163, 175))).toBe('#9ca3af');
    expect(toHex(WHITE)).toBe('#ffffff');
    expect(toHex({ r: 1.2, g: -0.1, b: 0.5, a: 1 })).toBe('#ff0080');
  });
  it('round2 keeps two decimals', () => {
    expect(round2(4.5411)).toBe(4.54);
    expect(round2(2.546)).toBe(2.55);
    expect(round2(21)).toBe(21);
  });
});
