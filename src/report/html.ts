/**
 * The self-contained HTML report of one evidence record: one document, images inline as data:
 * URIs, CSS inline, no script at all, and a Content-Security-Policy that would stop one anyway.
 * Every piece of page-derived text goes through `html` (markup.ts), which escapes it; the DOM
 * excerpt is shown as source text, never rendered. Pure: used by the extension's export and by
 * the CLI's `--out`.
 */
import type { Box, Control, Finding, Report, Surface } from '../engine/types';
import type { EvidenceImages, EvidenceRecord, Provenance } from '../shared/evidence';
import { html, imageMime, linkableUrl, Markup, toBase64 } from './markup';

export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const STYLE = `
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d1d5db; }
h3 { font-size: 15px; margin: 18px 0 6px; overflow-wrap: anywhere; }
.sub { color: #4b5563; margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border: 1px solid #e5e7eb; overflow-wrap: anywhere; }
th { background: #f9fafb; font-weight: 600; width: 14em; }
table.grid th { width: auto; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
figure { margin: 12px 0 20px; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #d1d5db; }
figcaption { color: #4b5563; font-size: 12px; margin-top: 4px; overflow-wrap: anywhere; }
.control, .surface { border: 1px solid #e5e7eb; border-radius: 6px; padding: 4px 14px 10px; margin: 12px 0; }
.finding { border-left: 4px solid #9ca3af; padding: 2px 0 2px 10px; margin: 10px 0; }
.finding.high { border-color: #dc2626; }
.finding.medium { border-color: #d97706; }
.finding.low { border-color: #2563eb; }
.sev { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; padding: 0 6px; border-radius: 3px; background: #e5e7eb; }
.high .sev { background: #fee2e2; color: #991b1b; }
.medium .sev { background: #fef3c7; color: #92400e; }
.low .sev { background: #dbeafe; color: #1e40af; }
.state-on { color: #b91c1c; font-weight: 700; }
.state-off { color: #15803d; font-weight: 700; }
.refs { color: #4b5563; font-size: 12px; margin: 2px 0 0; padding-left: 18px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f9fafb; border: 1px solid #e5e7eb; padding: 10px; }
.error { color: #991b1b; font-weight: 600; }
footer { margin-top: 32px; color: #6b7280; font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  figure, .finding, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  pre { font-size: 8pt; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 14mm; }
`;

// Our own constants, not page text: kept verbatim (the CSP reads as written in the source).
const CSP_ATTR = new Markup(REPORT_CSP);
const STYLE_MARKUP = new Markup(STYLE);

function fmtBox(b: Box): string {
  const n = (v: number): string => String(Math.round(v * 10) / 10);
  return `x ${n(b.x)}, y ${n(b.y)} · ${n(b.width)}×${n(b.height)} px`;
}

/** An address as text, and a live link only for http(s). */
function address(url: string): Markup {
  const href = linkableUrl(url);
  return href ? html`<a href="${href}" rel="noopener noreferrer" class="mono">${url}</a>` : html`<span class="mono">${url}</span>`;
}

function row(name: string, value: Markup | string | null): Markup {
  return html`<tr><th scope="row">${name}</th><td>${value ?? '—'}</td></tr>`;
}

function redactionSummary(r: Provenance['redaction']): string {
  if (!r.enabled) return 'off';
  const what = r.masked.length ? r.masked.join(', ') : 'nothing found to mask';
  return `on — masked: ${what} (${r.regions} region${r.regions === 1 ? '' : 's'})`;
}

function provenance(record: EvidenceRecord): Markup {
  const p = record.provenance;
  const r = record.report;
  return html`<table>
${row('Page URL', address(p.url))}
${r.savedFrom ? row('Saved from', address(r.savedFrom)) : null}
${row('Page title', p.title || null)}
${row('Captured at (UTC)', p.capturedAt)}
${row('Scanned at (UTC)', r.scannedAt)}
${row('Service', p.service ?? 'unknown')}
${row('Tool', `Consent Lens ${p.tool.name} ${p.tool.version}`)}
${row('Engine version', p.engineVersion)}
${row('User agent', html`<span class="mono">${p.userAgent}</span>`)}
${row('Viewport', `${p.viewport.width}×${p.viewport.height} CSS px at ${p.viewport.devicePixelRatio}× device pixels`)}
${row('Capture method', `${p.capture.method}${p.capture.parts > 1 ? ` (${p.capture.parts} parts)` : ''}`)}
${row('Redaction', redactionSummary(p.redaction))}
${row('Raw image SHA-256', html`<span class="mono">${p.rawSha256}</span>`)}
${row('Record id', html`<span class="mono">${record.id}</span>`)}
${r.error ? row('Scan error', html`<span class="error">${r.error}</span>`) : null}
</table>`;
}

function figure(bytes: Uint8Array, alt: string, caption: string, sha256: string | null): Markup {
  const src = `data:${imageMime(bytes)};base64,${toBase64(bytes)}`;
  return html`<figure><img src="${src}" alt="${alt}"><figcaption>${caption}${sha256 ? html` · SHA-256 <span class="mono">${sha256}</span>` : null}</figcaption></figure>`;
}

