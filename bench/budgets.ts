/**
 * The benchmark's pure parts: statistics, the budgets of DESIGN.md ("Budgets") and how a
 * measured figure is judged against them, and the printed table.
 */

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list; NaN for an empty one. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Budget {
  /** The figure must be at most this (in the row's unit). */
  max: number;
  /** Where it comes from, e.g. "DESIGN.md: ≤ 60 KB minified". */
  source: string;
}

export const BUDGETS = {
  contentScriptBytes: { max: 60 * 1024, source: 'content script ≤ 60 KB minified' },
  contentScriptPreact: { max: 0, source: 'no Preact in the content script' },
  scanToWalk: { max: 1, source: 'a scan costs no more than one plain walk over every element' },
  highlightP95Ms: { max: 100, source: 'highlight within 100 ms (p95) of a dialog appearing' },
  streamingOverhead: { max: 0.01, source: 'added main-thread time ≤ 1% during a streaming reply' },
} as const satisfies Record<string, Budget>;

export type Verdict = 'pass' | 'FAIL' | 'info';

export interface Row {
  /** Short id, stable across runs (for results.json consumers). */
  id: string;
  /** What was measured, for a person. */
  label: string;
  /** The figure (in `unit`). */
  value: number;
  unit: 'bytes' | 'ms' | 'ratio' | 'share' | 'per-s' | 'count';
  /** Extra context printed after the value, e.g. "scan 42 ms / walk 3.1 ms". */
  detail?: string;
  budget?: Budget;
}

export interface Judged extends Row {
  verdict: Verdict;
  /** value / budget.max, when there is a budget with a non-zero max. */
  ofBudget: number | null;
}

export function judge(row: Row): Judged {
  if (!row.budget) return { ...row, verdict: 'info', ofBudget: null };
  const ok = Number.isFinite(row.value) && row.value <= row.budget.max;
  return { ...row, verdict: ok ? 'pass' : 'FAIL', ofBudget: row.budget.max > 0 ? row.value / row.budget.max : null };
}

export function formatValue(value: number, unit: Row['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'bytes':
      return value >= 1024 ? `${(value / 1024).toFixed(1)} KB` : `${value} B`;
    case 'ms':
      return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
    case 'ratio':
      return `${value.toFixed(2)}×`;
    case 'share':
      return `${(value * 100).toFixed(2)}%`;
    case 'per-s':
      return `${value.toFixed(2)}/s`;
    case 'count':
      return String(value);
  }
}

/** A plain-text table (also valid Markdown), one line per row. */
export function formatTable(rows: readonly Judged[]): string {
  const head = ['Measure', 'Value', 'Budget', 'Of budget', 'Result', 'Detail'];
  const body = rows.map((r) => [
    r.label,
    formatValue(r.value, r.unit),
    r.budget ? `≤ ${formatValue(r.budget.max, r.unit)}` : '',
    r.ofBudget === null ? '' : `${r.ofBudget.toFixed(2)}×`,
    r.verdict === 'info' ? '' : r.verdict,
    r.detail ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** Exit code of the bench: 1 when any budget is missed. */
export function exitCode(rows: readonly Judged[]): number {
  return rows.some((r) => r.verdict === 'FAIL') ? 1 : 0;
}
