/**
 * Exports of the evidence library, as bytes (pure apart from Web Crypto; runs in the options
 * page and in the service worker): one record as a zip, the whole library as one zip with a
 * folder per record, and the self-contained HTML report.
 *
 * A record's zip holds the files of its manifest (report.json, dom.html, raw.png,
 * annotated.png) exactly as stored, plus record.json (the EvidenceRecord, manifest included),
 * report.html, and SHA256SUMS in the format `sha256sum -c` checks. The sums of the manifest's
 * files are the ones recorded at capture time, so a file changed since then fails the check.
 */
import { zipSync, type Zippable } from 'fflate';
import { renderHtmlReport } from '../report/html';
import { formatSha256Sums, sha256Hex, utf8 } from '../report/sums';
import type { EvidenceRecord } from '../shared/evidence';
import type { EvidenceEntry } from './evidence-store';

export const RECORD_JSON = 'record.json';
export const REPORT_HTML = 'report.html';
export const SUMS = 'SHA256SUMS';

/** `consent-lens-claude-2025-09-26T12-00-00Z-1a2b3c4d`: safe on every file system. */
export function exportName(record: EvidenceRecord): string {
  const time = record.provenance.capturedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const raw = `consent-lens-${record.provenance.service ?? 'page'}-${time}-${record.id.slice(0, 8)}`;
  return raw.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function reportHtml(entry: EvidenceEntry): string {
  const raw = entry.files['raw.png'] ?? new Uint8Array();
  const annotated = entry.files['annotated.png'] ?? new Uint8Array();
  return renderHtmlReport({ record: entry.record, images: { raw, annotated } });
}

/** Every file of the export, SHA256SUMS last. */
export async function exportFiles(entry: EvidenceEntry): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  for (const f of entry.record.files) {
    const bytes = entry.files[f.name];
    if (bytes) out[f.name] = bytes;
  }
  out[RECORD_JSON] = utf8(`${JSON.stringify(entry.record, null, 2)}\n`);
  out[REPORT_HTML] = utf8(reportHtml(entry));
  const recorded = new Map(entry.record.files.map((f) => [f.name, f.sha256]));
  const sums = await Promise.all(
    Object.entries(out).map(async ([name, bytes]) => ({ name, sha256: recorded.get(name) ?? (await sha256Hex(bytes)) })),
  );
  out[SUMS] = utf8(formatSha256Sums(sums));
  return out;
}

function zippable(files: Record<string, Uint8Array>, mtime: string, prefix = ''): Zippable {
  const out: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) {
    // PNG and JPEG are compressed already.
    out[`${prefix}${name}`] = [bytes, { level: /\.(png|jpe?g)$/i.test(name) ? 0 : 6, mtime }];
  }
  return out;
}

export async function recordZip(entry: EvidenceEntry): Promise<Uint8Array> {
  return zipSync(zippable(await exportFiles(entry), entry.record.provenance.capturedAt));
}

/** The whole library: one folder per record (its own SHA256SUMS inside), newest first. */
export async function libraryZip(entries: Iterable<EvidenceEntry> | AsyncIterable<EvidenceEntry>): Promise<Uint8Array> {
  const all: Zippable = {};
  for await (const entry of entries) {
    Object.assign(all, zippable(await exportFiles(entry), entry.record.provenance.capturedAt, `${exportName(entry.record)}/`));
  }
  return zipSync(all);
}
