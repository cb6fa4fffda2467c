/** The audit command line (DESIGN.md, "The CLI contract"). */
import { parseArgs } from 'node:util';

export const USAGE = `usage: npm run audit -- [--json] [--out DIR] [--settle MS] [--viewport WxH] TARGET...

  TARGET          an .html file or an http(s) URL; several may be given
  --json          print exactly one JSON array of reports (one per target) on stdout
  --out DIR       write NAME.report.json and NAME.png (annotated screenshot) per target
  --settle MS     scan once the DOM has been quiet this long (default 500, at most 10000)
  --viewport WxH  browser viewport in CSS px (default 1280x800)
  -h, --help      this text`;

export interface CliOptions {
  json: boolean;
  outDir: string | null;
  settleMs: number;
  viewport: { width: number; height: number };
  targets: string[];
}

export class UsageError extends Error {}

export const MAX_SETTLE_MS = 10_000;

export function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

export function parseCli(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        settle: { type: 'string' },
        viewport: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
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
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a directory');
  if (!positionals.length) throw new UsageError('no TARGET given');
  for (const t of positionals) {
    if (!isUrl(t) && !/\.x?html?$/i.test(t)) {
      throw new UsageError(`TARGET must be an .html file or an http(s) URL, not "${t}"`);
    }
  }
  return { json: values.json, outDir: values.out ?? null, settleMs, viewport, targets: positionals };
}
