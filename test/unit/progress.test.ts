/** Progress on stderr: plain lines off a terminal, a bar redrawn in place on one, and the totals. */
import { describe, it, expect } from 'vitest';
import { createProgress, progressBar, progressLine, runTotals, totalsLine } from '../../src/cli/progress';
import type { Control, Finding, Report } from '../../src/engine/types';

function report(target: string, over: Partial<Report> = {}): Report {
  return {
    schema: 'consent-lens/report@1', target, url: target, savedFrom: null, title: '', scannedAt: '', service: null,
    viewport: { width: 1, height: 1, devicePixelRatio: 1 }, surfaces: [], controls: [], deadline: null, engine: { version: '0.1.0', ms: 0 }, ...over,
  };
}

const finding: Finding = { id: 'preselected', severity: 'high', message: 'm', measured: {}, refs: [] };
const ctl = (purpose: Control['purpose'], findings = 0): Control => ({
  id: 'c', label: 'l', description: '', purpose, state: 'on', kind: 'switch', box: { x: 0, y: 0, width: 1, height: 1 },
  findings: Array.from({ length: findings }, () => ({ ...finding })), surfaceId: null,
});

function sink(isTTY: boolean): { stream: { isTTY: boolean; columns: number; write(t: string): void }; text: () => string } {
  let out = '';
  return { stream: { isTTY, columns: 60, write: (t: string) => void (out += t) }, text: () => out };
}

describe('progress', () => {
  it('one plain line per finished target when stderr is not a terminal', () => {
    const s = sink(false);
    const p = createProgress(3, s.stream);
    p.update(report('b.html'), 1);
    p.update(report('missing.html', { error: 'no such file: /x/missing.html' }), 2);
    p.update(report('a.html'), 3);
    p.finish();
    expect(s.text()).toBe('[1/3] b.html — ok\n[2/3] missing.html — error: no such file: /x/missing.html\n[3/3] a.html — ok\n');
  });

  it('a bar redrawn in place on a terminal, failures kept above it as lines, cleared at the end', () => {
    const s = sink(true);
    const p = createProgress(4, s.stream);
    p.update(report('a.html'), 1);
    p.update(report('b.html', { error: 'x' }), 2);
    p.finish();
    const frames = s.text().split('\r\x1b[2K').filter(Boolean);
    expect(frames).toEqual([progressBar(1, 4, 0, 'a.html', 60), '[2/4] b.html — error: x\n', progressBar(2, 4, 1, 'b.html', 60)]);
    expect(s.text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('a terminal that reports no width gets 80 columns', () => {
    const s = sink(true);
    s.stream.columns = 0;
    createProgress(2, s.stream).update(report('a.html'), 1);
    expect(s.text()).toBe(`\r\x1b[2K${progressBar(1, 2, 0, 'a.html', 80)}`);
    expect(s.text()).toContain('1/2');
  });

  it('the bar fits the terminal', () => {
    expect(progressBar(5, 10, 2, 'x'.repeat(200), 60).length).toBeLessThanOrEqual(59);
    expect(progressBar(5, 10, 2, 'a.html', 80)).toBe(`[${'█'.repeat(12)}${'░'.repeat(12)}] 5/10  2 failed  a.html`);
  });

  it('progressLine', () => {
    expect(progressLine(report('t'), 3, 10)).toBe('[3/10] t — ok');
  });
});

describe('totals', () => {
  it('counts targets, failures, AI-training controls and their findings plus surface findings', () => {
    const reports = [
      report('a', {
        controls: [ctl('ai-training', 3), ctl('other', 5)],
        surfaces: [{ id: 's', kind: 'terms-update', title: '', box: { x: 0, y: 0, width: 1, height: 1 }, primaryAction: null, findings: [{ ...finding, id: 'forced-choice' }] }],
      }),
      report('b', { error: 'boom' }),
      report('c', { controls: [ctl('ai-training', 0)] }),
    ];
    const t = runTotals(reports);
    expect(t).toEqual({ targets: 3, scanned: 2, failed: 1, training: 2, findings: 4 });
    expect(totalsLine(t)).toBe('3 targets, 2 scanned, 1 failed, 2 AI-training controls, 4 findings');
    expect(totalsLine(runTotals([report('x', { controls: [ctl('ai-training', 1)] })]))).toBe('1 target, 1 scanned, 0 failed, 1 AI-training control, 1 finding');
  });
});
