/** The audit CLI as a user runs it: a child process, real Chromium, the contract in DESIGN.md. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Report } from '../../src/engine/types';

const ROOT = resolve(import.meta.dirname, '../..');
const FIX = (f: string): string => join('test/fixtures', f);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function audit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/audit.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/terms') {
      void readFile(join(ROOT, FIX('claude-terms-grace-switch.html'))).then((body) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
        res.end(body);
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('audit --json', () => {
  it('reports the Claude grace-period dialog: one training switch, ON, with its findings and the visible box', async () => {
    const run = await audit(['--json', FIX('claude-terms-grace-switch.html')]);
    expect(run.code, run.stderr).toBe(0);
    const reports = JSON.parse(run.stdout) as Report[];
    expect(reports).toHaveLength(1);
    const training = reports[0]!.controls.filter((c) => c.purpose === 'ai-training');
    expect(training).toHaveLength(1);
    const c = training[0]!;
    expect(c.state).toBe('on');
    expect(c.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['preselected', 'small-target', 'false-hierarchy']));
    expect(c.box.width).toBeLessThan(40);
    expect(c.box.height).toBeLessThan(24);
    expect(reports[0]!.target).toBe(FIX('claude-terms-grace-switch.html'));
  });

  it('prints only the JSON array, one report per target in order, and gives a failing target an error', async () => {
    const run = await audit(['--json', FIX('neg-cookie-preferences.html'), 'test/fixtures/does-not-exist.html', FIX('claude-terms-choice.html')]);
    expect(run.code).toBe(1);
    const reports = JSON.parse(run.stdout) as Report[];
    expect(reports.map((r) => r.target)).toEqual([FIX('neg-cookie-preferences.html'), 'test/fixtures/does-not-exist.html', FIX('claude-terms-choice.html')]);
    expect(reports[1]!.error).toMatch(/no such file/);
    expect(reports[1]!.controls).toEqual([]);
    expect(reports[0]!.error).toBeUndefined();
    expect(reports[0]!.controls.filter((c) => c.purpose === 'ai-training')).toEqual([]);
    expect(reports[2]!.controls.filter((c) => c.purpose === 'ai-training').map((c) => c.kind)).toEqual(['choice']);
  });

  it('scans an http page despite its Content-Security-Policy, and reports an HTTP error as an error', async () => {
    const run = await audit(['--json', `${base}/terms`, `${base}/missing`]);
    const reports = JSON.parse(run.stdout) as Report[];
    expect(reports[0]!.error).toBeUndefined();
    expect(reports[0]!.url).toBe(`${base}/terms`);
    expect(reports[0]!.controls.filter((c) => c.purpose === 'ai-training')).toHaveLength(1);
    expect(reports[1]!.error).toMatch(/HTTP 404/);
    expect(run.code).toBe(1);
  });

  it('waits for a dialog a single-page app mounts seconds after load', async () => {
    const run = await audit(['--json', FIX('hard-late-dialog.html')]);
    const [report] = JSON.parse(run.stdout) as Report[];
    expect(report!.controls.filter((c) => c.purpose === 'ai-training')).toHaveLength(1);
  });

  it('honours --viewport', async () => {
    const run = await audit(['--json', '--viewport', '800x600', FIX('neg-newsletter.html')]);
    const [report] = JSON.parse(run.stdout) as Report[];
    expect(report!.viewport).toMatchObject({ width: 800, height: 600 });
  });
});

describe('audit --out', () => {
  it('writes per target NAME.report.json, NAME.png, NAME.raw.png and NAME.html, then summary.csv and SHA256SUMS, and a summary table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lens-out-'));
    try {
      const run = await audit(['--out', dir, FIX('claude-terms-grace-switch.html'), FIX('neg-app-settings.html')]);
      expect(run.code, run.stderr).toBe(0);
      expect((await readdir(dir)).sort()).toEqual([
        'SHA256SUMS',
        'claude-terms-grace-switch.html',
        'claude-terms-grace-switch.png',
        'claude-terms-grace-switch.raw.png',
        'claude-terms-grace-switch.report.json',
        'neg-app-settings.html',
        'neg-app-settings.png',
        'neg-app-settings.raw.png',
        'neg-app-settings.report.json',
        'summary.csv',
      ]);
      const report = JSON.parse(await readFile(join(dir, 'claude-terms-grace-switch.report.json'), 'utf8')) as Report;
      expect(report.schema).toBe('consent-lens/report@1');
      // The annotated picture is the viewport plus the legend column.
      expect(pngSize(await readFile(join(dir, 'claude-terms-grace-switch.png')))).toEqual({ width: 1280 + 380, height: 800 });
      expect(pngSize(await readFile(join(dir, 'claude-terms-grace-switch.raw.png')))).toEqual({ width: 1280, height: 800 });
      expect(run.stdout).toMatch(/target\s+service\s+training controls/);
      expect(run.stdout).toMatch(/claude-terms-grace-switch\.html\s+claude\s+1\s+on/);
      expect(run.stdout).toMatch(/^2 targets, 2 scanned, 0 failed, 1 AI-training control, \d+ findings$/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('bad input', () => {
  it.each([
    [[], /no TARGET/],
    [['--bogus', 'a.html'], /bogus/],
    [['--settle', 'soon', 'a.html'], /--settle/],
    [['--settle', '60000', 'a.html'], /--settle/],
    [['--viewport', 'big', 'a.html'], /--viewport/],
    [['notes.txt'], /TARGET must be/],
  ])('%j exits 2 with the usage', async (args, why) => {
    const run = await audit(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(why);
    expect(run.stderr).toMatch(/usage: npm run audit/);
    expect(run.stdout).toBe('');
  });

  it('stops with one clear line when no browser is found', async () => {
    const run = await audit(['--json', FIX('claude-terms-choice.html')], { CHROME_PATH: '/nonexistent/chromium' });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/CHROME_PATH.*\/nonexistent\/chromium.*apt-get install -y chromium/);
  });
});
