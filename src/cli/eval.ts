/**
 * `npm run eval -- [--no-rules] [--min-precision P] [--min-recall R] [--min-state S]
 *                  [--min-clean C] [DIR]`
 * The real audit (the same engine bundle, in the same Chromium, as `npm run audit`) over a
 * labelled corpus (default test/corpus: pages nobody on this project wrote, with labels.json
 * written by hand from what a person sees), scored by src/report/eval-score.ts: each page's
 * misses and false detections, then precision, recall and F1 of AI-training controls, state
 * accuracy, label accuracy and clean negatives. Writes out/eval.json (out/eval-no-rules.json
 * with --no-rules). Exit codes: 0 every threshold met; 1 a figure below its threshold or a page
 * that could not be scanned; 2 bad arguments or a bad labels file; 3 no browser.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseOptions, UsageError } from './args';
import { MissingBrowserError } from './chromium';
import { runAudit } from './run';
import { figures, labelProblems, scorePage, type Figures, type Labels, type PageScore } from '../report/eval-score';

export const EVAL_USAGE = `usage: npm run eval -- [--no-rules] [--min-precision P] [--min-recall R] [--min-state S]
                       [--min-clean C] [DIR]

  DIR              a corpus: HTML pages and labels.json (default test/corpus)
  --no-rules       scan with no service rule at all: the general heuristics alone
  --min-precision  exit 1 when precision of AI-training controls is below P (0 to 1; default 0)
  --min-recall     exit 1 when recall is below R (default 0)
  --min-state      exit 1 when state accuracy of the matched controls is below S (default 0)
  --min-clean      exit 1 when the share of negative pages with no training control is below C (default 0)
  -h, --help       this text`;

interface EvalOptions {
  dir: string;
  noRules: boolean;
  min: { precision: number; recall: number; stateAccuracy: number; cleanNegatives: number };
}

function share(name: string, v: string | undefined): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!/^\d*\.?\d+$/.test(v) || n < 0 || n > 1) throw new UsageError(`--${name} takes a number from 0 to 1, not "${v}"`);
  return n;
}

export function parseEval(argv: string[]): EvalOptions | 'help' {
  const { values, positionals } = parseOptions(argv, {
    'no-rules': { type: 'boolean', default: false },
    'min-precision': { type: 'string' },
    'min-recall': { type: 'string' },
    'min-state': { type: 'string' },
    'min-clean': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return 'help';
  if (positionals.length > 1) throw new UsageError('give at most one corpus folder');
  return {
    dir: positionals[0] ?? 'test/corpus',
    noRules: values['no-rules'],
    min: {
      precision: share('min-precision', values['min-precision']),
      recall: share('min-recall', values['min-recall']),
      stateAccuracy: share('min-state', values['min-state']),
      cleanNegatives: share('min-clean', values['min-clean']),
    },
  };
}

async function readLabels(dir: string): Promise<Labels> {
  const path = join(dir, 'labels.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let labels: unknown;
  try {
    labels = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const problems = labelProblems(labels);
  if (problems.length) throw new UsageError(`${path}:\n  ${problems.join('\n  ')}`);
  return labels as Labels;
}

function pageLines(p: PageScore): string[] {
  const out: string[] = [];
  if (p.error) out.push(`  ${p.file}: could not be scanned: ${p.error}`);
  for (const m of p.missed) out.push(`  ${p.file}: missed "${m.label}" (${m.state})`);
  for (const x of p.extra) out.push(`  ${p.file}: found "${x.label}" (${x.state}), which is not labelled as an AI-training control`);
  for (const m of p.matches) {
    if (!m.stateRight) out.push(`  ${p.file}: "${m.label.label}" is ${m.label.state}, read as ${m.found.state}`);
    if (m.by === 'position') out.push(`  ${p.file}: "${m.label.label}" was named "${m.found.label}"`);
  }
  return out;
}

export function figuresText(f: Figures, noRules: boolean): string {
  return [
    `${f.pages} pages (${f.positives} with AI-training controls, ${f.negatives} without), ${noRules ? 'no rules' : 'with rules'}`,
    `precision ${f.precision.toFixed(3)}  recall ${f.recall.toFixed(3)}  F1 ${f.f1.toFixed(3)}  (${f.truePositives} of ${f.labelled} labelled controls found, ${f.found} found in all)`,
    `state accuracy ${f.stateAccuracy.toFixed(3)}  label accuracy ${f.labelAccuracy.toFixed(3)}  clean negatives ${f.negativesClean}/${f.negatives}`,
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let opts: EvalOptions;
  let labels: Labels;
  try {
    const parsed = parseEval(argv);
    if (parsed === 'help') {
      process.stdout.write(`${EVAL_USAGE}\n`);
      return 0;
    }
    opts = parsed;
    labels = await readLabels(opts.dir);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`consent-lens eval: ${e.message}\n\n${EVAL_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  const files = Object.keys(labels).sort();
  let reports;
  try {
    reports = await runAudit(
      files.map((f) => resolve(opts.dir, f)),
      { settleMs: 300, viewport: { width: 1280, height: 800 }, outDir: null, concurrency: 2, noRules: opts.noRules },
    );
  } catch (e) {
    if (e instanceof MissingBrowserError) {
      process.stderr.write(`consent-lens eval: ${e.message}\n`);
      return 3;
    }
    throw e;
  }
  const pages = files.map((f, i) => scorePage(f, labels[f]!, reports[i]!));
  const f = figures(pages);
  const lines = pages.flatMap(pageLines);
  process.stdout.write(`${lines.length ? `Misses and errors:\n${lines.join('\n')}\n\n` : 'No misses.\n\n'}${figuresText(f, opts.noRules)}\n`);
  await mkdir('out', { recursive: true });
  const out = join('out', opts.noRules ? 'eval-no-rules.json' : 'eval.json');
  await writeFile(out, `${JSON.stringify({ corpus: opts.dir, noRules: opts.noRules, figures: f, pages }, null, 2)}\n`);
  process.stdout.write(`Written: ${out}\n`);
  const below = (Object.keys(opts.min) as (keyof EvalOptions['min'])[]).filter((k) => f[k] < opts.min[k]);
  for (const k of below) process.stderr.write(`consent-lens eval: ${k} ${f[k]} is below ${opts.min[k]}\n`);
  return below.length || f.errors ? 1 : 0;
}

if (process.argv[1] && /eval\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`consent-lens eval: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
