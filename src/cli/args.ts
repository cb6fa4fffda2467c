/** The audit command line (DESIGN.md, "The CLI contract"). */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, dirname } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const USAGE = `usage: npm run audit -- [--json] [--out DIR] [--settle MS] [--viewport WxH]
                        [--list FILE] [--concurrency N] [--no-rules] TARGET...

  TARGET           an .html file or an http(s) URL; several may be given
  --list FILE      also audit the targets listed in FILE, one per line (blank lines and
                   lines starting with # are skipped; relative paths are read from FILE's folder)
  --json           print exactly one JSON array of reports (one per target) on stdout
  --out DIR        write per target NAME.report.json, NAME.png (annotated screenshot),
                   NAME.raw.png (as loaded) and NAME.html (self-contained report); and
                   summary.csv (one row per control) and SHA256SUMS (for sha256sum -c)
  --concurrency N  audit up to N targets at once, 1 to 8 (default 2); reports stay in order
  --settle MS      scan once the DOM has been quiet this long (default 500, at most 10000)
  --viewport WxH   browser viewport in CSS px (default 1280x800)
  --no-rules       scan with no service rule at all: the general heuristics alone (no service
                   id, deadline or settings link in the reports)
  -h, --help       this text`;

export interface CliOptions {
  json: boolean;
  outDir: string | null;
  settleMs: number;
  viewport: { width: number; height: number };
  /** The positional targets, in order; the --list file's targets are read later (readTargetList). */
  targets: string[];
  list: string | null;
  concurrency: number;
  /** Scan with no service rule: the general heuristics alone. */
  noRules: boolean;
}

export class UsageError extends Error {}

export const MAX_SETTLE_MS = 10_000;
export const MAX_CONCURRENCY = 8;
export const DEFAULT_CONCURRENCY = 2;

export function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

/** node:util's parseArgs, strict, with positionals (the audit's and the eval's command lines); what it refuses is a UsageError. */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function parseCli(argv: string[]): CliOptions | 'help' {
  const { values, positionals } = parseOptions(argv, {
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    settle: { type: 'string' },
    viewport: { type: 'string' },
    list: { type: 'string' },
    concurrency: { type: 'string' },
    'no-rules': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return 'help';
  let settleMs = 500;
  if (values.settle !== undefined) {
    if (!/^\d+$/.test(values.settle) || Number(values.settle) > MAX_SETTLE_MS) {
      throw new UsageError(`--settle takes a whole number of milliseconds from 0 to ${MAX_SETTLE_MS}, not "${values.settle}"`);
    }
    settleMs = Number(values.settle);
  }
  let viewport = { width: 1280, height: 800 };
  if (values.viewport !== undefined) {
    const m = /^(\d{3,5})x(\d{3,5})$/i.exec(values.viewport);
    const width = Number(m?.[1]);
    const height = Number(m?.[2]);
    if (!m || width < 200 || height < 200 || width > 7680 || height > 7680) {
      throw new UsageError(`--viewport takes WIDTHxHEIGHT in CSS px between 200 and 7680, such as 1280x800, not "${values.viewport}"`);
    }
    viewport = { width, height };
  }
  let concurrency = DEFAULT_CONCURRENCY;
  if (values.concurrency !== undefined) {
    const n = Number(values.concurrency);
    if (!/^\d+$/.test(values.concurrency) || n < 1 || n > MAX_CONCURRENCY) {
      throw new UsageError(`--concurrency takes a whole number from 1 to ${MAX_CONCURRENCY}, not "${values.concurrency}"`);
    }
    concurrency = n;
  }
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a directory');
  if (values.list !== undefined && values.list.trim() === '') throw new UsageError('--list needs a file');
  if (!positionals.length && values.list === undefined) throw new UsageError('no TARGET given');
  for (const t of positionals) checkTarget(t);
  return {
    json: values.json,
    outDir: values.out ?? null,
    settleMs,
    viewport,
    targets: positionals,
    list: values.list ?? null,
    concurrency,
    noRules: values['no-rules'],
  };
}

function checkTarget(t: string, where = ''): void {
  if (!isUrl(t) && !/\.x?html?$/i.test(t)) {
    throw new UsageError(`${where}TARGET must be an .html file or an http(s) URL, not "${t}"`);
  }
}

/**
 * The targets of a list file's text: one per line, surrounding spaces trimmed; blank lines and
 * lines starting with "#" skipped (a "#" later in a line is kept: URLs have fragments). A
 * relative file path is read from the list's folder (`listPath`'s directory).
 */
export function parseTargetList(text: string, listPath: string): string[] {
  const targets: string[] = [];
  for (const [i, raw] of text.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    checkTarget(line, `${listPath}:${i + 1}: `);
    targets.push(isUrl(line) || isAbsolute(line) ? line : join(dirname(listPath), line));
  }
  return targets;
}

/** Reads a --list file; a file that cannot be read is a bad argument. */
export async function readTargetList(listPath: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(listPath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `--list: no such file: ${listPath}` : `--list: cannot read ${listPath} (${code ?? String(e)})`);
  }
  return parseTargetList(text, listPath);
}

/** Every target of a run: the positional ones, then the list's. */
export async function allTargets(opts: CliOptions): Promise<string[]> {
  const targets = [...opts.targets, ...(opts.list ? await readTargetList(opts.list) : [])];
  if (!targets.length) throw new UsageError(`no TARGET given (${opts.list} lists none)`);
  return targets;
}
