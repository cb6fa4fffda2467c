/**
 * The self-contained HTML report: everything a page said is shown as text, nothing runs, links
 * only for http(s), images inline. Checked on the string and on the parsed document.
 */
import { describe, it, expect } from 'vitest';
import { renderHtmlReport, REPORT_CSP } from '../../src/report/html';
import { escapeHtml, html, linkableUrl, toBase64, imageMime } from '../../src/report/markup';
import type { Control, Report, Surface } from '../../src/engine/types';
import type { EvidenceRecord } from '../../src/shared/evidence';

const EVIL = `<img src=x onerror=alert(1)>`;
const QUOTES = `"double" & 'single' </td></table></pre><script>alert('x')</script>`;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 250, 251, 252]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9]);

function control(over: Partial<Control> = {}): Control {
  return {
    id: 'c1',
    label: `Allow training ${EVIL}`,
    description: `More ${QUOTES}`,
    purpose: 'ai-training',
    state: 'on',
    kind: 'switch',
    box: { x: 10.25, y: 20, width: 28, height: 16 },
    findings: [
      {
        id: 'small-target',
        severity: 'medium',
        message: `Tiny ${EVIL}`,
        measured: { widthPx: 28, heightPx: 16, note: `<b onmouseover="alert(2)">`, passes: false },
        refs: ['WCAG 2.2 SC 2.5.8', `ref ${EVIL}`],
      },
    ],
    surfaceId: 's1',
    ...over,
  };
}

function surface(): Surface {
  return {
    id: 's1',
    kind: 'terms-update',
    title: `Terms ${QUOTES}`,
    box: { x: 0, y: 0, width: 500, height: 400 },
    primaryAction: { label: `Accept ${EVIL}`, box: { x: 1, y: 2, width: 300, height: 44 } },
    findings: [{ id: 'bundled-consent', severity: 'high', message: `Bundled ${EVIL}`, measured: { action: `"><script>alert(3)</script>` }, refs: ['GDPR Art. 7(2)'] }],
  };
}

function record(over: { url?: string; savedFrom?: string | null } = {}): EvidenceRecord {
  const report: Report = {
    schema: 'consent-lens/report@1',
    target: `t ${EVIL}`,
    url: over.url ?? `https://claude.ai/new?q="><script>alert(4)</script>`,
    savedFrom: over.savedFrom ?? null,
    title: `Title ${EVIL}`,
    scannedAt: '2025-09-01T10:00:00.000Z',
    service: 'claude',
    viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
    surfaces: [surface()],
    controls: [control(), control({ id: 'c2', label: `=cmd|' /C calc'!A0 ${EVIL}`, purpose: 'other', state: 'off', findings: [] })],
    deadline: { date: '2025-10-08', text: `Deadline ${EVIL}`, source: 'page' },
    engine: { version: '0.1.0', ms: 3 },
  };
  return {
    schema: 'consent-lens/evidence@1',
    id: 'rec-1',
    provenance: {
      url: report.url,
      title: report.title,
      capturedAt: '2025-09-01T10:00:01.000Z',
      service: 'claude',
      tool: { name: 'cli', version: '0.1.0' },
      engineVersion: '0.1.0',
      userAgent: `UA ${EVIL}`,
      viewport: report.viewport,
      capture: { method: 'stitched', parts: 3 },
      rawSha256: 'a'.repeat(64),
      redaction: { enabled: true, masked: ['name', 'email'], regions: 4 },
    },
    report,
    domExcerpt: `<div onclick="alert(5)"><script>alert(6)</script>${EVIL}</div>`,
    files: [
      { name: 'report.json', type: 'application/json', sha256: 'b'.repeat(64), bytes: 1234 },
      { name: `dom.html${EVIL}`, type: 'text/html', sha256: 'c'.repeat(64), bytes: 99 },
      { name: 'raw.png', type: 'image/png', sha256: 'd'.repeat(64), bytes: PNG.length },
      { name: 'annotated.png', type: 'image/png', sha256: 'e'.repeat(64), bytes: JPEG.length },
    ],
  };
}

function parse(source: string): Document {
  return new DOMParser().parseFromString(source, 'text/html');
}

describe('escapeHtml and html``', () => {
  it('escapes the five characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('escapes interpolated text, keeps nested markup, drops null and undefined, flattens arrays', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${`"x"`}">${inner}${null}${undefined}${['<', html`<br>`, 3]}</p>`.source).toBe(
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;<br>3</p>',
    );
  });
});

describe('linkableUrl', () => {
  it.each([
    ['https://claude.ai/settings', 'https://claude.ai/settings'],
    ['HTTP://Example.com/a b', 'http://example.com/a%20b'],
    ['javascript:alert(1)', null],
    [' javascript:alert(1)', null],
    ['file:///tmp/x.html', null],
    ['data:text/html,<script>', null],
    ['https://', null],
  ])('%s → %s', (url, want) => {
    expect(linkableUrl(url)).toBe(want);
  });
});

