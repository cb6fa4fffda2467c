/**
 * `npm run eval` and `--no-rules` as a user runs them: child processes, real Chromium.
 * - `--no-rules` scans with no service rule: the service id and the rule's deadline go, the
 *   training control the general heuristics find stays, with its state.
 * - eval scores a corpus against its labels, writes out/eval.json, and exits 0 when the
 *   thresholds hold, 1 below them, 2 for a bad labels file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { audit, ROOT, type Run } from './run-cli';
import type { Report } from '../../src/engine/types';

function evalCli(args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', import.meta.resolve('tsx'), resolve(ROOT, 'src/cli/eval.ts'), ...args], { cwd, env: process.env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error && typeof error.code === 'number' ? error.code : error ? 1 : 0, stdout, stderr });
    });
  });
}

describe('--no-rules', () => {
  it('the general heuristics alone: same training control and state, no service and no rule deadline', async () => {
    const file = 'test/fixtures/claude-settings-privacy.html';
    const withRules = JSON.parse((await audit(['--json', file])).stdout) as Report[];
    const bare = JSON.parse((await audit(['--json', '--no-rules', file])).stdout) as Report[];
    const training = (r: Report): [string, string][] => r.controls.filter((c) => c.purpose === 'ai-training').map((c) => [c.label, c.state]);
    expect(withRules[0]!.service).toBe('claude');
    expect(bare[0]!.service).toBeNull();
    expect(training(bare[0]!)).toEqual(training(withRules[0]!));
    expect(training(bare[0]!).length).toBeGreaterThan(0);
  });
});

describe('npm run eval', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'consent-lens-eval-'));
    const corpus = join(dir, 'corpus');
    await mkdir(corpus);
    await copyFile(resolve(ROOT, 'test/fixtures/claude-settings-privacy.html'), join(corpus, 'settings.html'));
    await copyFile(resolve(ROOT, 'test/fixtures/neg-cookie-preferences.html'), join(corpus, 'cookies.html'));
    await writeFile(
      join(corpus, 'labels.json'),
      JSON.stringify({
        'settings.html': { source: 'test fixture', kind: 'positive', training: [{ label: 'Help improve Claude', state: 'off' }] },
        'cookies.html': { source: 'test fixture', kind: 'negative', training: [] },
      }),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('scores the corpus, writes out/eval.json, exits 0 when the thresholds hold', async () => {
    const r = await evalCli(['--min-precision', '1', '--min-recall', '1', '--min-state', '1', '--min-clean', '1', 'corpus'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('precision 1.000  recall 1.000  F1 1.000');
    const written = JSON.parse(await readFile(join(dir, 'out/eval.json'), 'utf8')) as { figures: { truePositives: number; negativesClean: number } };
    expect(written.figures).toMatchObject({ truePositives: 1, negativesClean: 1 });
  });

  it('exits 1 and says which figure is below its threshold', async () => {
    await writeFile(
      join(dir, 'corpus/labels.json'),
      JSON.stringify({
        'settings.html': { source: 'test fixture', kind: 'positive', training: [{ label: 'Help improve Claude', state: 'on' }, { label: 'Voice recordings', state: 'off' }] },
        'cookies.html': { source: 'test fixture', kind: 'negative', training: [] },
      }),
    );
    const r = await evalCli(['--min-recall', '0.9', '--min-state', '0.9', 'corpus'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('missed "Voice recordings" (off)');
    expect(r.stdout).toContain('"Help improve Claude" is on, read as off');
    expect(r.stderr).toContain('recall 0.5 is below 0.9');
    expect(r.stderr).toContain('stateAccuracy 0 is below 0.9');
  });

  it('exits 2 on a labels file that is not sound, and on a bad threshold', async () => {
    await writeFile(join(dir, 'corpus/labels.json'), JSON.stringify({ 'settings.html': { kind: 'positive', training: [] } }));
    const bad = await evalCli(['corpus'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"source" must name where the page came from');
    expect((await evalCli(['--min-recall', '2', 'corpus'], dir)).code).toBe(2);
  });
});
