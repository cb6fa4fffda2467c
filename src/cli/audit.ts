/**
 * `npm run audit -- [--json] [--out DIR] [--settle MS] [--viewport WxH] [--list FILE]
 * [--concurrency N] [--no-rules] TARGET...`
 * Exit codes: 0 every target scanned; 1 some target could not be scanned (its report says
 * why); 2 bad arguments; 3 no browser.
 */
import { allTargets, parseCli, UsageError, USAGE } from './args';
import { MissingBrowserError } from './chromium';
import { createProgress, runTotals, totalsLine } from './progress';
import { runAudit } from './run';
import { formatTable, summaryRow } from '../report/summary';

export async function main(argv: string[]): Promise<number> {
  let opts;
  let targets: string[];
  try {
    opts = parseCli(argv);
    if (opts === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    targets = await allTargets(opts);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`consent-lens: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  const progress = createProgress(targets.length, process.stderr);
  try {
    const reports = await runAudit(targets, {
      settleMs: opts.settleMs,
      viewport: opts.viewport,
      outDir: opts.outDir,
      concurrency: opts.concurrency,
      noRules: opts.noRules,
      onReport: (r, _i, done) => progress.update(r, done),
    });
    progress.finish();
    const totals = totalsLine(runTotals(reports));
    // With --json, stdout is the JSON array and nothing else.
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
      process.stderr.write(`${totals}\n`);
    } else {
      process.stdout.write(`${formatTable(reports.map(summaryRow))}\n\n${totals}\n`);
      if (opts.outDir) process.stdout.write(`\nReports, screenshots, summary.csv and SHA256SUMS: ${opts.outDir}\n`);
    }
    return reports.some((r) => r.error) ? 1 : 0;
  } catch (e) {
    progress.finish();
    if (e instanceof MissingBrowserError) {
      process.stderr.write(`consent-lens: ${e.message}\n`);
      return 3;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`consent-lens: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
