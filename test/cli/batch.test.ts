/** Batches: --list, --concurrency keeping input order, progress lines on a non-terminal stderr. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../src/engine/types';
import { audit, ROOT } from './run-cli';

const FIX = (f: string): string => join('test/fixtures', f);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lens-batch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--list FILE', () => {
  it('reads targets after the positional ones, skipping comments and blank lines, relative paths from its folder', async () => {
    await copyFile(join(ROOT, FIX('claude-terms-choice.html')), join(dir, 'choice.html'));
    const list = join(dir, 'targets.txt');
    await writeFile(
      list,
      ['# Terms dialogs to check', '', 'choice.html', '   # the shadow DOM one, by absolute path', `  ${join(ROOT, FIX('hard-shadow-dom.html'))}  `, '', 'gone.html', ''].join('\n'),
    );
    const run = await audit(['--json', FIX('neg-newsletter.html'), '--list', list]);
    expect(run.code).toBe(1);
    const reports = JSON.parse(run.stdout) as Report[];
    expect(reports.map((r) => r.target)).toEqual([FIX('neg-newsletter.html'), join(dir, 'choice.html'), join(ROOT, FIX('hard-shadow-dom.html')), join(dir, 'gone.html')]);
    expect(reports.map((r) => r.error ?? 'ok')).toEqual(['ok', 'ok', 'ok', `no such file: ${join(dir, 'gone.html')}`]);
    expect(reports[1]!.controls.filter((c) => c.purpose === 'ai-training').map((c) => c.kind)).toEqual(['choice']);
  });

  it('a missing list file is a bad argument: exit 2, a clear line and the usage, nothing on stdout', async () => {
    const run = await audit(['--json', '--list', join(dir, 'nope.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`consent-lens: --list: no such file: ${join(dir, 'nope.txt')}`);
    expect(run.stderr).toMatch(/usage: npm run audit/);
    expect(run.stdout).toBe('');
  });

  it('a list line that is not a target is a bad argument naming the line', async () => {
    const list = join(dir, 'bad.txt');
    await writeFile(list, '# ok\nchoice.html\nnotes.txt\n');
    const run = await audit(['--list', list]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${list}:3: TARGET must be an .html file or an http(s) URL, not "notes.txt"`);
  });
});

describe('--concurrency', () => {
  it.each([['0'], ['9'], ['lots']])('--concurrency %s exits 2 with the usage', async (n) => {
    const run = await audit(['--concurrency', n, FIX('neg-newsletter.html')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--concurrency takes a whole number from 1 to 8/);
    expect(run.stderr).toMatch(/usage: npm run audit/);
  });

  it('3 at once: stdout is exactly the JSON array in input order; stderr has one progress line per target and the totals', async () => {
    // A slow page (a dialog mounted seconds after load) first, so later targets finish before it.
    const targets = [
      FIX('hard-late-dialog.html'),
      FIX('claude-terms-grace-switch.html'),
      FIX('missing-page.html'),
      FIX('neg-cookie-preferences.html'),
      FIX('chatgpt-data-controls.html'),
      FIX('lang-de.html'),
    ];
    const run = await audit(['--json', '--concurrency', '3', ...targets]);
    expect(run.code).toBe(1);
    const reports = JSON.parse(run.stdout) as Report[];
    expect(run.stdout).toBe(`${JSON.stringify(reports, null, 2)}\n`);
    expect(reports.map((r) => r.target)).toEqual(targets);
    expect(reports.map((r) => r.controls.filter((c) => c.purpose === 'ai-training').length)).toEqual([1, 1, 0, 0, 1, 1]);

    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(targets.length + 1);
    const progress = lines.slice(0, -1).map((l) => /^\[(\d+)\/6\] (\S+) — (ok|error: .+)$/.exec(l));
    expect(progress.every(Boolean), run.stderr).toBe(true);
    // Counted in the order they finished; every target once, with its outcome.
    expect(progress.map((m) => Number(m![1]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.map((m) => m![2]).sort()).toEqual([...targets].sort());
    const outcome = new Map(progress.map((m) => [m![2], m![3]]));
    expect(outcome.get(FIX('missing-page.html'))).toMatch(/^error: no such file: .*missing-page\.html$/);
    expect([...outcome.values()].filter((o) => o === 'ok')).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/^6 targets, 5 scanned, 1 failed, 4 AI-training controls, \d+ findings$/);
  });

  it('gives the same reports at 1 and at 3 at once (apart from timing)', async () => {
    const targets = [FIX('claude-terms-choice.html'), FIX('hard-covered.html'), FIX('lang-fr.html'), FIX('neg-ml-dashboard.html')];
    const strip = (out: string): unknown =>
      (JSON.parse(out) as Report[]).map((r) => ({ ...r, scannedAt: '', engine: { ...r.engine, ms: 0 } }));
    const [one, three] = await Promise.all([audit(['--json', '--concurrency', '1', ...targets]), audit(['--json', '--concurrency', '3', ...targets])]);
    expect(strip(three.stdout)).toEqual(strip(one.stdout));
  });
});
