/**
 * Exports: one record's zip (its files as stored, record.json, report.html, SHA256SUMS in the
 * format `sha256sum -c` reads, with the sums recorded at capture time), the whole library with
 * a folder per record, and names safe on every file system.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportFiles, exportName, libraryZip, recordZip } from '../../src/background/evidence-export';
import { sha256Hex } from '../../src/report/sums';
import { entry } from './evidence-fakes';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('evidence export', () => {
  it('zips a record with its manifest, the HTML report and SHA256SUMS', async () => {
    const e = await entry('3f6c2a9e-8d41-4b7a-9c2e-5a1d7e0b6f26', '2025-09-26T12:00:03.123Z');
    const zip = unzipSync(await recordZip(e));
    expect(Object.keys(zip).sort()).toEqual(['SHA256SUMS', 'annotated.png', 'dom.html', 'raw.png', 'record.json', 'report.html', 'report.json']);
    for (const f of e.record.files) expect([...zip[f.name]!]).toEqual([...e.files[f.name]!]);
    expect(JSON.parse(text(zip['record.json']!))).toEqual(e.record);
    expect(text(zip['report.html']!)).toMatch(/^<!DOCTYPE html>/);
    const lines = text(zip.SHA256SUMS!).split('\n').filter(Boolean);
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(await sha256Hex(zip[m![2]!]!)).toBe(m![1]);
    }
  });

  it('lists the sums recorded at capture time, so a file changed since then fails the check', async () => {
    const e = await entry('x', '2025-09-26T12:00:00.000Z');
    const tampered = { ...e, files: { ...e.files, 'dom.html': new TextEncoder().encode('<p>changed</p>') } };
    const files = await exportFiles(tampered);
    const sums = text(files.SHA256SUMS!);
    const recorded = e.record.files.find((f) => f.name === 'dom.html')!.sha256;
    expect(sums).toContain(`${recorded}  dom.html`);
    expect(await sha256Hex(files['dom.html']!)).not.toBe(recorded);
  });

  it('puts every record of the library in a folder of its own', async () => {
    const a = await entry('aaaaaaaa-1', '2025-09-26T12:00:00.000Z');
    const b = await entry('bbbbbbbb-2', '2025-09-27T08:30:00.000Z', { service: null });
    const zip = unzipSync(await libraryZip([b, a]));
    const folders = [...new Set(Object.keys(zip).map((k) => k.split('/')[0]))].sort();
    expect(folders).toEqual(['consent-lens-claude-2025-09-26T12-00-00Z-aaaaaaaa', 'consent-lens-page-2025-09-27T08-30-00Z-bbbbbbbb']);
    expect(zip['consent-lens-claude-2025-09-26T12-00-00Z-aaaaaaaa/SHA256SUMS']).toBeDefined();
  });

  it('names exports safely whatever the id or service says', async () => {
    const e = await entry('../../etc', '2025-09-26T12:00:00.000Z', { service: 'a/b c' });
    expect(exportName(e.record)).toBe('consent-lens-a_b_c-2025-09-26T12-00-00Z-.._.._et');
  });
});
