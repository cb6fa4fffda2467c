/**
 * The one renderer of the annotated picture (src/report/annotated-picture.ts) in real Chromium,
 * on an OffscreenCanvas as both the background and the CLI use it: its size (the raw picture
 * plus the legend's column, as tall as the taller of the two), the red box around a mark, the
 * dashed blue outline of the accept action, and the stamp at the legend's foot; at a device
 * pixel ratio of 2, every size doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLab, pageBundle, type Lab } from '../helpers/browser';
import type { Annotation } from '../../src/report/annotation';
import { LEGEND_WIDTH } from '../../src/report/annotated-picture';

let lab: Lab;
let page: Page;

beforeAll(async () => {
  const bundle = await pageBundle(`import { drawAnnotated } from './src/report/annotated-picture';\nglobalThis.__draw = { drawAnnotated };`);
  lab = await openLab();
  page = await lab.context.newPage();
  await page.goto('about:blank');
  await page.addScriptTag({ content: bundle });
});

afterAll(async () => lab?.close());

const annotation = (lines: number): Annotation => ({
  marks: [{ n: 1, box: { x: 100, y: 100, width: 40, height: 20 }, callout: 'Pre-set to ON', label: 'Help improve', state: 'on', findings: ['[high] preset'] }],
  primary: [{ box: { x: 300, y: 300, width: 120, height: 40 }, label: 'Accept' }],
  heading: '1 AI-training control found',
  lines: Array.from({ length: lines }, (_, i) => `line ${i}`),
  footer: ['https://claude.ai/new · 2025-09-26T12:00:00.000Z · service claude · Consent Lens 0.1.0', `raw image SHA-256: ${'a'.repeat(64)}`],
});

/** Draws on a white raw picture of 600×400 CSS px; the canvas size and the colours at some CSS px points. */
async function draw(a: Annotation, scale: number, at: [number, number][]): Promise<{ width: number; height: number; colours: number[][] }> {
  return page.evaluate(
    ({ a, scale, at }) => {
      const raw = new OffscreenCanvas(600 * scale, 400 * scale);
      const r = raw.getContext('2d')!;
      r.fillStyle = '#ffffff';
      r.fillRect(0, 0, raw.width, raw.height);
      const canvas = new OffscreenCanvas(1, 1);
      const ctx = canvas.getContext('2d')!;
      const { drawAnnotated } = (globalThis as unknown as { __draw: typeof import('../../src/report/annotated-picture') }).__draw;
      drawAnnotated(ctx, a, { image: raw, width: 600, height: 400, scale });
      const colours = at.map(([x, y]) => [...ctx.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data].slice(0, 3));
      return { width: canvas.width, height: canvas.height, colours };
    },
    { a, scale, at },
  );
}

describe('the annotated picture', () => {
  it('is the raw picture and the legend side by side, a red box on the mark, the accept action in blue, the stamp at the foot', async () => {
    const { width, height, colours } = await draw(annotation(1), 1, [
      [95, 110], // the red box's left edge (5 px outside the control)
      [120, 110], // inside the control: the raw picture, untouched
      [297, 330], // the accept action's dashed outline
      [600 + LEGEND_WIDTH / 2, 395], // the stamp's band
    ]);
    expect({ width, height }).toEqual({ width: 600 + LEGEND_WIDTH, height: 400 });
    expect(colours[0]).toEqual([220, 38, 38]);
    expect(colours[1]).toEqual([255, 255, 255]);
    expect(colours[2]).toEqual([37, 99, 235]);
    expect(colours[3]).toEqual([15, 23, 42]);
  });

  it('grows taller than the raw picture when the legend and its stamp need it', async () => {
    const { width, height, colours } = await draw(annotation(40), 1, [[300, 410]]);
    expect(width).toBe(600 + LEGEND_WIDTH);
    expect(height).toBeGreaterThan(400 + 40 * 16);
    expect(colours[0], 'below the raw picture: white').toEqual([255, 255, 255]);
  });

  it('doubles every size at a device pixel ratio of 2', async () => {
    const { width, height, colours } = await draw(annotation(1), 2, [[95, 110]]);
    expect({ width, height }).toEqual({ width: 2 * (600 + LEGEND_WIDTH), height: 800 });
    expect(colours[0]).toEqual([220, 38, 38]);
  });
});
