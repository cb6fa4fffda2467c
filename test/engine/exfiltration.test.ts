/**
 * The exported evidence files make no request when opened: a dialog full of known exfiltration
 * vectors (test/helpers/exfiltration.ts) is excerpted by the real sanitiser in Chromium, the
 * excerpt and the same vectors in the report's texts go into a record, and its export's
 * `dom.html` and `report.html` (evidence-export.ts) and the CLI's `NAME.html` (cli/evidence.ts)
 * are opened in a fresh Chromium context, from disk (file://) and from a local HTTP server. Every
 * request is recorded (the context's request events and a route on every URL), and the
 * attacker's server on 127.0.0.1 counts its hits: there must be none but the document itself.
 * A control page with one image shows that the recording sees requests at all.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { exportFiles } from '../../src/background/evidence-export';
import { evidenceFiles } from '../../src/cli/evidence';
import { utf8 } from '../../src/report/sums';
import { openLab, pageBundle, type Lab } from '../helpers/browser';
import { KEPT, VECTORS } from '../helpers/exfiltration';
import { control, report, surface } from '../unit/background-fakes';
import { entry, tinyPng } from '../unit/evidence-fakes';

let lab: Lab;
let dir = '';
const servers: Server[] = [];
/** Paths asked of each server. */
const attackerHits: string[] = [];
const docHits: string[] = [];
let at = '';
let docBase = '';

