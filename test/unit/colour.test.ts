import { describe, it, expect } from 'vitest';
import {
  WHITE,
  composite,
  contrastRatio,
  luminance,
  parseColour,
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
  const c = parseColour(hex);
  if (!c) throw new Error(`test setup: ${hex} did not parse`);
  return c;
}

/** Channel-wise closeness, in units of 1/255 by default (what a browser can even show). */
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

describe('parseColour — legacy rgb()/rgba() as getComputedStyle reports them', () => {
  it('reads rgb() with commas', () => {
    expectColour(parseColour('rgb(255, 0, 0)'), RED, 1e-9);
    expectColour(parseColour('rgb(118, 118, 118)'), rgb8(118, 118, 118), 1e-9);
    expectColour(parseColour('rgb(156, 163, 175)'), rgb8(156, 163, 175), 1e-9);
  });

  it('reads rgba() with an alpha', () => {
    expectColour(parseColour('rgba(0, 0, 0, 0.5)'), { r: 0, g: 0, b: 0, a: 0.5 }, 1e-9);
    expectColour(parseColour('rgba(17, 24, 39, 0.08)'), rgb8(17, 24, 39, 0.08), 1e-9);
    expectColour(parseColour('rgba(0, 0, 0, 0)'), { r: 0, g: 0, b: 0, a: 0 }, 1e-9);
  });

  it('defaults alpha to 1 when none is given', () => {
    expect(parseColour('rgb(10, 20, 30)')?.a).toBe(1);
    expect(parseColour('#102030')?.a).toBe(1);
  });

  it('ignores surrounding white space and upper case', () => {
    expectColour(parseColour('  RGB(255, 0, 0)  '), RED, 1e-9);
    expectColour(parseColour('#FFFFFF'), WHITE, 1e-9);
  });
});

describe('parseColour — modern space syntax with / alpha', () => {
  it('rgb(r g b)', () => {
    expectColour(parseColour('rgb(255 0 0)'), RED, 1e-9);
  });
  it('rgb(r g b / alpha) with a number and with a percentage', () => {
    expectColour(parseColour('rgb(0 0 0 / 0.5)'), { r: 0, g: 0, b: 0, a: 0.5 }, 1e-9);
    expectColour(parseColour('rgb(255 255 255 / 25%)'), { r: 1, g: 1, b: 1, a: 0.25 }, 1e-9);
  });
  it('rgba(r g b / alpha)', () => {
    expectColour(parseColour('rgba(0 128 0 / 0.75)'), rgb8(0, 128, 0, 0.75), 1e-9);
  });
});

describe('parseColour — hex', () => {
  it.each([
    ['#fff', rgb8(255, 255, 255)],
    ['#000', BLACK],
    ['#767676', rgb8(118, 118, 118)],
    ['#9ca3af', rgb8(156, 163, 175)],
    ['#ff000080', rgb8(255, 0, 0, 128 / 255)],
    ['#0008', rgb8(0, 0, 0, 0x88 / 255)],
  ])('%s', (css, expected) => {
    expectColour(parseColour(css), expected, 1e-9);
  });
});

describe('parseColour — transparent', () => {
  it('is fully transparent', () => {
    expect(parseColour('transparent')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseColour(' Transparent ')?.a).toBe(0);
  });
});

describe('parseColour — oklch(), oklab(), lab(), lch() (Tailwind v4 computed styles)', () => {
  // Coordinates of sRGB red/white/black in each space: CSS Color 4 reference values
  // (red: oklab(0.62796 0.22486 0.12585), oklch(0.62796 0.25768 29.23),
  //  lab(54.29 80.81 69.89) and lch(54.29 106.84 40.85), CSS lab/lch being D50).
  it.each([
    ['oklch(1 0 0)', WHITE],
    ['oklch(100% 0 0)', WHITE],
    ['oklch(0 0 0)', BLACK],
    ['oklch(0.62796 0.25768 29.2339)', RED],
    ['oklch(62.796% 0.25768 29.2339)', RED],
    ['oklab(1 0 0)', WHITE],
    ['oklab(0.62796 0.22486 0.12585)', RED],
    ['lab(100 0 0)', WHITE],
    ['lab(0 0 0)', BLACK],
    ['lab(54.29 80.81 69.89)', RED],
    ['lab(54.29% 80.81 69.89)', RED],
    ['lch(54.29 106.84 40.85)', RED],
    ['lch(100 0 0)', WHITE],
  ])('%s', (css, expected) => {
    // Four-and-a-bit decimal reference coordinates: allow 2/255 per channel.
    expectColour(parseColour(css), expected, 2 / 255);
  });

  it('keeps the alpha of oklch(… / a) and lab(… / a)', () => {
    expectColour(parseColour('oklch(0 0 0 / 0.4)'), { r: 0, g: 0, b: 0, a: 0.4 }, 1e-6);
    expectColour(parseColour('lab(100 0 0 / 50%)'), { r: 1, g: 1, b: 1, a: 0.5 }, 1 / 255);
  });

  it('reads a mid grey: oklch(0.5999 0 0) is close to #808080', () => {
    // #808080: linear 0.21586, OKLab L = cbrt(0.21586) = 0.59987.
    expectColour(parseColour('oklch(0.59987 0 0)'), rgb8(128, 128, 128), 1 / 255);
  });

  it('clips a wide-gamut oklch to the sRGB cube (channels stay within 0–1)', () => {
    const c = parseColour('oklch(0.7 0.4 145)'); // far outside sRGB: a very saturated green
    expect(c).not.toBeNull();
    for (const v of [c!.r, c!.g, c!.b]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(c!.g).toBeGreaterThan(c!.r);
    expect(c!.g).toBeGreaterThan(c!.b);
  });
});

describe('parseColour — color()', () => {
  it('color(srgb r g b)', () => {
    expectColour(parseColour('color(srgb 1 0 0)'), RED, 1e-9);
    expectColour(parseColour('color(srgb 0.5 0.25 0.75)'), { r: 0.5, g: 0.25, b: 0.75, a: 1 }, 1e-9);
  });
  it('color(srgb r g b / alpha)', () => {
    expectColour(parseColour('color(srgb 0 0 1 / 0.3)'), { r: 0, g: 0, b: 1, a: 0.3 }, 1e-9);
  });
  it('color(display-p3 …): greys map to the same sRGB grey (same white point and transfer curve)', () => {
    expectColour(parseColour('color(display-p3 0.5 0.5 0.5)'), { r: 0.5, g: 0.5, b: 0.5, a: 1 }, 1 / 255);
    expectColour(parseColour('color(display-p3 1 1 1)'), WHITE, 1 / 255);
  });
  it('color(display-p3 1 0 0) lies outside sRGB and is clipped to sRGB red', () => {
    // P3 red in linear sRGB is about (1.2249, -0.0421, -0.0196): clipped to (1, 0, 0).
    expectColour(parseColour('color(display-p3 1 0 0)'), RED, 1 / 255);
  });
});

describe('parseColour — junk is null', () => {
  it.each(['', '   ', 'none', 'auto', 'inherit', 'not-a-colour', 'rgb(', 'rgb(1, 2)', '#12', '#ggg', 'oklch(', 'color()', '12px'])(
    '%j',
    (css) => {
      expect(parseColour(css)).toBeNull();
    },
  );
});

describe('parseColour — never throws', () => {
  it('returns null for a truncated color( function', () => {
    let result: Rgba | null | 'threw';
    try {
      result = parseColour('color(');
    } catch {
      result = 'threw';
    }
    expect(result).toBeNull();
  });
});

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
