/**
 * The CLI's evidence for one scanned target: the record (shared/evidence.ts, the same shape the
 * extension stores) and the files `--out` writes for it. Everything page-side has already
 * happened; this is bytes and hashes.
 */
import { randomUUID } from 'node:crypto';
import type { Report } from '../engine/types';
import { ENGINE_VERSION } from '../engine/version';
import { evidenceRecord, reportJson } from '../report/evidence-record';
import { renderHtmlReport } from '../report/html';
import { utf8 } from '../report/sums';
import type { EvidenceRecord } from '../shared/evidence';

/** The CLI ships with the engine: one version (kept equal to package.json's by a unit test). */
export const TOOL_VERSION = ENGINE_VERSION;

/** What was taken from the page for one target. */
export interface Capture {
  /** The page URL as the browser had it. */
  url: string;
  capturedAt: string;
  userAgent: string;
  raw: Uint8Array;
  rawSha256: string;
  /** Already stamped. */
  annotated: Uint8Array;
  domExcerpt: string;
}

/** The record, the same builder the extension uses: a CLI capture is one viewport picture, unredacted. */
export async function buildRecord(report: Report, capture: Capture): Promise<EvidenceRecord> {
  const { record } = await evidenceRecord({
    id: randomUUID(),
    report,
    domExcerpt: capture.domExcerpt,
    raw: capture.raw,
    annotated: capture.annotated,
    provenance: {
      url: capture.url,
      capturedAt: capture.capturedAt,
      service: report.service,
      tool: { name: 'cli', version: TOOL_VERSION },
      userAgent: capture.userAgent,
      viewport: report.viewport,
      capture: { method: 'viewport', parts: 1 },
      rawSha256: capture.rawSha256,
      redaction: { enabled: false, masked: [], regions: 0 },
    },
  });
  return record;
}

/** The files `--out` writes for one target, by name under DIR. */
export async function evidenceFiles(name: string, report: Report, capture: Capture | null): Promise<[string, Uint8Array][]> {
  const json: [string, Uint8Array] = [`${name}.report.json`, reportJson(report)];
  if (!capture) return [json];
  const record = await buildRecord(report, capture);
  return [
    json,
    [`${name}.png`, capture.annotated],
    [`${name}.raw.png`, capture.raw],
    [`${name}.html`, utf8(renderHtmlReport({ record, images: { raw: capture.raw, annotated: capture.annotated } }))],
  ];
}
