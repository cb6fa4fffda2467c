/**
 * `npm run audit -- --json` on hostile pages. Unlike the content script (an isolated world), the
 * CLI evaluates the engine in the page's own world, so the page's replacements of DOM methods and
 * timers reach it. Whatever the page does, the CLI answers with one report per target, in order:
 * a correct one, or one that carries `error` — never a silently wrong one, a crash or a hang.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/types';
import { scanCeilingMs, TOGGLE_MS } from './pages';

const ROOT = resolve(import.meta.dirname, '../..');
const FILES = {
  overrides: 'hostile-prototype-overrides.html',
  removeMidScan: 'hostile-remove-mid-scan.html',
  brokenTimers: 'hostile-broken-timers.html',
  observerThrows: 'hostile-observer-throws.html',
  deepNesting: 'hostile-deep-nesting.html',
  manySwitches: 'hostile-many-switches.html',
} as const;
const targets = Object.values(FILES).map((f) => join('test/fixtures', f));

let code = -1;
let reports: Report[] = [];
let seconds = 0;

beforeAll(async () => {
  const t0 = Date.now();
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/audit.ts', '--json', ...targets], { cwd: ROOT, timeout: 100_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
  seconds = (Date.now() - t0) / 1000;
  code = run.code;
  try {
    reports = JSON.parse(run.stdout) as Report[];
  } catch {
    throw new Error(`the CLI printed no JSON (exit ${run.code}):\n${run.stderr.slice(-2000)}`);
  }
}, 110_000);

const byFile = (file: string): Report => {
  const r = reports.find((x) => x.target.endsWith(file));
  if (!r) throw new Error(`no report for ${file}`);
  return r;
};
const training = (r: Report): Report['controls'] => r.controls.filter((c) => c.purpose === 'ai-training');

describe('the audit CLI on hostile pages', () => {
  it('answers every target, in order, and exits 1 because some could not be scanned', () => {
    console.info(`[hostile] CLI: ${targets.length} hostile targets in ${seconds.toFixed(1)} s, exit ${code}`);
    expect(code).toBe(1);
    expect(reports.map((r) => r.target)).toEqual(targets);
    for (const r of reports) expect(r.schema).toBe('consent-lens/report@1');
  });

  it('reports an error, not a clean page, when the page replaces the DOM methods it reads', () => {
    const r = byFile(FILES.overrides);
    // Before: a report with no controls and no error, as if the page had nothing to hide.
    expect(r.error).toMatch(/replaces DOM functions.*querySelectorAll.*getBoundingClientRect.*textContent/);
    expect(r.controls).toEqual([]);
    expect(r.surfaces).toEqual([]);
  });

  it('reports an error when the page takes its dialog away in the middle of the scan', () => {
    // The page removes the dialog the first time anyone measures the switch (a wrapped getBoundingClientRect).
    const r = byFile(FILES.removeMidScan);
    expect(r.error).toMatch(/getBoundingClientRect/);
    expect(r.controls).toEqual([]);
  });

  it('does not wait for ever on a page whose timers never fire, and still scans it', () => {
    const r = byFile(FILES.brokenTimers);
    expect(r.error).toBeUndefined();
    expect(training(r)).toHaveLength(1);
  });

  it('scans a page whose own observers throw, and one 2 500 elements deep', () => {
    for (const file of [FILES.observerThrows, FILES.deepNesting]) {
      const r = byFile(file);
      expect(r.error, file).toBeUndefined();
      expect(training(r).map((c) => c.state), file).toEqual(['on']);
    }
  });

  it('scans 3 000 other switches within the ceiling, and reports them all', () => {
    const r = byFile(FILES.manySwitches);
    expect(r.error).toBeUndefined();
    expect(training(r)).toHaveLength(1);
    expect(r.controls).toHaveLength(3_001);
    console.info(`[hostile] CLI 3000 switches: scan ${r.engine.ms} ms`);
    expect(r.engine.ms).toBeLessThanOrEqual(scanCeilingMs(15_036) + TOGGLE_MS * 3_001);
  });
});
