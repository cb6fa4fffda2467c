/**
 * The annotated screenshot: the raw viewport picture with numbered boxes and callouts on the
 * flagged training controls, the accept action outlined for comparison, and a legend beside it
 * — the extension's picture (src/report/annotation.ts, annotated-picture.ts), drawn on a canvas
 * in a separate blank page (never in the audited page, which must not be changed). Page text
 * reaches the picture only through fillText. The legend's footer carries the stamp
 * (stamp.ts), and so does the PNG, as a tEXt chunk.
 */
import type { BrowserContext } from 'playwright-core';
import type { Report } from '../engine/types';
import { annotationFor } from '../report/annotation';
import { stampPng, type Stamp } from '../report/stamp';
import type { AnnotationData, PageApi } from './page-entry';
import { engineBundle } from './bundle';

export function annotationData(report: Report, raw: Uint8Array, scroll: { x: number; y: number }, stamp: Stamp): AnnotationData {
  const { width, height } = report.viewport;
  return {
    ...annotationFor({ report, scroll, layout: null, picture: { width, height }, stamp }),
    png: `data:image/png;base64,${Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64')}`,
    width,
    height,
  };
}

/** Renders the annotated PNG for one report, stamped in its footer and in a tEXt chunk. */
export async function renderAnnotated(
  context: BrowserContext,
  report: Report,
  raw: Uint8Array,
  scroll: { x: number; y: number },
  stamp: Stamp,
): Promise<Uint8Array> {
  const data = annotationData(report, raw, scroll, stamp);
  const page = await context.newPage();
  try {
    await page.goto('about:blank');
    await page.evaluate(await engineBundle());
    const png = await page.evaluate((d) => (globalThis as unknown as { __consentLens: PageApi }).__consentLens.drawAnnotation(d), data);
    return stampPng(new Uint8Array(Buffer.from(png, 'base64')), stamp);
  } finally {
    await page.close();
  }
}
