/** The benchmark's pure parts: statistics, budget judging, the table, and which files count as the content script. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGETS, exitCode, formatTable, formatValue, judge, median, percentile, type Row } from '../../bench/budgets';
import { contentScriptChunks, contentScriptGraph, contentScriptSize } from '../../bench/bytes';
import { attribute, type TraceEvent } from '../../bench/trace';

describe('statistics', () => {
  it('takes nearest-rank percentiles and the median', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(median(xs)).toBe(3);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 95)).toBe(5);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
    expect(median([])).toBeNaN();
  });
});

describe('budgets', () => {
  const row = (value: number, budget?: Row['budget']): Row => ({ id: 'x', label: 'x', value, unit: 'ms', ...(budget ? { budget } : {}) });

  it('passes at the budget, fails above it or when nothing was measured, and only informs without one', () => {
    expect(judge(row(100, BUDGETS.highlightP95Ms)).verdict).toBe('pass');
    expect(judge(row(100.1, BUDGETS.highlightP95Ms)).verdict).toBe('FAIL');
    expect(judge(row(Number.NaN, BUDGETS.highlightP95Ms)).verdict).toBe('FAIL');
    expect(judge(row(5)).verdict).toBe('info');
    expect(judge(row(50, BUDGETS.highlightP95Ms)).ofBudget).toBe(0.5);
  });

  it('holds the numbers of DESIGN.md', () => {
    expect(BUDGETS.contentScriptBytes.max).toBe(61_440);
    expect(BUDGETS.scanToWalk.max).toBe(1);
    expect(BUDGETS.highlightP95Ms.max).toBe(100);
    expect(BUDGETS.streamingOverhead.max).toBe(0.01);
  });

  it('exits 1 when any budget is missed', () => {
    expect(exitCode([judge(row(1, BUDGETS.highlightP95Ms)), judge(row(9))])).toBe(0);
    expect(exitCode([judge(row(1, BUDGETS.highlightP95Ms)), judge(row(101, BUDGETS.highlightP95Ms))])).toBe(1);
  });

  it('prints one aligned line per row', () => {
    const table = formatTable([
      judge({ id: 'a', label: 'Content script', value: 65_536, unit: 'bytes', budget: BUDGETS.contentScriptBytes }),
      judge({ id: 'b', label: 'Overhead', value: 0.004, unit: 'share', budget: BUDGETS.streamingOverhead, detail: 'noise ±1%' }),
      judge({ id: 'c', label: 'CLI', value: 1.5, unit: 'per-s' }),
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[2]).toMatch(/Content script .*64\.0 KB .*≤ 60\.0 KB .*1\.07× .*FAIL/);
    expect(lines[3]).toMatch(/Overhead .*0\.40% .*≤ 1\.00% .*pass .*noise ±1%/);
    expect(lines[4]).toMatch(/CLI .*1\.50\/s/);
    expect(formatValue(Number.NaN, 'ms')).toBe('n/a');
  });
});

describe('content-script files, from a built manifest', () => {
  it('counts the classic script on every page and the capture code the background injects apart', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'cl-bench-'));
    try {
      await mkdir(join(dist, 'assets'));
      await writeFile(join(dist, 'manifest.json'), JSON.stringify({ content_scripts: [{ js: ['content.js'], matches: ['https://a.test/*'] }] }));
      await writeFile(join(dist, 'content.js'), '(function(){var a=1})();');
      await writeFile(join(dist, 'capture.js'), '(function(){globalThis.__consentLensCapture??=function(){}})();');
      await writeFile(join(dist, 'assets/popup.js'), 'not part of it');
      expect(await contentScriptGraph(dist)).toEqual([
        { file: 'content.js', onDemand: false },
        { file: 'capture.js', onDemand: true },
      ]);
      const size = await contentScriptSize(dist);
      expect(size.bytes).toBe('(function(){var a=1})();'.length);
      expect(size.onDemandBytes).toBe('(function(){globalThis.__consentLensCapture??=function(){}})();'.length);
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });

  it('follows the loader’s getURL entry and every import of every chunk, once; dynamic imports count apart', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'cl-bench-'));
    try {
      await mkdir(join(dist, 'assets'));
      await writeFile(join(dist, 'manifest.json'), JSON.stringify({ content_scripts: [{ js: ['assets/loader.js'], matches: ['https://a.test/*'] }] }));
      await writeFile(join(dist, 'assets/loader.js'), '(async()=>{await import(chrome.runtime.getURL("assets/entry.js"))})();');
      await writeFile(join(dist, 'assets/entry.js'), 'import{a}from"./shared.js";import"./side.js";const l=()=>import("./late.js"),m=()=>import(`./later.js`);');
      await writeFile(join(dist, 'assets/shared.js'), 'import{b}from"./side.js";export const a=1;');
      await writeFile(join(dist, 'assets/side.js'), 'export const b=dangerouslySetInnerHTML;');
      await writeFile(join(dist, 'assets/late.js'), 'import"./shared.js";import"./only-late.js";export{}');
      await writeFile(join(dist, 'assets/only-late.js'), 'export{}');
      await writeFile(join(dist, 'assets/later.js'), 'export const x=12345;');
      await writeFile(join(dist, 'assets/popup.js'), 'not part of it');
      expect(await contentScriptChunks(dist)).toEqual([
        'assets/loader.js',
        'assets/entry.js',
        'assets/shared.js',
        'assets/side.js',
        'assets/late.js',
        'assets/later.js',
        'assets/only-late.js',
      ]);
      const size = await contentScriptSize(dist);
      expect(size.files).toHaveLength(7);
      expect(size.files.filter((f) => f.onDemand).map((f) => f.file)).toEqual(['assets/late.js', 'assets/later.js', 'assets/only-late.js']);
      const bytes = (f: string): number => size.files.find((x) => x.file === f)!.bytes;
      expect(size.bytes).toBe(bytes('assets/loader.js') + bytes('assets/entry.js') + bytes('assets/shared.js') + bytes('assets/side.js'));
      expect(size.onDemandBytes).toBe(bytes('assets/late.js') + bytes('assets/later.js') + bytes('assets/only-late.js'));
      expect(size.hasPreact).toBe(true);
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });
});

describe('attributing a trace to the content script', () => {
  const ext = 'chrome-extension://abc/';
  const call = (ts: number, dur: number, url: string, tid = 1): TraceEvent => ({ name: 'FunctionCall', ph: 'X', pid: 7, tid, ts, dur, tdur: dur, args: { data: { url } } });
  const task = (ts: number, dur: number, tid = 1): TraceEvent => ({ name: 'ThreadControllerImpl::RunTask', ph: 'X', pid: 7, tid, ts, dur, tdur: dur });

  it('sums the extension’s calls on the page’s main thread, once each, by what invoked them', () => {
    const events: TraceEvent[] = [
      task(0, 10_000),
      call(1_000, 4_000, 'https://claude.ai:1/page'),
      task(20_000, 5_000),
      { name: 'FireAnimationFrame', ph: 'X', pid: 7, tid: 1, ts: 20_000, dur: 3_000 },
      call(20_500, 2_000, `${ext}assets/c.js`),
      call(20_700, 500, `${ext}assets/c.js`), // nested in the one above: not counted twice
      task(30_000, 2_000),
      call(30_100, 1_000, `${ext}assets/c.js`),
      task(40_000, 9_000, 2), // another thread
      call(40_100, 8_000, `${ext}assets/c.js`, 2),
    ];
    const a = attribute(events, 'https://claude.ai:1', ext);
    expect(a.totalMs).toBe(17);
    expect(a.extensionMs).toBe(3);
    expect(a.calls).toBe(2);
    expect(a.by).toEqual({ frameCallbacks: 2, eventListeners: 0, other: 1 });
  });

  it('refuses a trace without the page', () => {
    expect(() => attribute([task(0, 1)], 'https://claude.ai:1', ext)).toThrow(/no script call/);
  });
});
