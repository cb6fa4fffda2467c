/**
 * A local HTTPS server that serves committed HTML fixtures under the services' real host names
 * (claude.ai, chatgpt.com, …), for `npm start` and the end-to-end tests.
 *
 * Chromium is pointed at it with `--host-resolver-rules` (every listed host maps to 127.0.0.1,
 * every other host fails to resolve) and told to accept its throwaway self-signed certificate,
 * made with openssl into a temporary directory when the server starts. Pages then load as
 * `https://claude.ai:PORT/new`, and the extension's real match patterns (`https://claude.ai/*`
 * matches any port) apply. Nothing leaves the machine.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../../test/fixtures');

/** The services' hosts (every rule's, see src/rules/services), plus one host that no rule matches. */
export const SERVED_HOSTS = [
  'claude.ai',
  'chatgpt.com',
  'chat.openai.com',
  'gemini.google.com',
  'myactivity.google.com',
  'copilot.microsoft.com',
  'x.com',
  'www.linkedin.com',
  'www.perplexity.ai',
  'chat.mistral.ai',
  'admin.mistral.ai',
  'www.meta.ai',
  'www.facebook.com',
  'example-chat.test',
] as const;

/** `--host-resolver-rules`: the given hosts go to 127.0.0.1, every other name fails to resolve. */
export function hostResolverRules(hosts: readonly string[] = SERVED_HOSTS): string {
  return [...hosts.map((h) => `MAP ${h} 127.0.0.1`), 'MAP * ~NOTFOUND'].join(', ');
}

/** A page Chromium's CSP check would reject every script, style and fetch of the page's own, bar inline ones. */
export const STRICT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

