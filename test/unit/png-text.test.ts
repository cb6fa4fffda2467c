/** PNG tEXt chunks and the stamp on the annotated picture. */
import { describe, it, expect } from 'vitest';
import { deflateSync } from 'node:zlib';
import { addTextChunk, crc32, readChunks, readTextChunks } from '../../src/report/png-text';
import { footerText, parseStampText, STAMP_KEYWORD, stampText, type Stamp } from '../../src/report/stamp';
import { annotationData } from '../../src/cli/annotate';
import type { Report } from '../../src/engine/types';

/** A real 2×1 RGB PNG, built by hand. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.from([0, 255, 0, 0, 0, 0, 255]);
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]),
  );
}

const STAMP: Stamp = {
  rawSha256: '21ed32fed21d022b68f9a6f9e7b1b810aacf94ecace5d34866dfd5bfd2e38fd0',
  url: 'https://claude.ai/new?a=1;time=evil',
  time: '2025-09-01T10:00:00.000Z',
  service: 'claude',
  version: '0.1.0',
};

describe('crc32', () => {
  it('is the standard CRC-32 (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe('addTextChunk / readTextChunks', () => {
  const png = tinyPng();

  it('inserts one tEXt chunk just before IEND, with a correct CRC, leaving the rest byte for byte', () => {
    const out = addTextChunk(png, 'Consent-Lens-Stamp', 'sha256=ab;url=x');
    const chunks = readChunks(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'tEXt', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(readTextChunks(out)).toEqual([{ keyword: 'Consent-Lens-Stamp', text: 'sha256=ab;url=x' }]);
    const iend = readChunks(png).find((c) => c.type === 'IEND')!;
    expect(out.subarray(0, iend.offset)).toEqual(png.subarray(0, iend.offset));
    expect(out.subarray(out.length - 12)).toEqual(png.subarray(png.length - 12));
    expect(out.length).toBe(png.length + 12 + 'Consent-Lens-Stamp'.length + 1 + 'sha256=ab;url=x'.length);
    // The original is untouched.
    expect(readTextChunks(png)).toEqual([]);
  });

  it('keeps Latin-1 text as is', () => {
    expect(readTextChunks(addTextChunk(png, 'Comment', 'café ±')).at(0)?.text).toBe('café ±');
  });

  it('refuses a bad keyword, text outside Latin-1, and something that is not a PNG', () => {
    expect(() => addTextChunk(png, '', 'x')).toThrow(/keyword/);
    expect(() => addTextChunk(png, ' lead', 'x')).toThrow(/keyword/);
    expect(() => addTextChunk(png, 'k'.repeat(80), 'x')).toThrow(/keyword/);
    expect(() => addTextChunk(png, 'k', 'snow ☃')).toThrow(/Latin-1/);
    expect(() => addTextChunk(png, 'k', 'nul\0')).toThrow(/Latin-1/);
    expect(() => addTextChunk(new TextEncoder().encode('GIF89a…'), 'k', 'x')).toThrow('not a PNG file');
  });

  it('a reader skips a chunk whose CRC does not match', () => {
    const out = addTextChunk(png, 'k', 'v');
    const tampered = out.slice();
    const t = readChunks(tampered).find((c) => c.type === 'tEXt')!;
    tampered[t.offset + 8 + 2] = 'X'.charCodeAt(0);
    expect(readTextChunks(tampered)).toEqual([]);
  });
});

describe('the stamp', () => {
  it('tEXt text: sha256, url, time, service, version, in that order', () => {
    expect(stampText(STAMP)).toBe(
      'sha256=21ed32fed21d022b68f9a6f9e7b1b810aacf94ecace5d34866dfd5bfd2e38fd0;url=https://claude.ai/new?a=1;time=evil;time=2025-09-01T10:00:00.000Z;service=claude;version=0.1.0',
    );
    expect(stampText({ ...STAMP, service: null })).toContain(';service=unknown;');
  });

  it('reads back, even with ";" in the URL', () => {
    expect(parseStampText(stampText(STAMP))).toEqual(STAMP);
    expect(parseStampText(stampText({ ...STAMP, service: null }))?.service).toBeNull();
    expect(parseStampText('sha256=zz;url=x')).toBeNull();
  });

  it('stays printable ASCII (a tEXt chunk is Latin-1): other characters are percent-encoded', () => {
    const t = stampText({ ...STAMP, url: 'file:///home/zoë/☃.html\n' });
    expect(t).toMatch(/^[\x20-\x7e]+$/);
    expect(t).toContain('url=file:///home/zo%C3%AB/%E2%98%83.html%0A;');
    expect(() => addTextChunk(tinyPng(), STAMP_KEYWORD, t)).not.toThrow();
  });

  it('the legend footer keeps the page line and adds the raw image hash on its own line', () => {
    expect(footerText(STAMP)).toBe(
      `https://claude.ai/new?a=1;time=evil · 2025-09-01T10:00:00.000Z · service claude · Consent Lens 0.1.0\nraw image SHA-256: ${STAMP.rawSha256}`,
    );
  });

  it('the annotated picture gets that footer, with the same hash as the tEXt chunk', () => {
    const report = {
      schema: 'consent-lens/report@1', target: 't', url: STAMP.url, savedFrom: null, title: '', scannedAt: STAMP.time, service: 'claude',
      viewport: { width: 800, height: 600, devicePixelRatio: 1 }, surfaces: [], controls: [], deadline: null, engine: { version: '0.1.0', ms: 0 },
    } satisfies Report;
    const data = annotationData(report, tinyPng(), { x: 0, y: 0 }, STAMP);
    expect(data.footer[1]).toBe(`raw image SHA-256: ${STAMP.rawSha256}`);
    expect(parseStampText(stampText(STAMP))?.rawSha256).toBe(data.footer.join('\n').match(/SHA-256: ([0-9a-f]{64})$/)?.[1]);
    expect(data.png).toBe(`data:image/png;base64,${Buffer.from(tinyPng()).toString('base64')}`);
  });
});
