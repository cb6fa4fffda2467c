/**
 * The engine's colour parser runs in a real browser (it asks the browser's own CSS colour engine
 * through a canvas). Checked against CSS Color 4 reference values and against culori, an
 * independent colour library, over every syntax Chromium reports in computed styles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clampRgb, converter, inGamut, modeLab, modeLch, modeLrgb, modeOklab, modeOklch, modeP3, modeRgb, parse, useMode } from 'culori/fn';
import { engineBundle } from '../../src/cli/bundle';
import type { PageApi } from '../../src/cli/page-entry';
import type { Rgba } from '../../src/engine/colour';
import { openLab, type Lab } from '../helpers/browser';

[modeRgb, modeLrgb, modeOklab, modeOklch, modeLab, modeLch, modeP3].forEach((m) => useMode(m));
const toRgb = converter('rgb');
const inRgb = inGamut('rgb');

let lab: Lab;
let page: Page;
beforeAll(async () => {
  lab = await openLab();
  page = await lab.context.newPage();
  await page.goto('about:blank');
  await page.evaluate(await engineBundle());
});
afterAll(async () => {
  await lab?.close();
});

function parseIn(css: string[]): Promise<(Rgba | null)[]> {
  return page.evaluate((list) => list.map((c) => (globalThis as unknown as { __consentLens: PageApi }).__consentLens.parseColour(c)), css);
}

const rgb8 = (r: number, g: number, b: number, a = 1): Rgba => ({ r: r / 255, g: g / 255, b: b / 255, a });
const WHITE = rgb8(255, 255, 255);
const BLACK = rgb8(0, 0, 0);
const RED = rgb8(255, 0, 0);

function close(actual: Rgba | null | undefined, expected: Rgba, tolerance: number, alphaTolerance = 1 / 255): void {
  expect(actual, 'parsed').toBeTruthy();
  const a = actual!;
  const what = `${JSON.stringify(a)} vs ${JSON.stringify(expected)}`;
  expect(Math.abs(a.r - expected.r), what).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(a.g - expected.g), what).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(a.b - expected.b), what).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(a.a - expected.a), what).toBeLessThanOrEqual(alphaTolerance);
}

describe('parseColour in Chromium', () => {
  it('reads the legacy and modern rgb() forms and hex exactly', async () => {
    const cases: [string, Rgba][] = [
      ['rgb(255, 0, 0)', RED],
      ['rgb(118, 118, 118)', rgb8(118, 118, 118)],
      ['rgba(17, 24, 39, 0.5)', rgb8(17, 24, 39, 0.5)],
      ['rgb(255 0 0)', RED],
      ['rgb(0 0 255 / 40%)', rgb8(0, 0, 255, 0.4)],
      ['  RGB(255, 0, 0)  ', RED],
      ['#9ca3af', rgb8(156, 163, 175)],
      ['#FFF', WHITE],
      ['transparent', { r: 0, g: 0, b: 0, a: 0 }],
    ];
    const got = await parseIn(cases.map((c) => c[0]));
    cases.forEach(([css, want], i) => {
      // Alpha goes through 8 bits in a canvas: 0.5 comes back as 128/255.
      close(got[i], want, 1e-9 + (want.a < 1 ? 1 / 255 : 0), 1 / 255);
      expect(css.length).toBeGreaterThan(0);
    });
  });

  it('reads oklch(), oklab(), lab() and lch() at their CSS Color 4 reference coordinates', async () => {
    const cases: [string, Rgba][] = [
      ['oklch(1 0 0)', WHITE],
      ['oklch(0 0 0)', BLACK],
      ['oklch(0.62796 0.25768 29.2339)', RED],
      ['oklch(62.796% 0.25768 29.2339)', RED],
      ['oklab(0.62796 0.22486 0.12585)', RED],
      ['lab(54.29 80.81 69.89)', RED],
      ['lch(54.29 106.84 40.85)', RED],
      ['lab(100 0 0)', WHITE],
      ['oklch(0.59987 0 0)', rgb8(128, 128, 128)],
      ['oklch(0 0 0 / 0.4)', { r: 0, g: 0, b: 0, a: 0.4 }],
    ];
    const got = await parseIn(cases.map((c) => c[0]));
    cases.forEach(([, want], i) => close(got[i], want, 2 / 255));
  });

  it('reads color(srgb …) and color(display-p3 …), bringing wide-gamut colours into sRGB', async () => {
    const got = await parseIn(['color(srgb 0.5 0.25 0.75)', 'color(srgb 0 0 1 / 0.3)', 'color(display-p3 1 1 1)', 'color(display-p3 0.5 0.5 0.5)', 'color(display-p3 1 0 0)', 'oklch(0.7 0.4 145)']);
    close(got[0], { r: 0.5, g: 0.25, b: 0.75, a: 1 }, 1 / 255);
    close(got[1], { r: 0, g: 0, b: 1, a: 0.3 }, 1 / 255);
    close(got[2], WHITE, 1 / 255);
    close(got[3], { r: 0.5, g: 0.5, b: 0.5, a: 1 }, 1 / 255);
    close(got[4], RED, 2 / 255);
    const green = got[5]!;
    for (const v of [green.r, green.g, green.b]) expect(v >= 0 && v <= 1).toBe(true);
    expect(green.g).toBeGreaterThan(green.r);
    expect(green.g).toBeGreaterThan(green.b);
  });

  it('agrees with culori on the Tailwind v4 palette (in-gamut colours, within 2/255)', async () => {
    const hues = [25.331, 41.116, 70.08, 95.617, 131.684, 149.579, 163.225, 182.503, 241.966, 259.815, 276.966, 293.009, 322.896, 16.935];
    const lightness = [0.971, 0.936, 0.885, 0.808, 0.704, 0.637, 0.577, 0.505, 0.444, 0.396, 0.258];
    const css: string[] = [];
    for (const h of hues) for (const l of lightness) css.push(`oklch(${l} ${(0.03 + 0.2 * l * (1 - l)).toFixed(3)} ${h})`);
    css.push('lab(62 12 -40)', 'lch(45 30 250)', 'oklab(0.5 -0.05 0.05)', 'color(display-p3 0.2 0.5 0.3)');
    const got = await parseIn(css);
    let compared = 0;
    css.forEach((c, i) => {
      const ref = toRgb(parse(c)!);
      if (!ref || !inRgb(ref)) return;
      const r = clampRgb(ref);
      close(got[i], { r: r.r, g: r.g, b: r.b, a: r.alpha ?? 1 }, 2 / 255);
      compared++;
    });
    expect(compared).toBeGreaterThan(100);
  });

  it('gives null for what is not a colour, and never throws', async () => {
    const junk = ['', '   ', 'none', 'auto', 'inherit', 'not-a-colour', 'rgb(', 'rgb(1, 2)', '#12', '#ggg', 'oklch(', 'color(', 'color()', '12px'];
    expect(await parseIn(junk)).toEqual(junk.map(() => null));
  });
});
