/**
 * One evidence record (src/shared/evidence.ts) from what was taken from a page, with the bytes
 * of its four files: the same builder for the extension's capture (src/background/capture.ts)
 * and the CLI's `--out` (src/cli/evidence.ts), so both list the same files, hashed the same way.
 */
import type { Report } from '../engine/types';
import { EVIDENCE_SCHEMA, type EvidenceFile, type EvidenceRecord, type Provenance } from '../shared/evidence';
import { sha256Hex, utf8 } from './sums';

/** The report exactly as report.json (and the CLI's NAME.report.json) holds it, so its hash in the record is the file's. */
export function reportJson(report: Report): Uint8Array {
  return utf8(`${JSON.stringify(report, null, 2)}\n`);
}

export interface EvidenceInput {
  id: string;
  report: Report;
  domExcerpt: string;
  raw: Uint8Array;
  /** The annotated copy, already stamped. */
  annotated: Uint8Array;
  /** All but what the report says itself (its title, its engine's version). */
  provenance: Omit<Provenance, 'title' | 'engineVersion'>;
}

/** The record, and its files' bytes by name (report.json, dom.html, raw.png, annotated.png). */
export async function evidenceRecord(input: EvidenceInput): Promise<{ record: EvidenceRecord; files: Record<string, Uint8Array> }> {
  const { report, provenance: p } = input;
  const kinds: [string, string, Uint8Array][] = [
    ['report.json', 'application/json', reportJson(report)],
    ['dom.html', 'text/html', utf8(input.domExcerpt)],
    ['raw.png', 'image/png', input.raw],
    ['annotated.png', 'image/png', input.annotated],
  ];
  const manifest = await Promise.all(
    kinds.map(async ([name, type, bytes]): Promise<EvidenceFile> => ({ name, type, sha256: await sha256Hex(bytes), bytes: bytes.byteLength })),
  );
  const record: EvidenceRecord = {
    schema: EVIDENCE_SCHEMA,
    id: input.id,
    provenance: {
      url: p.url,
      title: report.title,
      capturedAt: p.capturedAt,
      service: p.service,
      tool: p.tool,
      engineVersion: report.engine.version,
      userAgent: p.userAgent,
      viewport: p.viewport,
      capture: p.capture,
      rawSha256: p.rawSha256,
      redaction: p.redaction,
    },
    report,
    domExcerpt: input.domExcerpt,
    files: manifest,
  };
  return { record, files: Object.fromEntries(kinds.map(([name, , bytes]) => [name, bytes])) };
}
