/**
 * Progress of a run on stderr: a bar redrawn in place when stderr is a terminal (failures stay
 * above it as lines), one plain line per finished target otherwise (logs, CI, pipes); and the
 * totals line for the end.
 */
import type { Report } from '../engine/types';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** A target finished (`done` of the total so far). */
  update(report: Report, done: number): void;
  /** Leaves the terminal's line clean. */
  finish(): void;
}

/** `[3/10] target — ok` or `[3/10] target — error: why`. */
export function progressLine(report: Report, done: number, total: number): string {
  return `[${done}/${total}] ${report.target} — ${report.error ? `error: ${report.error}` : 'ok'}`;
}

/** `[██████░░░░░░]  3/10  1 failed  last: target`, fitted to the terminal's width. */
export function progressBar(done: number, total: number, failed: number, last: string, columns: number): string {
  const width = 24;
  const filled = total ? Math.round((done / total) * width) : width;
  let line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}${failed ? `  ${failed} failed` : ''}  ${last}`;
  const room = Math.max(columns, 40) - 1;
  if (line.length > room) line = `${line.slice(0, room - 1)}…`;
  return line;
}

export function createProgress(total: number, stream: ProgressStream): Progress {
  const tty = stream.isTTY === true;
  let failed = 0;
  let drawn = false;
  return {
    update(report, done) {
      if (report.error) failed++;
      if (tty) {
        // A failure stays on screen above the bar; the bar is redrawn under it.
        if (report.error) stream.write(`\r\x1b[2K${progressLine(report, done, total)}\n`);
        // A terminal that does not know its size says 0 columns.
        stream.write(`\r\x1b[2K${progressBar(done, total, failed, report.target, stream.columns || 80)}`);
        drawn = true;
      } else {
        stream.write(`${progressLine(report, done, total)}\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

export interface RunTotals {
  targets: number;
  scanned: number;
  failed: number;
  training: number;
  findings: number;
}

/** Findings count every finding on an AI-training control and every surface finding. */
export function runTotals(reports: readonly Report[]): RunTotals {
  let training = 0;
  let findings = 0;
  for (const r of reports) {
    for (const c of r.controls) {
      if (c.purpose !== 'ai-training') continue;
      training++;
      findings += c.findings.length;
    }
    for (const s of r.surfaces) findings += s.findings.length;
  }
  const failed = reports.filter((r) => r.error).length;
  return { targets: reports.length, scanned: reports.length - failed, failed, training, findings };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `10 targets, 9 scanned, 1 failed, 7 AI-training controls, 23 findings` */
export function totalsLine(t: RunTotals): string {
  return [
    plural(t.targets, 'target'),
    `${t.scanned} scanned`,
    `${t.failed} failed`,
    plural(t.training, 'AI-training control'),
    plural(t.findings, 'finding'),
  ].join(', ');
}
