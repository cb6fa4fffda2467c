/**
 * Short plain-words summaries of a report, shared by the CLI's table and pictures and the
 * extension's callouts. Pure functions of the report object.
 */
import type { Control, Finding, Report, Surface } from '../engine/types';
import { px } from '../engine/colour';

function num(f: Finding | undefined, key: string): number | null {
  const v = f?.measured[key];
  return typeof v === 'number' ? v : null;
}

/** "Pre-set to ON · 28×16 px switch · the Accept button is 45× larger". */
export function calloutText(control: Control, surface: Surface | null): string {
  const bits: string[] = [];
  const by = (id: Finding['id']): Finding | undefined => control.findings.find((f) => f.id === id);
  if (by('preselected')) bits.push('Pre-set to ON');
  else bits.push(`Now ${control.state.toUpperCase()}`);
  const hidden = by('hidden');
  if (hidden) bits.push(`hidden (${String(hidden.measured.reason)})`);
  const oov = by('out-of-view');
  if (oov) bits.push(`${num(oov, 'distancePx')} px out of view`);
  const small = by('small-target');
  if (small) bits.push(`${px(num(small, 'widthPx') ?? 0)}×${px(num(small, 'heightPx') ?? 0)} px ${control.kind}`);
  const low = by('low-contrast');
  if (low) {
    // Name the part that failed: the label's text, or else the control's own shape.
    const label = num(low, 'labelContrast');
    const labelFails = label !== null && label < (num(low, 'labelRequired') ?? 4.5);
    bits.push(labelFails ? `label contrast ${label}:1` : `contrast ${num(low, 'controlContrast')}:1`);
  }
  const fh = by('false-hierarchy');
  if (fh && surface?.primaryAction) {
    // Say what the accept action won on; it may be smaller and still outweigh the control.
    const fmt = (r: number): string => (r >= 10 ? String(Math.round(r)) : r.toFixed(1));
    const area = num(fh, 'areaRatio') ?? 0;
    const font = num(fh, 'fontRatio') ?? 0;
    const name = surface.primaryAction.label;
    if (area >= 4) bits.push(`the ${name} button is ${fmt(area)}× larger`);
    else if (font >= 1.25) bits.push(`the ${name} button's text is ${fmt(font)}× bigger`);
    else bits.push(`the ${name} button has ${fmt(num(fh, 'contrastRatio') ?? 0)}× the contrast`);
  }
  if (by('vague-label')) bits.push('vague label');
  return bits.join(' · ');
}

export function trainingControls(report: Report): Control[] {
  return report.controls.filter((c) => c.purpose === 'ai-training');
}

/** One line per target for the terminal. */
export interface SummaryRow {
  target: string;
  service: string;
  training: string;
  state: string;
  findings: string;
  deadline: string;
}

export function summaryRow(report: Report): SummaryRow {
  const training = trainingControls(report);
  const ids = new Set<string>();
  for (const c of training) for (const f of c.findings) ids.add(f.id);
  for (const s of report.surfaces) for (const f of s.findings) ids.add(f.id);
  return {
    target: report.target,
    service: report.service ?? '—',
    training: report.error ? 'error' : String(training.length),
    state: report.error ? report.error : training.map((c) => c.state).join(', ') || '—',
    findings: [...ids].join(', ') || '—',
    deadline: report.deadline ? `${report.deadline.date} (${report.deadline.source})` : '—',
  };
}

export function formatTable(rows: SummaryRow[]): string {
  const head: SummaryRow = {
    target: 'target',
    service: 'service',
    training: 'training controls',
    state: 'state',
    findings: 'findings',
    deadline: 'deadline',
  };
  const keys = Object.keys(head) as (keyof SummaryRow)[];
  const all = [head, ...rows];
  const width = (k: keyof SummaryRow): number => Math.min(90, Math.max(...all.map((r) => r[k].length)));
  const cell = (r: SummaryRow, k: keyof SummaryRow): string => {
    const v = r[k].length > 90 ? `${r[k].slice(0, 89)}…` : r[k];
    return v.padEnd(width(k));
  };
  const line = (r: SummaryRow): string => keys.map((k) => cell(r, k)).join('  ').trimEnd();
  const rule = keys.map((k) => '─'.repeat(width(k))).join('  ');
  return [line(head), rule, ...rows.map(line)].join('\n');
}
