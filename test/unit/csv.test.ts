/** summary.csv: RFC 4180 and formula neutralising, checked by reading the file back. */
import { describe, it, expect } from 'vitest';
import { csvField, neutraliseFormula, summaryCsv, SUMMARY_CSV_HEADER } from '../../src/report/csv';
import type { Control, Report } from '../../src/engine/types';
import { parseCsv } from '../helpers/csv';


function ctl(label: string, over: Partial<Control> = {}): Control {
  return { id: 'c', label, description: '', purpose: 'other', state: 'off', kind: 'switch', box: { x: 0, y: 0, width: 1, height: 1 }, findings: [], surfaceId: null, ...over };
}

function report(target: string, controls: Control[], over: Partial<Report> = {}): Report {
  return {
    schema: 'consent-lens/report@1', target, url: target, savedFrom: null, title: '', scannedAt: '2025-01-01T00:00:00.000Z', service: 'claude',
    viewport: { width: 1, height: 1, devicePixelRatio: 1 }, surfaces: [], controls, deadline: null, engine: { version: '0.1.0', ms: 0 }, ...over,
  };
}

describe('neutraliseFormula', () => {
  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "=HYPERLINK(\"http://e\",\"x\")"])('%j gets an apostrophe', (v) => {
    expect(neutraliseFormula(v)).toBe(`'${v}`);
  });

  it.each(['Allow training', '', ' =1', "'quoted", '1-2', 'a=b'])('%j stays', (v) => {
    expect(neutraliseFormula(v)).toBe(v);
  });
});

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=A1,"x"')).toBe('"\'=A1,""x"""');
  });
});

describe('summaryCsv', () => {
  const training = ctl('Allow the use of your chats to train AI models, "really"', {
    purpose: 'ai-training',
    state: 'on',
    findings: [
      { id: 'preselected', severity: 'high', message: 'm', measured: {}, refs: [] },
      { id: 'small-target', severity: 'medium', message: 'm', measured: {}, refs: [] },
    ],
  });
  const reports = [
    report('a.html', [training, ctl('=HYPERLINK("https://evil.example","x")'), ctl('@SUM(1,2)'), ctl('-2+3'), ctl('+cmd'), ctl('line\r\nbreak <b>')]),
    report('https://x.example/?a=1,b=2', [], { error: 'HTTP 500' }),
    report('b.html', [ctl('plain', { kind: 'checkbox' })], { service: null }),
  ];
  const text = summaryCsv(reports);
  const rows = parseCsv(text);

  it('uses CRLF line ends and has the header first', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(rows[0]).toEqual([...SUMMARY_CSV_HEADER]);
    expect(rows[0]).toEqual(['target', 'service', 'label', 'purpose', 'state', 'kind', 'findings']);
  });

  it('has one row per control, in order, reading back exactly (formula-looking cells neutralised)', () => {
    expect(rows.slice(1)).toEqual([
      ['a.html', 'claude', 'Allow the use of your chats to train AI models, "really"', 'ai-training', 'on', 'switch', 'preselected;small-target'],
      ['a.html', 'claude', `'=HYPERLINK("https://evil.example","x")`, 'other', 'off', 'switch', ''],
      ['a.html', 'claude', "'@SUM(1,2)", 'other', 'off', 'switch', ''],
      ['a.html', 'claude', "'-2+3", 'other', 'off', 'switch', ''],
      ['a.html', 'claude', "'+cmd", 'other', 'off', 'switch', ''],
      ['a.html', 'claude', 'line\r\nbreak <b>', 'other', 'off', 'switch', ''],
      ['b.html', '', 'plain', 'other', 'off', 'checkbox', ''],
    ]);
  });

  it('is only the header when nothing was found', () => {
    expect(summaryCsv([])).toBe('target,service,label,purpose,state,kind,findings\r\n');
  });
});