export interface Served {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export interface RouteContext {
  url: URL;
  /** 1 on the first request for this route, 2 on the second, … */
  visit: number;
}

export type RouteHandler = (ctx: RouteContext) => Served | Promise<Served>;

/** Keyed by host and path without the query: `claude.ai/new`, `chatgpt.com/`. */
export type Routes = Record<string, RouteHandler>;

export interface ServedRequest {
  host: string;
  path: string;
  method: string;
  status: number;
  /** Whether a route answered it (a fixture), as opposed to a 404. */
  routed: boolean;
}

/**
 * What the apps' own scripts would do for a switch: clicking a `role=switch` toggles its
 * `aria-checked` and the `data-state` of it and its thumb, as Radix does. The fixtures are
 * saved markup without the apps' scripts; this stands in for them. It sits in <head>, so it is
 * not part of the body's text, and it uses no words a scan looks for.
 */
export const SWITCH_BEHAVIOUR = `<script data-fixture-behaviour>
document.addEventListener('click', function (e) {
  var path = e.composedPath ? e.composedPath() : [e.target];
  for (var i = 0; i < path.length; i++) {
    var el = path[i];
    if (!el || !el.getAttribute || el.getAttribute('role') !== 'switch' || el.disabled) continue;
    if (el.tagName === 'INPUT') return;
    var next = el.getAttribute('aria-checked') !== 'true';
    el.setAttribute('aria-checked', String(next));
    var st = next ? 'checked' : 'unchecked';
    if (el.hasAttribute('data-state')) el.setAttribute('data-state', st);
    var thumbs = el.querySelectorAll('[data-state]');
    for (var j = 0; j < thumbs.length; j++) thumbs[j].setAttribute('data-state', st);
    return;
  }
}, true);
</script>`;

export interface FixtureOptions {
  /** A Content-Security-Policy header to send with the page. */
  csp?: string;
  /** Rewrites the HTML before it is served (given the visit number). */
  transform?: (html: string, visit: number) => string;
  /** Add SWITCH_BEHAVIOUR (default true). */
  behaviour?: boolean;
}

/** Serves one committed fixture file. */
export function fixture(file: string, opts: FixtureOptions = {}): RouteHandler {
  return async ({ visit }) => {
    let html = await readFile(join(FIXTURES_DIR, file), 'utf8');
    if (opts.behaviour !== false) html = html.replace(/<\/head>/i, `${SWITCH_BEHAVIOUR}\n</head>`);
    if (opts.transform) html = opts.transform(html, visit);
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (opts.csp) headers['content-security-policy'] = opts.csp;
    return { headers, body: html };
  };
}

/**
 * Sets the `role=switch` labelled by `labelId` (and its thumb) on or off in saved markup.
 * Throws when the switch is not found, so a changed fixture cannot silently stop the rewrite.
 */
export function setSwitch(html: string, labelId: string, on: boolean): string {
  const re = new RegExp(`(<button\\b[^>]*aria-labelledby="${labelId}"[^>]*>)(\\s*<span\\b[^>]*>)?`);
  const m = re.exec(html);
  if (!m) throw new Error(`no switch labelled by #${labelId} in the fixture`);
  const state = (tag: string): string =>
    tag
      .replace(/aria-checked="(true|false)"/, `aria-checked="${on}"`)
      .replace(/data-state="(checked|unchecked)"/, `data-state="${on ? 'checked' : 'unchecked'}"`);
  const replaced = state(m[1]!) + (m[2] ? state(m[2]) : '');
  return html.slice(0, m.index) + replaced + html.slice(m.index + m[0].length);
}

/**
 * The Claude privacy settings page with "Help improve Claude" OFF on the first visit and ON on
 * every later one: the setting changed between two visits without the user acting here.
 */
export function flippingClaudeSettings(): RouteHandler {
  return fixture('claude-settings-privacy.html', {
    transform: (html, visit) => setSwitch(html, 'model-improvement-label', visit > 1),
  });
}

export interface Certificate {
  key: Buffer;
  cert: Buffer;
}

export class MissingOpensslError extends Error {
  constructor(detail: string) {
    super(`openssl is needed to make a throwaway certificate for the local test server (${detail}). Install it (Debian/Ubuntu: sudo apt-get install -y openssl).`);
    this.name = 'MissingOpensslError';
  }
}

/** A self-signed certificate for the given hosts (and 127.0.0.1), valid for two days. */
export async function makeCertificate(hosts: readonly string[]): Promise<Certificate> {
  const dir = await mkdtemp(join(tmpdir(), 'consent-lens-cert-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const san = [...hosts.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
    await new Promise<void>((done, fail) => {
      execFile(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
          '-subj', '/CN=Consent Lens local test server', '-addext', `subjectAltName=${san}`,
          '-keyout', keyFile, '-out', certFile],
        { timeout: 20_000 },
        (error, _stdout, stderr) => {
          if (!error) return done();
          const code = (error as NodeJS.ErrnoException).code;
          fail(code === 'ENOENT' ? new MissingOpensslError('not found on PATH') : new Error(`openssl failed: ${stderr || error.message}`));
        },
      );
    });
    return { key: await readFile(keyFile), cert: await readFile(certFile) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface FixtureServer {
  port: number;
  hosts: readonly string[];
  /** `https://HOST:PORT` + path */
  url(host: string, path?: string): string;
  /** Every request that reached the server, in order. */
  log: ServedRequest[];
  close(): Promise<void>;
}

export interface ServerOptions {
  routes: Routes;
  hosts?: readonly string[];
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startFixtureServer({ routes, hosts = SERVED_HOSTS }: ServerOptions): Promise<FixtureServer> {
  const { key, cert } = await makeCertificate(hosts);
  const visits = new Map<string, number>();
  const log: ServedRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'localhost'}`);
    const key = `${host}${url.pathname}`;
    const route = routes[key];
    let served: Served;
    if (route && (req.method === 'GET' || req.method === 'HEAD')) {
      const visit = (visits.get(key) ?? 0) + 1;
      visits.set(key, visit);
      try {
        served = await route({ url, visit });
      } catch (e) {
        served = { status: 500, headers: { 'content-type': 'text/plain' }, body: String(e) };
      }
    } else {
      served = { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not here' };
    }
    const status = served.status ?? 200;
    log.push({ host, path: url.pathname + url.search, method: req.method ?? 'GET', status, routed: Boolean(route) });
    res.writeHead(status, served.headers ?? {});
    res.end(req.method === 'HEAD' ? undefined : served.body);
  }

  const server = createServer({ key, cert }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    hosts,
    url: (host, path = '/') => `https://${host}:${port}${path}`,
    log,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