describe('toBase64 and imageMime', () => {
  it('matches a reference encoder across chunk boundaries, with every byte value', () => {
    for (const n of [0, 1, 2, 3, 0x8000 - 1, 0x8000, 0x8000 + 1, 100_003]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 131 + 7) & 0xff;
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('names PNG and JPEG by their signatures', () => {
    expect(imageMime(PNG)).toBe('image/png');
    expect(imageMime(JPEG)).toBe('image/jpeg');
    expect(imageMime(new Uint8Array([1, 2, 3]))).toBe('application/octet-stream');
  });
});

describe('renderHtmlReport', () => {
  const out = renderHtmlReport({ record: record(), images: { raw: PNG, annotated: JPEG } });
  const doc = parse(out);

  it('is one document with the CSP first thing after the charset, and no script anywhere', () => {
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<style>'));
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<(img|b|div|td)[^>]*\son\w+=/i);
    expect(doc.querySelectorAll('script, iframe, object, embed, form, base').length).toBe(0);
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) expect(a.name.startsWith('on'), `${el.localName}[${a.name}]`).toBe(false);
    }
  });

  it('has exactly the two images, inline, annotated first, with the right types', () => {
    const imgs = Array.from(doc.querySelectorAll('img'));
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual([
      `data:image/jpeg;base64,${Buffer.from(JPEG).toString('base64')}`,
      `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`,
    ]);
  });

  it('shows every piece of page text literally', () => {
    const text = doc.body.textContent ?? '';
    for (const s of [
      `Allow training ${EVIL}`,
      `More ${QUOTES}`,
      `Tiny ${EVIL}`,
      `<b onmouseover="alert(2)">`,
      `ref ${EVIL}`,
      `Terms ${QUOTES}`,
      `Accept ${EVIL}`,
      `Bundled ${EVIL}`,
      `"><script>alert(3)</script>`,
      `Deadline ${EVIL}`,
      `UA ${EVIL}`,
      `=cmd|' /C calc'!A0 ${EVIL}`,
      `dom.html${EVIL}`,
      `<div onclick="alert(5)"><script>alert(6)</script>${EVIL}</div>`,
      `https://claude.ai/new?q="><script>alert(4)</script>`,
    ]) {
      expect(text).toContain(s);
    }
    expect(doc.title).toBe(`Consent Lens evidence — Title ${EVIL}`);
  });

  it('the DOM excerpt is source text in a <pre>, not elements', () => {
    const pre = doc.querySelector('pre');
    expect(pre?.textContent).toBe(record().domExcerpt);
    expect(pre?.querySelectorAll('*').length).toBe(1); // just the <code>
  });

  it('links only http(s) addresses, normalised and with rel="noopener noreferrer"', () => {
    const links = Array.from(doc.querySelectorAll('a'));
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://claude.ai/new?q=%22%3E%3Cscript%3Ealert(4)%3C/script%3E');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows other addresses as text only', () => {
    for (const url of ['javascript:alert(1)', 'file:///home/alex/saved.html', 'data:text/html,<script>alert(1)</script>']) {
      const d = parse(renderHtmlReport({ record: record({ url }), images: { raw: PNG, annotated: PNG } }));
      expect(d.querySelectorAll('a').length).toBe(0);
      expect(d.body.textContent).toContain(url);
    }
  });

  it('links the saved-from address of a saved page too', () => {
    const d = parse(renderHtmlReport({ record: record({ url: 'file:///x.html', savedFrom: 'https://claude.ai/new' }), images: { raw: PNG, annotated: PNG } }));
    expect(Array.from(d.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(['https://claude.ai/new']);
  });

  it('carries provenance, findings with their numbers and references, the deadline and the manifest', () => {
    const text = doc.body.textContent ?? '';
    for (const s of [
      'Captured at (UTC)2025-09-01T10:00:01.000Z',
      'Consent Lens cli 0.1.0',
      '1280×800 CSS px at 1× device pixels',
      'stitched (3 parts)',
      'on — masked: name, email (4 regions)',
      'a'.repeat(64),
      'widthPx28',
      'passesfalse',
      'WCAG 2.2 SC 2.5.8',
      'x 10.3, y 20 · 28×16 px',
      '2025-10-08',
      'the page',
      'GDPR Art. 7(2)',
    ]) {
      expect(text).toContain(s);
    }
    const manifest = Array.from(doc.querySelectorAll('table.grid'))
      .find((t) => t.textContent?.includes('SHA-256') && t.textContent.includes('report.json'))!;
    expect(Array.from(manifest.querySelectorAll('tbody tr')).map((r) => Array.from(r.querySelectorAll('td')).map((c) => c.textContent))).toEqual([
      ['report.json', 'application/json', '1234', 'b'.repeat(64)],
      [`dom.html${EVIL}`, 'text/html', '99', 'c'.repeat(64)],
      ['raw.png', 'image/png', String(PNG.length), 'd'.repeat(64)],
      ['annotated.png', 'image/png', String(JPEG.length), 'e'.repeat(64)],
    ]);
  });

  it('says when redaction was off and when a target failed', () => {
    const r = record();
    r.provenance.redaction = { enabled: false, masked: [], regions: 0 };
    r.report.error = `boom ${EVIL}`;
    const text = parse(renderHtmlReport({ record: r, images: { raw: PNG, annotated: PNG } })).body.textContent ?? '';
    expect(text).toContain('Redactionoff');
    expect(text).toContain(`boom ${EVIL}`);
  });
});
