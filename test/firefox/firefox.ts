/**
 * The Firefox build (dist-firefox/) in the system Firefox ESR, driven by puppeteer-core over
 * WebDriver BiDi. We never download a browser.
 *
 * Host mapping without touching the system: `network.dns.localDomains` makes Firefox resolve
 * the listed hosts to the loopback address, where the fixture server listens; the server's
 * throwaway self-signed certificate is accepted with the `acceptInsecureCerts` capability.
 * Pages then load as `https://claude.ai:PORT/new`, so the manifest's real match patterns apply.
 * puppeteer gives every launch a fresh temporary profile and removes it on close.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIREFOX_DIST = resolve(ROOT, process.env.FIREFOX_DIST ?? 'dist-firefox');

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];

export const FIREFOX_HINT =
  'The Firefox tests need Firefox (ESR 140 or later): install it (Debian/Ubuntu: sudo apt-get install -y firefox-esr) or set FIREFOX_PATH.';

/** FIREFOX_PATH when set (and then only it), else the usual install places. */
export function findFirefox(env: NodeJS.ProcessEnv = process.env): string {
  const ok = (p: string): boolean => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const wanted = env.FIREFOX_PATH?.trim();
  if (wanted) {
    if (ok(wanted)) return wanted;
    throw new Error(`FIREFOX_PATH is set to ${wanted}, which is not an executable file. ${FIREFOX_HINT}`);
  }
  const found = CANDIDATES.find(ok);
  if (!found) throw new Error(`No Firefox was found. ${FIREFOX_HINT}`);
  return found;
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd: ROOT, timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** `vite build --mode firefox` into dist-firefox/ (about a second); skipped when FIREFOX_DIST names a ready build. */
export async function buildFirefox(): Promise<string> {
  if (process.env.FIREFOX_DIST) return FIREFOX_DIST;
  const r = await run(resolve(ROOT, 'node_modules/.bin/vite'), ['build', '--mode', 'firefox', '--logLevel', 'error']);
  if (r.code !== 0) throw new Error(`vite build --mode firefox failed:\n${r.stderr || r.stdout}`);
  return FIREFOX_DIST;
}

export interface LintMessage {
  code: string;
  message: string;
  file?: string;
}

export interface LintResult {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/** `web-ext lint --output json` over a directory (web-ext exits 1 when there are errors). */
export async function lintFirefox(dir: string): Promise<LintResult> {
  const r = await run(resolve(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--no-config-discovery', '--output', 'json', '--source-dir', dir]);
  const start = r.stdout.indexOf('{');
  if (start < 0) throw new Error(`web-ext lint gave no JSON (exit ${r.code}):\n${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout.slice(start)) as LintResult;
}

export interface FirefoxOptions {
  /** Host names resolved to 127.0.0.1 (network.dns.localDomains). */
  hosts: readonly string[];
}

export async function launchFirefox(opts: FirefoxOptions): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: findFirefox(),
    headless: true,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'network.dns.localDomains': opts.hosts.join(','),
      // No first-run pages, no remote settings or add-on update checks (nothing is reachable anyway).
      'browser.shell.checkDefaultBrowser': false,
      'extensions.update.enabled': false,
      'services.settings.server': 'data:,#remote-settings-off',
    },
  });
}
