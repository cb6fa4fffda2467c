/**
 * What the annotated copy shows, as data (pure): numbered boxes and callouts on the AI-training
 * controls, the accept action outlined, the legend's lines and the footer stamp. One for the
 * extension's captures (src/background/capture.ts), placed on a viewport capture or on a
 * stitched dialog, and for the CLI's screenshots (src/cli/annotate.ts);
 * annotated-picture.ts turns it into pixels.
 */
import type { Finding, Report } from '../engine/types';
import { placeBox, type Rect } from '../shared/capture-geometry';
import type { RedactionKind } from '../shared/evidence';
import { primaryActionKey, type StitchLayout } from '../shared/messages';
import { calloutText, trainingControls } from './summary';
import { footerText, type Stamp } from './stamp';

export interface AnnotationMark {
  n: number;
  /** In picture coordinates; null when the control cannot be seen in the picture. */
  box: Rect | null;
  callout: string;
  label: string;
  state: string;
  findings: string[];
}

export interface Annotation {
  marks: AnnotationMark[];
  primary: { box: Rect; label: string }[];
  heading: string;
  /** Legend lines after the marks: surface findings, deadline, how the picture was made. */
  lines: string[];
  /** The stamp, one entry per line. */
  footer: string[];
}

export interface AnnotationInput {
  report: Report;
  /** Window scroll at the scan. */
  scroll: { x: number; y: number };
  layout: StitchLayout | null;
  picture: { width: number; height: number };
  stamp: Stamp;
  /** How the extension made the picture, and what its redaction did: said in the legend (the CLI has neither). */
  capture?: { method: 'viewport' | 'stitched'; parts: number; truncated: boolean };
  redaction?: { enabled: boolean; masked: RedactionKind[]; regions: number };
}

/** The first four numbers behind a finding; not the unrounded twins (`<key>Exact`) the sentence is worded from. */
function measuredText(f: Finding): string {
  const bits = Object.entries(f.measured)
    .filter(([k]) => !k.endsWith('Exact'))
    .slice(0, 4)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v)}`);
  return bits.length ? ` (${bits.join(', ')})` : '';
}

export function redactionLine(r: NonNullable<AnnotationInput['redaction']>): string {
  if (!r.enabled) return 'Redaction: off.';
  if (!r.regions) return 'Redaction: on; no account name, email address or avatar was found on screen.';
  return `Redaction: ${r.masked.join(', ')} masked (${r.regions} region${r.regions === 1 ? '' : 's'}).`;
}

export function annotationFor(input: AnnotationInput): Annotation {
  const { report, scroll, layout, picture } = input;
  const place = (box: Rect, id: string): Rect | null => placeBox(box, id, scroll, layout, picture);
  const marks: AnnotationMark[] = trainingControls(report).map((c, i) => {
    const surface = report.surfaces.find((s) => s.id === c.surfaceId) ?? null;
    const hidden = c.findings.some((f) => f.id === 'hidden');
    // An out-of-view control is drawn when the stitched picture shows it.
    const outOfView = c.findings.some((f) => f.id === 'out-of-view');
    const box = hidden || (outOfView && !layout) ? null : place(c.box, c.id);
    return {
      n: i + 1,
      box,
      callout: calloutText(c, surface),
      label: c.label,
      state: c.state,
      findings: c.findings.map((f) => `[${f.severity}] ${f.message}${measuredText(f)}`),
    };
  });
  const primary: Annotation['primary'] = [];
  for (const s of report.surfaces) {
    if (!s.primaryAction || !report.controls.some((c) => c.surfaceId === s.id && c.purpose === 'ai-training')) continue;
    const box = place(s.primaryAction.box, primaryActionKey(s.id));
    if (box) primary.push({ box, label: s.primaryAction.label });
  }
  const lines: string[] = [];
  for (const s of report.surfaces) for (const f of s.findings) lines.push(`${s.title || 'Dialog'}: ${f.message}`);
  if (report.deadline) lines.push(`Deadline ${report.deadline.date} (from the ${report.deadline.source}): ${report.deadline.text}`);
  if (input.capture) {
    const { method, parts, truncated } = input.capture;
    lines.push(
      method === 'stitched'
        ? `Whole dialog, stitched from ${parts} captures as it was scrolled${truncated ? ' (cut: the dialog is longer than one picture may be)' : ''}.`
        : 'The visible tab, as captured.',
    );
  }
  if (input.redaction) lines.push(redactionLine(input.redaction));
  const n = marks.length;
  return {
    marks,
    primary,
    heading: report.error ? `Could not scan: ${report.error}` : `${n} AI-training control${n === 1 ? '' : 's'} found`,
    lines,
    footer: footerText(input.stamp).split('\n'),
  };
}
