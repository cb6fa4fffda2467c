/**
 * `npm start`: audits the bundled demo page (a faithful Claude-style terms dialog), prints the
 * summary table and writes the report and the annotated screenshot to out/.
 */
import { resolve } from 'node:path';
import { runAudit } from './run';
import { MissingBrowserError } from './chromium';
import { formatTable, summaryRow, trainingControls, calloutText } from '../report/summary';

const DEMO = 'test/fixtures/claude-terms-grace-switch.html';
const OUT = 'out';

try {
  const [report] = await runAudit([DEMO], { settleMs: 500, viewport: { width: 1280, height: 800 }, outDir: OUT });
  if (!report) throw new Error('no report');
  process.stdout.write(`${formatTable([summaryRow(report)])}\n\n`);
  for (const c of trainingControls(report)) {
    const surface = report.surfaces.find((s) => s.id === c.surfaceId) ?? null;
    process.stdout.write(`"${c.label}" — ${calloutText(c, surface)}\n`);
    for (const f of c.findings) process.stdout.write(`  [${f.severity}] ${f.id}: ${f.message}\n`);
  }
  for (const s of report.surfaces) for (const f of s.findings) process.stdout.write(`  [${f.severity}] ${f.id}: ${f.message}\n`);
  if (report.deadline) process.stdout.write(`Deadline: ${report.deadline.date} (from the ${report.deadline.source})\n`);
  process.stdout.write(`\nWrote ${resolve(OUT, 'claude-terms-grace-switch.report.json')}\n  and ${resolve(OUT, 'claude-terms-grace-switch.png')}\n`);
  process.exitCode = report.error ? 1 : 0;
} catch (e) {
  if (e instanceof MissingBrowserError) {
    process.stderr.write(`consent-lens: ${e.message}\n`);
    process.exitCode = 3;
  } else throw e;
}
