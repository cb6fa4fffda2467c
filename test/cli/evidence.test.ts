/**
 * `--out` as evidence: SHA256SUMS checked by the real sha256sum, the stamp on the annotated
 * picture tied to the raw one, the HTML report loaded in Chromium with a hostile page's text in
 * it, the DOM excerpt, and summary.csv read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/cli/chromium';
import type { Report } from '../../src/engine/types';
import { readTextChunks } from '../../src/report/png-text';
import { parseStampText, STAMP_KEYWORD } from '../../src/report/stamp';
import { ENGINE_VERSION } from '../../src/engine/version';
import { parseCsv } from '../helpers/csv';
import { audit, run, type Run } from './run-cli';

const EVIL = '<img src=x onerror=alert(1)>';
const TARGETS = ['test/fixtures/hostile-label.html', 'test/fixtures/claude-terms-grace-switch.html', 'test/fixtures/does-not-exist.html'];

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

let dir = '';
let cli: Run;
let browser: Browser;
const report = async (name: string): Promise<Report> => JSON.parse(await readFile(join(dir, `${name}.report.json`), 'utf8')) as Report;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lens-evidence-'));
  cli = await audit(['--out', dir, '--concurrency', '2', ...TARGETS]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the run', () => {
  it('exits 1 for the missing file and writes everything else', async () => {
    expect(cli.code, cli.stderr).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([
      'SHA256SUMS',
      'claude-terms-grace-switch.html',
      'claude-terms-grace-switch.png',
      'claude-terms-grace-switch.raw.png',
      'claude-terms-grace-switch.report.json',
      'does-not-exist.report.json',
      'hostile-label.html',
      'hostile-label.png',
      'hostile-label.raw.png',
      'hostile-label.report.json',
      'summary.csv',
    ]);
    expect(cli.stdout).toMatch(/^3 targets, 2 scanned, 1 failed, 2 AI-training controls, \d+ findings$/m);
  });
});

describe('SHA256SUMS', () => {
  it('passes `sha256sum -c` (coreutils) and lists every file written but itself', async () => {
    const check = await run('sha256sum', ['--strict', '-c', 'SHA256SUMS'], dir);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const listed = (await readFile(join(dir, 'SHA256SUMS'), 'utf8')).split('\n').filter(Boolean);
    for (const line of listed) expect(line).toMatch(/^[0-9a-f]{64} {2}[^/\s]+$/);
    const names = listed.map((l) => l.slice(66));
    expect(names).toEqual((await readdir(dir)).filter((n) => n !== 'SHA256SUMS').sort());
    expect(check.stdout.trim().split('\n')).toEqual(names.map((n) => `${n}: OK`));
  });

  it('fails `sha256sum -c` once a file is changed (the check can fail)', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'lens-tamper-'));
    try {
      await run('cp', ['-a', `${dir}/.`, copy], dir);
      await run('sh', ['-c', 'printf x >> summary.csv'], copy);
      const check = await run('sha256sum', ['-c', 'SHA256SUMS'], copy);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('summary.csv: FAILED');
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

describe('the stamp on the annotated picture', () => {
  it.each(['hostile-label', 'claude-terms-grace-switch'])('%s: NAME.png carries the SHA-256 of NAME.raw.png, the URL, time, service and version', async (name) => {
    const annotated = new Uint8Array(await readFile(join(dir, `${name}.png`)));
    const raw = new Uint8Array(await readFile(join(dir, `${name}.raw.png`)));
    const chunks = readTextChunks(annotated).filter((c) => c.keyword === STAMP_KEYWORD);
    expect(chunks).toHaveLength(1);
    const stamp = parseStampText(chunks[0]!.text);
    expect(stamp).not.toBeNull();
    expect(stamp!.rawSha256).toBe(sha256(raw));
    const r = await report(name);
    expect(stamp!.url).toBe(r.url);
    expect(stamp!.service).toBe(r.service);
    expect(stamp!.version).toBe(ENGINE_VERSION);
    expect(Date.parse(stamp!.time)).toBeGreaterThanOrEqual(Date.parse(r.scannedAt));
    expect(stamp!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The raw picture is a plain viewport capture: no stamp of its own.
    expect(readTextChunks(raw)).toEqual([]);
  });
});

describe('the HTML report of a hostile page', () => {
  it('shows the markup in labels and titles as text, runs nothing, and has exactly the two screenshots', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    const consoleMessages: string[] = [];
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => consoleMessages.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    try {
      const url = pathToFileURL(join(dir, 'hostile-label.html')).href;
      await page.goto(url, { waitUntil: 'load' });
      const seen = await page.evaluate(() => ({
        text: document.body.innerText,
        images: document.images.length,
        srcs: Array.from(document.images, (i) => i.src.slice(0, 22)),
        loaded: Array.from(document.images, (i) => i.complete && i.naturalWidth > 0),
        scripts: document.scripts.length,
        handlers: Array.from(document.querySelectorAll('*')).flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on'))),
        title: document.title,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      }));
      const r = await report('hostile-label');
      const label = r.controls.find((c) => c.purpose === 'ai-training')!.label;
      expect(label).toContain(EVIL);
      expect(seen.text).toContain(EVIL);
      expect(seen.text).toContain(label);
      expect(seen.text).toContain(`Updates to "Consumer" Terms & <b>Policies</b> <script>alert('t')</script>`);
      expect(seen.title).toContain(`Terms </title><script>alert("title")</script> "Quill" & 'friends'`);
      expect(seen.images).toBe(2);
      expect(seen.srcs).toEqual(['data:image/png;base64,', 'data:image/png;base64,']);
      expect(seen.loaded).toEqual([true, true]);
      expect(seen.scripts).toBe(0);
      expect(seen.handlers).toEqual([]);
      expect(seen.pwned).toBeNull();
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(consoleMessages).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await context.close();
    }
  });

  it('embeds the raw and annotated pictures byte for byte, and a manifest with their hashes and the report file', async () => {
    const source = await readFile(join(dir, 'hostile-label.html'), 'utf8');
    const raw = await readFile(join(dir, 'hostile-label.raw.png'));
    const annotated = await readFile(join(dir, 'hostile-label.png'));
    const srcs = [...source.matchAll(/<img src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]);
    expect(srcs).toEqual([annotated.toString('base64'), raw.toString('base64')]);
    const json = await readFile(join(dir, 'hostile-label.report.json'));
    for (const [file, bytes] of [['report.json', json], ['raw.png', raw], ['annotated.png', annotated]] as const) {
      expect(source).toMatch(new RegExp(`<td class="mono">${file.replace('.', '\\.')}</td><td class="mono">[^<]+</td><td>${bytes.length}</td><td class="mono">${sha256(bytes)}</td>`));
    }
  });

  it("its DOM excerpt holds the dialog's text but no script, handler, javascript: or external URL, or form value", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(pathToFileURL(join(dir, 'hostile-label.html')).href);
      const excerpt = await page.evaluate(() => document.querySelector('pre')!.textContent!);
      expect(excerpt).toContain('role="dialog"');
      expect(excerpt).toContain('Allow the use of your chats to train AI models &lt;img src=x onerror=alert(1)&gt;');
      expect(excerpt).not.toMatch(/<script/i);
      // "onerror" appears only inside the escaped label text, never as an attribute.
      const withoutLabel = excerpt.replaceAll('&lt;img src=x onerror=alert(1)&gt;', '');
      expect(withoutLabel).not.toMatch(/onerror/i);
      expect(withoutLabel).not.toMatch(/\son[a-z]+=/i);
      for (const gone of ['javascript:', 'tracker.example', 'alex@example.com', 'tok-SECRET-123', 'private note', '<iframe', 'srcdoc', '__inDialogScript']) {
        expect(excerpt, gone).not.toContain(gone);
      }
      // Read back as HTML, the excerpt holds no script and no handler.
      const parsed = await page.evaluate((src) => {
        const doc = new DOMParser().parseFromString(src, 'text/html');
        return {
          scripts: doc.querySelectorAll('script, iframe, object, embed').length,
          handlers: Array.from(doc.querySelectorAll('*')).flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on'))),
          imgs: Array.from(doc.querySelectorAll('img'), (i) => i.getAttribute('src')),
        };
      }, excerpt);
      // The image stays, without its address: even a relative one loads when dom.html is opened.
      expect(parsed).toEqual({ scripts: 0, handlers: [], imgs: [null] });
      // The manifest's dom.html is this excerpt.
      const source = await readFile(join(dir, 'hostile-label.html'), 'utf8');
      expect(source).toContain(`<td class="mono">dom.html</td><td class="mono">text/html</td><td>${Buffer.byteLength(excerpt)}</td><td class="mono">${sha256(Buffer.from(excerpt))}</td>`);
    } finally {
      await context.close();
    }
  });
});

describe('summary.csv', () => {
  it('has one row per control of every scanned target, in input order, reading back to the reports', async () => {
    const rows = parseCsv(await readFile(join(dir, 'summary.csv'), 'utf8'));
    expect(rows[0]).toEqual(['target', 'service', 'label', 'purpose', 'state', 'kind', 'findings']);
    const expected: string[][] = [];
    for (const name of ['hostile-label', 'claude-terms-grace-switch']) {
      const r = await report(name);
      for (const c of r.controls) {
        const label = /^[=+\-@\t\r]/.test(c.label) ? `'${c.label}` : c.label;
        expected.push([r.target, r.service ?? '', label, c.purpose, c.state, c.kind, c.findings.map((f) => f.id).join(';')]);
      }
    }
    expect(rows.slice(1)).toEqual(expected);
  });

  it('neutralises the formula-looking labels and keeps the markup in the training label', async () => {
    const labels = parseCsv(await readFile(join(dir, 'summary.csv'), 'utf8')).slice(1).map((r) => r[2]);
    expect(labels).toEqual(
      expect.arrayContaining([
        `'=HYPERLINK("https://evil.example","Email me news")`,
        "'+1 Send me product tips",
        "'-2 Remember my theme",
        "'@SUM(1,2) Show tips, and more",
        `Allow the use of your chats to train AI models ${EVIL} "quoted" & 'apostrophes'`,
      ]),
    );
    for (const l of labels) expect(l).not.toMatch(/^[=+\-@\t\r]/);
  });
});
