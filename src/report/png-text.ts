/**
 * PNG tEXt chunks (PNG spec §11.3.4.3), written and read over plain bytes: how the annotated
 * picture carries its stamp in machine-readable form. Pure; no Buffer, no zlib.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = ((): Uint32Array => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 as PNG (and zip) use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field. */
  offset: number;
  data: Uint8Array;
  crcOk: boolean;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** Every chunk in order, checking the signature, the lengths and each CRC. */
export function readChunks(png: Uint8Array): PngChunk[] {
  if (png.length < 8 || SIGNATURE.some((v, i) => png[i] !== v)) throw new Error('not a PNG file');
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = u32(png, at);
    const end = at + 12 + length;
    if (end > png.length) throw new Error(`PNG chunk at ${at} runs past the end of the file`);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    chunks.push({ type, offset: at, data: png.subarray(at + 8, at + 8 + length), crcOk: crc32(png.subarray(at + 4, at + 8 + length)) === u32(png, at + 8 + length) });
    at = end;
    if (type === 'IEND') break;
  }
  return chunks;
}

function latin1(text: string, what: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c > 0xff) throw new Error(`${what} must be Latin-1 without NUL (character ${i} is U+${c.toString(16).padStart(4, '0')})`);
    out[i] = c;
  }
  return out;
}

/** A copy of `png` with one tEXt chunk inserted just before IEND. */
export function addTextChunk(png: Uint8Array, keyword: string, text: string): Uint8Array {
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) || /^ | $| {2}/.test(keyword)) {
    throw new Error(`not a valid PNG tEXt keyword: ${JSON.stringify(keyword)}`);
  }
  const iend = readChunks(png).find((c) => c.type === 'IEND');
  if (!iend) throw new Error('PNG has no IEND chunk');
  const k = latin1(keyword, 'keyword');
  const t = latin1(text, 'tEXt text');
  const body = new Uint8Array(4 + k.length + 1 + t.length); // type, keyword, NUL, text
  body.set([0x74, 0x45, 0x58, 0x74], 0); // "tEXt"
  body.set(k, 4);
  body.set(t, 5 + k.length);
  const chunk = new Uint8Array(4 + body.length + 4);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length - 4);
  chunk.set(body, 4);
  view.setUint32(4 + body.length, crc32(body));
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, iend.offset), 0);
  out.set(chunk, iend.offset);
  out.set(png.subarray(iend.offset), iend.offset + chunk.length);
  return out;
}

/** The tEXt chunks with a valid CRC, as keyword and text. */
export function readTextChunks(png: Uint8Array): { keyword: string; text: string }[] {
  return readChunks(png)
    .filter((c) => c.type === 'tEXt' && c.crcOk)
    .map((c) => {
      const nul = c.data.indexOf(0);
      const decode = (b: Uint8Array): string => String.fromCharCode(...b);
      return nul < 0 ? { keyword: decode(c.data), text: '' } : { keyword: decode(c.data.subarray(0, nul)), text: decode(c.data.subarray(nul + 1)) };
    });
}