function finding(f: Finding): Markup {
  const measured = Object.entries(f.measured);
  return html`<div class="finding ${f.severity}">
<p><span class="sev">${f.severity}</span> <code>${f.id}</code> — ${f.message}</p>
${measured.length ? html`<table class="grid"><thead><tr><th scope="col">measured</th><th scope="col">value</th></tr></thead><tbody>${measured.map(([k, v]) => html`<tr><td class="mono">${k}</td><td class="mono">${String(v)}</td></tr>`)}</tbody></table>` : null}
${f.refs.length ? html`<ul class="refs">${f.refs.map((ref) => html`<li>${ref}</li>`)}</ul>` : null}
</div>`;
}

function stateText(state: string): Markup {
  return html`<span class="state-${state}">${state.toUpperCase()}</span>`;
}

function control(c: Control, n: number, surfaces: Surface[]): Markup {
  const surface = surfaces.find((s) => s.id === c.surfaceId);
  return html`<section class="control">
<h3>${n}. ${c.label || '(no label)'}</h3>
<table>
${row('State', stateText(c.state))}
${row('Kind', c.kind)}
${row('Visible box', fmtBox(c.box))}
${row('In', surface ? `${surface.title || '(untitled)'} (${surface.kind})` : null)}
${c.description ? row('Description', c.description) : null}
</table>
${c.findings.length ? c.findings.map(finding) : html`<p>No findings.</p>`}
</section>`;
}

function surfaceSection(s: Surface): Markup {
  return html`<section class="surface">
<h3>${s.title || '(untitled)'}</h3>
<table>
${row('Kind', s.kind)}
${row('Box', fmtBox(s.box))}
${row('Primary action', s.primaryAction ? `${s.primaryAction.label} (${fmtBox(s.primaryAction.box)})` : null)}
${s.objection ? row('Objection form', 'yes: there is no switch; the choice is this form') : null}
</table>
${s.findings.length ? s.findings.map(finding) : html`<p>No surface findings.</p>`}
</section>`;
}

function otherControls(report: Report): Markup | null {
  const others = report.controls.filter((c) => c.purpose !== 'ai-training');
  if (!others.length) return null;
  return html`<h2>Other controls on the same surfaces</h2>
<table class="grid"><thead><tr><th scope="col">label</th><th scope="col">state</th><th scope="col">kind</th><th scope="col">findings</th></tr></thead>
<tbody>${others.map((c) => html`<tr><td>${c.label || '(no label)'}</td><td>${stateText(c.state)}</td><td>${c.kind}</td><td class="mono">${c.findings.map((f) => f.id).join(', ') || '—'}</td></tr>`)}</tbody></table>`;
}

function deadline(report: Report): Markup {
  const d = report.deadline;
  if (!d) return html`<p>No deadline found on the page or in the service's rule.</p>`;
  return html`<table>
${row('Date', d.date)}
${row('Source', d.source === 'page' ? 'the page' : "the service's rule (the vendor's announcement)")}
${row('Text', d.text)}
</table>`;
}

function manifest(record: EvidenceRecord): Markup {
  return html`<table class="grid"><thead><tr><th scope="col">file</th><th scope="col">type</th><th scope="col">bytes</th><th scope="col">SHA-256</th></tr></thead>
<tbody>${record.files.map((f) => html`<tr><td class="mono">${f.name}</td><td class="mono">${f.type}</td><td>${f.bytes}</td><td class="mono">${f.sha256}</td></tr>`)}</tbody></table>`;
}

/** One record as a self-contained, script-free HTML document. */
export function renderHtmlReport(input: { record: EvidenceRecord; images: EvidenceImages }): string {
  const { record, images } = input;
  const report = record.report;
  const training = report.controls.filter((c) => c.purpose === 'ai-training');
  const sha = (name: string): string | null => record.files.find((f) => f.name === name)?.sha256 ?? null;
  const heading = record.provenance.title || report.title || record.provenance.url;
  const doc = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP_ATTR}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consent Lens evidence — ${heading}</title>
<style>${STYLE_MARKUP}</style>
</head>
<body>
<header>
<h1>Consent Lens evidence: ${heading}</h1>
<p class="sub">${training.length} AI-training control${training.length === 1 ? '' : 's'} · ${report.surfaces.length} surface${report.surfaces.length === 1 ? '' : 's'} · captured ${record.provenance.capturedAt}</p>
</header>
<h2>Provenance</h2>
${provenance(record)}
<h2>Screenshots</h2>
${figure(images.annotated, 'Annotated screenshot: numbered boxes on the AI-training controls, the accept action outlined, and a legend', 'Annotated copy (its footer is stamped with the raw image’s SHA-256)', sha('annotated.png'))}
${figure(images.raw, 'Raw screenshot of the page as captured, without annotations', 'Raw image, as captured', sha('raw.png'))}
<h2>AI-training controls</h2>
${training.length ? training.map((c, i) => control(c, i + 1, report.surfaces)) : html`<p>None found.</p>`}
${otherControls(report)}
<h2>Surfaces</h2>
${report.surfaces.length ? report.surfaces.map(surfaceSection) : html`<p>No dialog or settings panel found.</p>`}
<h2>Deadline</h2>
${deadline(report)}
<h2>Files</h2>
${manifest(record)}
<h2>DOM excerpt (sanitised source, shown as text)</h2>
<pre><code>${record.domExcerpt || '(empty)'}</code></pre>
<footer>${record.schema} · ${report.schema} · made by Consent Lens ${record.provenance.tool.name} ${record.provenance.tool.version}. This page contains no script; page text is shown as text.</footer>
</body>
</html>
`;
  return doc.source;
}
