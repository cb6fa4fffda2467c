/** SHA-256 and the SHA256SUMS format. */
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { formatSha256Sums, sha256Hex, utf8 } from '../../src/report/sums';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('matches node:crypto on a view into a larger buffer', async () => {
    const big = new Uint8Array(70_000).map((_, i) => (i * 7) & 0xff);
    const view = big.subarray(1000, 65_000);
    expect(await sha256Hex(view)).toBe(createHash('sha256').update(view).digest('hex'));
  });
});

describe('formatSha256Sums', () => {
  const a = 'a'.repeat(64);
  const b = 'b'.repeat(64);

  it('is "<hex>  <name>\\n" per file, sorted by name', () => {
    expect(formatSha256Sums([{ name: 'summary.csv', sha256: b }, { name: 'claude.png', sha256: a }])).toBe(`${a}  claude.png\n${b}  summary.csv\n`);
  });

  it('escapes a backslash or a line break in a name as GNU sha256sum does', () => {
    expect(formatSha256Sums([{ name: 'a\\b\nc', sha256: a }])).toBe(`\\${a}  a\\\\b\\nc\n`);
  });

  it('refuses a hash that is not 64 lower-case hex digits', () => {
    expect(() => formatSha256Sums([{ name: 'x', sha256: 'A'.repeat(64) }])).toThrow(/SHA-256/);
    expect(() => formatSha256Sums([{ name: 'x', sha256: 'abc' }])).toThrow(/SHA-256/);
  });

  it('is empty for no files', () => {
    expect(formatSha256Sums([])).toBe('');
  });
});
