/**
 * The stamp on an annotated picture: what was captured, where, when, by what, and the SHA-256
 * of the raw (unannotated) image, so a reader can tie the annotated copy to the raw one. It is
 * drawn in the legend's footer and written into the PNG as a tEXt chunk.
 */
import { addTextChunk } from './png-text';

export const STAMP_KEYWORD = 'Consent-Lens-Stamp';

export interface Stamp {
  /** Lower-case hex SHA-256 of the raw image's bytes. */
  rawSha256: string;
  url: string;
  /** ISO 8601, UTC. */
  time: string;
  service: string | null;
  /** Consent Lens's version. */
  version: string;
}

/** Printable ASCII only (a tEXt chunk is Latin-1): anything else is percent-encoded as UTF-8. */
function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (c) => encodeURIComponent(c));
}

/** The footer under the legend: the page line as before, then the raw image's hash. */
export function footerText(s: Stamp): string {
  return `${s.url} · ${s.time} · service ${s.service ?? 'unknown'} · Consent Lens ${s.version}\nraw image SHA-256: ${s.rawSha256}`;
}

/** `sha256=<hex>;url=<url>;time=<iso>;service=<id|unknown>;version=<v>` */
export function stampText(s: Stamp): string {
  return `sha256=${s.rawSha256};url=${ascii(s.url)};time=${ascii(s.time)};service=${ascii(s.service ?? 'unknown')};version=${ascii(s.version)}`;
}

/** The PNG with the stamp in a tEXt chunk (STAMP_KEYWORD). */
export function stampPng(png: Uint8Array, s: Stamp): Uint8Array {
  return addTextChunk(png, STAMP_KEYWORD, stampText(s));
}

/** Reads a stamp back. The URL may itself hold ";": every other field is free of it, so it is read greedily. */
export function parseStampText(text: string): Stamp | null {
  const m = /^sha256=([0-9a-f]{64});url=(.*);time=([^;]*);service=([^;]*);version=([^;]*)$/s.exec(text);
  if (!m) return null;
  return { rawSha256: m[1]!, url: m[2]!, time: m[3]!, service: m[4] === 'unknown' ? null : m[4]!, version: m[5]! };
}
