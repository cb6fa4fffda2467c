/**
 * The annotated screenshot: the raw viewport picture with numbered boxes and callouts on the
 * flagged training controls, the accept action outlined for comparison, and a legend beside it.
 * Drawn in a separate blank page (never in the audited page, which must not be changed), from
 * DOM built with textContent: page text is untrusted and is never parsed as HTML. The legend's
 * footer carries the stamp (stamp.ts), and so does the PNG, as a tEXt chunk.
 */
import type { BrowserContext } from 'playwright-core';
import type { Report } from '../engine/types';
import { calloutText } from '../report/summary';
import type { AnnotationData, Mark } from '../report/draw-annotation';
import { addTextChunk } from '../report/png-text';
import { footerText, STAMP_KEYWORD, stampText, type Stamp } from '../report/stamp';
import type { PageApi } from './page-entry';
import { engineBundle } from './bundle';

export const LEGEND_WIDTH = 380;

export function annotationData(report: Report, raw: Uint8Array, scroll: { x: number; y: number }, stamp: Stamp): AnnotationData {
  const shift = <T extends { x: number; y: number }>(b: T): T => ({ ...b, x: b.x - scroll.x, y: b.y - scroll.y });
  const onScreen = (b: { x: number; y: number; width: number; height: number }): boolean =>
    b.width > 0 && b.height > 0 && b.x + b.width > 0 && b.y + b.height > 0 && b.x < report.viewport.width && b.y < report.viewport.height;
  const marks: Mark[] = report.controls
    .filter((c) => c.purpose === 'ai-training')
    .map((c, i) => {
      const surface = report.surfaces.find((s) => s.id === c.surfaceId) ?? null;
      const box = shift(c.box);
      const hidden = c.findings.some((f) => f.id === 'hidden' || f.id === 'out-of-view');
      return {
        n: i + 1,
        box: !hidden && onScreen(box) ? box : null,
        callout: calloutText(c, surface),
        label: c.label,
        state: c.state,
        findings: c.findings.map((f) => ({ severity: f.severity, message: f.message })),
      };
    });
  const primary = report.surfaces
    .filter((s) => s.primaryAction && report.controls.some((c) => c.surfaceId === s.id && c.purpose === 'ai-training'))
    .map((s) => ({ ...shift(s.primaryAction!.box), label: s.primaryAction!.label }));
  const lines: string[] = [];
  for (const s of report.surfaces) {
    for (const f of s.findings) lines.push(`${s.title}: ${f.message}`);
  }
  if (report.deadline) lines.push(`Deadline ${report.deadline.date} (from the ${report.deadline.source}): ${report.deadline.text}`);
  return {
    png: `data:image/png;base64,${Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64')}`,
    width: report.viewport.width,
    height: report.viewport.height,
    marks,
    primary,
    heading: report.error ? `Could not scan: ${report.error}` : `${marks.length} AI-training control${marks.length === 1 ? '' : 's'} found`,
    lines,
    footer: footerText(stamp),
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
    await page.setViewportSize({ width: data.width + LEGEND_WIDTH, height: data.height });
    await page.goto('about:blank');
    await page.evaluate(await engineBundle());
    await page.evaluate((d) => (globalThis as unknown as { __consentLens: PageApi }).__consentLens.drawAnnotation(d), {
      ...data,
      legendWidth: LEGEND_WIDTH,
    });
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
    const png = await page.screenshot({ fullPage: true });
    return addTextChunk(png, STAMP_KEYWORD, stampText(stamp));
  } finally {
    await page.close();
  }
}
