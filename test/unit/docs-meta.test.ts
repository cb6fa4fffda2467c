/**
 * The documentation holds together: every docs/*.md is linked from README.md; every relative
 * link in README.md and docs/*.md points at a file that exists, and every #anchor (in the same
 * file or in `file.md#anchor`) at a heading of its target, by GitHub's slug rules; and
 * docs/cli.md names every flag of the audit's USAGE and the eval's EVAL_USAGE.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/args';
import { EVAL_USAGE } from '../../src/cli/eval';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = readdirSync(join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => `docs/${f}`);
const FILES = ['README.md', ...DOCS];

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** The Markdown without fenced code blocks: nothing inside one is a link or a heading. */
function withoutFences(md: string): string {
  return md.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, '');
}

/** Also without inline code spans, whose `[x](y)` is text, not a link. */
function prose(md: string): string {
  return withoutFences(md).replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

/**
 * GitHub's anchor for a heading: the heading's text (link text for links, no emphasis or code
 * marks), lower-cased, every character but letters, digits, spaces, '-' and '_' dropped, each
 * space a '-'. A repeated slug gets -1, -2… in order.
 */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** Every heading's anchor in a Markdown text. */
export function anchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutFences(md).matchAll(/^ {0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)) {
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every link and image target in a Markdown text, inline and reference-style. */
export function links(md: string): string[] {
  const text = prose(md);
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)].map((m) => m[1]!);
  const refs = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  return [...inline, ...refs];
}

const isExternal = (target: string): boolean => /^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//');

/** What is wrong with a link from `file` (a path under ROOT) to `target`; null when it resolves. */
export function problem(file: string, target: string, readTarget: (path: string) => string | null): string | null {
  if (isExternal(target)) return null;
  const hash = target.indexOf('#');
  const path = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  const to = path === '' ? file : relative(ROOT, resolve(ROOT, dirname(file), path));
  if (to.startsWith('..')) return `${target}: outside the repository`;
  if (!existsSync(join(ROOT, to))) return `${target}: no such file (${to})`;
  if (anchor === null) return null;
  if (!to.endsWith('.md')) return `${target}: an anchor into a file that is not Markdown`;
  const md = readTarget(to);
  if (md === null) return `${target}: cannot read ${to}`;
  const known = anchors(md);
  return known.has(anchor) ? null : `${target}: no heading "#${anchor}" in ${to} (has: ${[...known].join(', ')})`;
}

const readOrNull = (path: string): string | null => {
  try {
    return read(path);
  } catch {
    return null;
  }
};

describe('slug, anchors and links', () => {
  it('follows GitHub: lower case, punctuation dropped but - and _, each space a -', () => {
    expect(slug('Your choice over time, and drift')).toBe('your-choice-over-time-and-drift');
    expect(slug('The evidence files from the CLI (`--out DIR`)')).toBe('the-evidence-files-from-the-cli---out-dir');
    expect(slug("The project's own fixtures")).toBe('the-projects-own-fixtures');
    expect(slug('`npm run eval`')).toBe('npm-run-eval');
    expect(slug('snake_case and Ümlaut')).toBe('snake_case-and-ümlaut');
    expect([...anchors('# A\n\n## A\n\n```\n## not a heading\n```\n\n## B ##\n')]).toEqual(['a', 'a-1', 'b']);
  });

  it('finds links outside code only, across a line break in the text too', () => {
    expect(links('[a](x.md) `[b](y.md)` ![c](z.png)\n[d\ne](w.md#f)\n\n```\n[g](v.md)\n```\n[r]: ref.md\n')).toEqual([
      'x.md',
      'z.png',
      'w.md#f',
      'ref.md',
    ]);
  });
});

describe('the docs hold together', () => {
  it('there are docs to check', () => {
    expect(DOCS.length).toBeGreaterThan(0);
  });

  const readmeTargets = new Set(
    links(read('README.md'))
      .filter((t) => !isExternal(t))
      .map((t) => relative(ROOT, resolve(ROOT, decodeURIComponent(t.split('#')[0]!)))),
  );
  it.each(DOCS)('%s is linked from README.md', (doc) => {
    expect([...readmeTargets], `README.md has no link to ${doc}`).toContain(doc);
  });

  it.each(FILES)('%s: every relative link and anchor resolves', (file) => {
    const bad = links(read(file))
      .map((t) => problem(file, t, readOrNull))
      .filter((p): p is string => p !== null);
    expect(bad, `broken links in ${file}`).toEqual([]);
  });
});

describe('docs/cli.md names every flag of the usage texts', () => {
  /** Long flags wherever they are named; short ones where an option line starts (`  -h, --help`), not in `sha256sum -c`. */
  const flags = (usage: string): string[] => [
    ...new Set([
      ...[...usage.matchAll(/(?<![\w-])--[a-z][a-z\d-]*/gi)].map((m) => m[0]),
      ...[...usage.matchAll(/^[ \t]+(-[a-z])\b/gim)].map((m) => m[1]!),
    ]),
  ];
  const cli = read('docs/cli.md');
  const named = (flag: string): boolean => new RegExp(`(?<![\\w-])${flag.replace(/-/g, '\\-')}(?![\\w-])`).test(cli);

  it('the flags are found in the usage texts', () => {
    expect(flags(USAGE)).toEqual(expect.arrayContaining(['--json', '--out', '--no-rules', '--list', '--concurrency', '-h', '--help']));
    expect(flags(EVAL_USAGE)).toEqual(expect.arrayContaining(['--no-rules', '--min-precision', '--min-recall', '--min-state', '--min-clean']));
  });

  it.each(flags(USAGE))('npm run audit %s', (flag) => {
    expect(named(flag), `${flag} (USAGE, src/cli/args.ts) is not in docs/cli.md`).toBe(true);
  });

  it.each(flags(EVAL_USAGE))('npm run eval %s', (flag) => {
    expect(named(flag), `${flag} (EVAL_USAGE, src/cli/eval.ts) is not in docs/cli.md`).toBe(true);
  });
});
