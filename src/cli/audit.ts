/**
 * `npm run audit -- [--json] [--out DIR] [--settle MS] [--viewport WxH] TARGET...`
 * Exit codes: 0 every target scanned; 1 some target could not be scanned (its report says
 * why); 2 bad arguments; 3 no browser.
 */
import { parseCli, UsageError, USAGE } from './args';
import { MissingBrowserError } from './chromium';
import { runAudit } from './run';
import { formatTable, summaryRow } from '../report/summary';

export async function main(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`consent-lens: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const reports = await runAudit(opts.targets, {
      settleMs: opts.settleMs,
      viewport: opts.viewport,
      outDir: opts.outDir,
      onReport: opts.json
        ? undefined
        : (r, i) => process.stderr.write(`[${i + 1}/${opts.targets.length}] ${r.target}${r.error ? ` — error: ${r.error}` : ''}\n`),
    });
    if (opts.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    else {
      process.stdout.write(`${formatTable(reports.map(summaryRow))}\n`);
      if (opts.outDir) process.stdout.write(`\nReports and annotated screenshots: ${opts.outDir}\n`);
    }
    return reports.some((r) => r.error) ? 1 : 0;
  } catch (e) {
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