function listen(handler: (path: string) => { type: string; body: Uint8Array | string } | null, hits: string[]): Promise<string> {
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const found = handler(req.url ?? '');
    res.writeHead(found ? 200 : 404, { 'content-type': found?.type ?? 'text/plain' });
    res.end(found?.body ?? '');
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** The files to open, by name: written to `dir` and served from docBase. */
const files = new Map<string, Uint8Array>();

beforeAll(async () => {
  lab = await openLab();
  dir = await mkdtemp(join(tmpdir(), 'lens-exfiltration-'));
  // The attacker answers everything (a 1×1 PNG), so nothing fails early for want of an answer.
  at = await listen(() => ({ type: 'image/png', body: tinyPng() }), attackerHits);
  docBase = await listen((path) => {
    const bytes = files.get(decodeURIComponent(path.slice(1).split('?')[0]!));
    return bytes ? { type: 'text/html; charset=utf-8', body: bytes } : null;
  }, docHits);

  // The dialog, parsed inertly in Chromium (DOMParser loads nothing) and excerpted by the real
  // sanitiser, with an open shadow root holding every vector again.
  const page = await lab.context.newPage();
  await page.addScriptTag({ content: await pageBundle(`import { sanitisedExcerpt } from './src/report/sanitise';\nglobalThis.__excerpt = sanitisedExcerpt;`) });
  const vectors = VECTORS.map((v) => v.html(at)).join('\n');
  const excerpt = await page.evaluate(
    ({ vectors, kept }) => {
      const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body><div role="dialog"><h2>Updates to Consumer Terms</h2>${kept}${vectors}<div id="host"></div><p>end</p></div></body>`, 'text/html');
      const shadow = doc.getElementById('host')!.attachShadow({ mode: 'open' });
      for (const n of Array.from(new DOMParser().parseFromString(`<!DOCTYPE html><body>${vectors}</body>`, 'text/html').body.childNodes)) shadow.append(doc.adoptNode(n));
      return (globalThis as unknown as { __excerpt(n: Node): string }).__excerpt(doc.body.firstElementChild!);
    },
    { vectors, kept: KEPT.join('') },
  );
  await page.close();
  expect(excerpt).toContain('<template shadowrootmode="open">');
  for (const k of KEPT) expect(excerpt).toContain(k);

  // The vectors in every text of the report too (the HTML report shows them as text).
  const hostile = report({
    title: `Terms ${vectors.slice(0, 2000)}`,
    controls: [control({ label: VECTORS[0]!.html(at), description: VECTORS[11]!.html(at) })],
    surfaces: [surface({ title: VECTORS[44]!.html(at) })],
    deadline: { date: '2025-10-08', text: VECTORS[45]!.html(at), source: 'page' },
  });
  const e = await entry('exfil-1', '2025-09-26T12:00:00.000Z', { title: VECTORS[46]!.html(at), userAgent: VECTORS[47]!.html(at) });
  e.record.report = hostile;
  e.record.domExcerpt = excerpt;
  e.files['dom.html'] = utf8(excerpt);
  const exported = await exportFiles(e);
  files.set('dom.html', exported['dom.html']!);
  files.set('report.html', exported['report.html']!);
  const cli = await evidenceFiles('hostile', hostile, {
    url: 'https://claude.ai/new',
    capturedAt: '2025-09-26T12:00:00.000Z',
    userAgent: VECTORS[2]!.html(at),
    raw: tinyPng(1),
    rawSha256: '0'.repeat(64),
    annotated: tinyPng(2),
    domExcerpt: excerpt,
  });
  files.set('hostile.html', cli.find(([name]) => name === 'hostile.html')![1]);
  // The control: markup that does load, to show that the recording below sees it.
  files.set('control.html', utf8(`<!DOCTYPE html><p>control</p><img alt="" src="${at}/control.png"><img alt="" src="control-relative.png">`));
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
});

afterAll(async () => {
  await lab?.close();
  for (const s of servers) s.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * Opens `url` in a fresh context, lets it load, scrolls to the end (lazy images), waits for the
 * network to be quiet, and returns every request it made but the document itself (and data:
 * URIs, which ask no one).
 */
async function requestsOf(url: string): Promise<{ seen: string[]; attacker: string[]; docServer: string[] }> {
  attackerHits.length = 0;
  docHits.length = 0;
  const context: BrowserContext = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const seen: string[] = [];
  context.on('request', (r) => seen.push(r.url()));
  await context.route('**/*', (route) => {
    seen.push(route.request().url());
    return route.continue();
  });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForLoadState('networkidle');
    // SVG animations start at load; give a one-second animation its time to run.
    await page.waitForTimeout(1200);
    await page.waitForLoadState('networkidle');
  } finally {
    await context.close();
  }
  return {
    seen: [...new Set(seen)].filter((u) => u !== url && !u.startsWith('data:')),
    attacker: [...attackerHits],
    // The document itself, and the browser's own favicon guess, which the document did not ask for.
    docServer: docHits.filter((p) => p !== new URL(url).pathname && p !== '/favicon.ico'),
  };
}

describe('the exported evidence makes no request when opened', () => {
  it('is checked with at least 30 vectors', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(30);
  });

  it('the recording sees requests (a control page that loads two images)', async () => {
    for (const url of [pathToFileURL(join(dir, 'control.html')).href, `${docBase}/control.html`]) {
      const r = await requestsOf(url);
      expect(r.seen.some((u) => u.endsWith('/control.png')), url).toBe(true);
      expect(r.seen.some((u) => u.endsWith('/control-relative.png')), url).toBe(true);
      expect(r.attacker).toEqual(['/control.png']);
    }
    expect((await requestsOf(`${docBase}/control.html`)).docServer).toEqual(['/control-relative.png']);
  });

  it.each(['dom.html', 'report.html', 'hostile.html'])('%s, from disk and over HTTP: zero requests', async (name) => {
    // The file holds the vectors (as markup in dom.html only where they are harmless, as text elsewhere).
    expect(new TextDecoder().decode(files.get(name)!)).toContain('Updates to Consumer Terms');
    for (const url of [pathToFileURL(join(dir, name)).href, `${docBase}/${name}`]) {
      const r = await requestsOf(url);
      expect(r.seen, url).toEqual([]);
      expect(r.attacker, url).toEqual([]);
      expect(r.docServer, url).toEqual([]);
    }
  });

  it('dom.html still holds the dialog (what loads nothing stays)', async () => {
    const html = await readFile(join(dir, 'dom.html'), 'utf8');
    for (const k of KEPT) expect(html).toContain(k);
    expect(html).toContain('<p>end</p>');
  });
});
