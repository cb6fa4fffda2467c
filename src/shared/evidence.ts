/**
 * Evidence: what a journalist or researcher keeps to document a dark pattern so that an editor
 * or reviewer can check it. Shared by the extension (capture, library, export) and the CLI
 * (`--out`), so both produce the same files and the same HTML report.
 */
import type { Report } from '../engine/types';

export const EVIDENCE_SCHEMA = 'consent-lens/evidence@1' as const;

/** One file of a record, as listed in its manifest (and in the CLI's SHA256SUMS). */
export interface EvidenceFile {
  /** File name inside the record / export: report.json, dom.html, raw.png, annotated.png. */
  name: string;
  /** MIME type. */
  type: string;
  /** Lower-case hex SHA-256 of the exact bytes. */
  sha256: string;
  bytes: number;
}

/** What kinds of thing redaction masked; never the values themselves. */
export type RedactionKind = 'name' | 'email' | 'avatar';

export interface Provenance {
  /** The page URL as the browser had it. */
  url: string;
  title: string;
  /** ISO 8601, UTC: when the images were captured. */
  capturedAt: string;
  service: string | null;
  /** 'extension' or 'cli', with its version. */
  tool: { name: 'extension' | 'cli'; version: string };
  engineVersion: string;
  /** The browser's user agent at capture time. */
  userAgent: string;
  viewport: { width: number; height: number; devicePixelRatio: number };
  /** How the images were made: one viewport capture, or several stitched over a scrolling dialog. */
  capture: { method: 'viewport' | 'stitched' | 'element'; parts: number };
  /** SHA-256 of the raw (unannotated, already redacted) image: the one stamped on the annotated copy. */
  rawSha256: string;
  redaction: { enabled: boolean; masked: RedactionKind[]; regions: number };
}

/** The record as stored (IndexedDB) and exported (zip, HTML). */
export interface EvidenceRecord {
  schema: typeof EVIDENCE_SCHEMA;
  /** Random id (crypto.randomUUID). */
  id: string;
  provenance: Provenance;
  report: Report;
  /**
   * A sanitised excerpt of the dialog's DOM, as HTML source text: no scripts, no event
   * handlers, no form values, no external URLs. It is shown as text (source), never rendered.
   */
  domExcerpt: string;
  /** The manifest: every file of the record with its SHA-256. */
  files: EvidenceFile[];
}

/** The bytes that go with a record. */
export interface EvidenceImages {
  raw: Uint8Array;
  annotated: Uint8Array;
}
