/**
 * summary.csv: one row per control over a whole run, for a spreadsheet. RFC 4180 (CRLF line
 * ends, fields with a comma, quote or line break quoted, quotes doubled), and page text that
 * looks like a formula is neutralised so a spreadsheet shows it instead of running it (OWASP
 * "CSV injection").
 */
import type { Report } from '../engine/types';

export const SUMMARY_CSV_HEADER = ['target', 'service', 'label', 'purpose', 'state', 'kind', 'findings'] as const;

/** A cell that starts like a formula (= + - @, or a tab or carriage return) gets a leading apostrophe. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One field: neutralised, then quoted when RFC 4180 needs it. */
export function csvField(value: string): string {
  const v = neutraliseFormula(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** The whole file: the header, then each report's controls in order. Failed targets add no rows. */
export function summaryCsv(reports: readonly Report[]): string {
  const rows: string[] = [csvRecord(SUMMARY_CSV_HEADER)];
  for (const r of reports) {
    for (const c of r.controls) {
      rows.push(csvRecord([r.target, r.service ?? '', c.label, c.purpose, c.state, c.kind, c.findings.map((f) => f.id).join(';')]));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
