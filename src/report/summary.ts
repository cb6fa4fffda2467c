/**
 * Short plain-words summaries of a report, shared by the CLI's table and pictures and the
 * extension's callouts. Pure functions of the report object.
 */
import type { Control, Report, Surface } from '../engine/types';
import { calloutBits, type CalloutBit } from './callout-bits';

export { calloutBits, type CalloutBit };
import { px } from '../engine/px';

function englishBit(b: CalloutBit): string {
  switch (b.id) {
    case 'preset':
      return 'Pre-set to ON';
    case 'now':
      return `Now ${b.state.toUpperCase()}`;
    case 'hidden':
      return `hidden (${b.reason})`;
    case 'out-of-view':
      return `${b.px} px out of view`;
    case 'small':
      return `${px(b.width)}×${px(b.height)} px ${b.kind}`;
    case 'label-contrast':
      return `label contrast ${b.ratio}:1`;
    case 'contrast':
      return `contrast ${b.ratio}:1`;
    case 'accept-larger':
      return `the ${b.name} button is ${b.ratio.toFixed(b.digits)}× larger`;
    case 'accept-text':
      return `the ${b.name} button's text is ${b.ratio.toFixed(b.digits)}× bigger`;
    case 'accept-contrast':
      return `the ${b.name} button has ${b.ratio.toFixed(b.digits)}× the contrast`;
    case 'vague':
      return 'vague label';
  }
}

/** "Pre-set to ON · 28×16 px switch · the Accept button is 45× larger" (English: CLI, evidence pictures). */
export function calloutText(control: Control, surface: Surface | null): string {
  return calloutBits(control, surface).map(englishBit).join(' · ');
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
