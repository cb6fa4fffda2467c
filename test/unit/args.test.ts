import { describe, it, expect } from 'vitest';
import { MAX_SETTLE_MS, USAGE, UsageError, isUrl, parseCli, type CliOptions } from '../../src/cli/args';

function ok(argv: string[]): CliOptions {
  const out = parseCli(argv);
  if (out === 'help') throw new Error('expected options, got help');
  return out;
}

function usageError(argv: string[]): UsageError {
  try {
    parseCli(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error(`expected a UsageError for ${JSON.stringify(argv)}`);
}

describe('parseCli — defaults', () => {
  it('one .html target and nothing else', () => {
    expect(parseCli(['page.html'])).toEqual({
      json: false,
      outDir: null,
      settleMs: 500,
      viewport: { width: 1280, height: 800 },
      targets: ['page.html'],
      list: null,
      concurrency: 2,
      noRules: false,
    });
  });
});

describe('parseCli — every flag', () => {
  it('--json', () => {
    expect(ok(['--json', 'page.html']).json).toBe(true);
  });

  it('--no-rules', () => {
    expect(ok(['--no-rules', 'page.html']).noRules).toBe(true);
  });

  it('--out DIR and --out=DIR', () => {
    expect(ok(['--out', 'results', 'page.html']).outDir).toBe('results');
    expect(ok(['--out=out/run 1', 'page.html']).outDir).toBe('out/run 1');
  });

  it('--settle MS, from 0 to 10000', () => {
    expect(ok(['--settle', '1500', 'page.html']).settleMs).toBe(1500);
    expect(ok(['--settle=0', 'page.html']).settleMs).toBe(0);
    expect(ok(['--settle', '10000', 'page.html']).settleMs).toBe(10_000);
    expect(MAX_SETTLE_MS).toBe(10_000);
  });

  it('--viewport WxH, either case of x, 200 to 7680', () => {
    expect(ok(['--viewport', '1024x768', 'page.html']).viewport).toEqual({ width: 1024, height: 768 });
    expect(ok(['--viewport', '390X844', 'page.html']).viewport).toEqual({ width: 390, height: 844 });
    expect(ok(['--viewport', '200x200', 'page.html']).viewport).toEqual({ width: 200, height: 200 });
    expect(ok(['--viewport', '7680x7680', 'page.html']).viewport).toEqual({ width: 7680, height: 7680 });
  });

  it('all of them together, flags before and after targets, targets kept in order', () => {
    expect(
      parseCli(['a.html', '--json', '--out', 'o', 'https://claude.ai/', '--settle', '250', '--viewport', '800x600', 'b.htm']),
    ).toEqual({
      json: true,
      outDir: 'o',
      settleMs: 250,
      viewport: { width: 800, height: 600 },
      targets: ['a.html', 'https://claude.ai/', 'b.htm'],
      list: null,
      concurrency: 2,
      noRules: false,
    });
  });

  it('accepts .html, .htm, .xhtml in any case and http(s) URLs', () => {
    expect(ok(['x.html', 'y.HTM', 'z.xhtml', 'http://127.0.0.1:8080/a', 'HTTPS://chatgpt.com/#settings/DataControls']).targets).toEqual([
      'x.html',
      'y.HTM',
      'z.xhtml',
      'http://127.0.0.1:8080/a',
      'HTTPS://chatgpt.com/#settings/DataControls',
    ]);
  });
});

describe('parseCli — help', () => {
  it.each([[['--help']], [['-h']], [['--help', 'page.html']], [['--json', '-h']]])('%j', (argv) => {
    expect(parseCli(argv)).toBe('help');
  });

  it('help wins even over otherwise bad arguments', () => {
    expect(parseCli(['--help', '--settle', 'abc'])).toBe('help');
  });

  it('the usage text names every flag', () => {
    for (const flag of ['--json', '--out', '--settle', '--viewport', '--list', '--concurrency', '--help', 'TARGET']) expect(USAGE).toContain(flag);
  });
});

describe('parseCli — UsageError', () => {
  it('no target', () => {
    expect(usageError([]).message).toBe('no TARGET given');
    expect(usageError(['--json']).message).toBe('no TARGET given');
  });

  it('unknown flag', () => {
    expect(usageError(['--bogus', 'page.html']).message).toContain('--bogus');
    expect(usageError(['-x', 'page.html']).message).toContain('-x');
  });

  it('--settle abc', () => {
    expect(usageError(['--settle', 'abc', 'page.html']).message).toBe(
      '--settle takes a whole number of milliseconds from 0 to 10000, not "abc"',
    );
  });

  it('--settle 20000 (over the 10 s maximum)', () => {
    expect(usageError(['--settle', '20000', 'page.html']).message).toContain('"20000"');
    expect(usageError(['--settle', '10001', 'page.html']).message).toContain('"10001"');
  });

  it('--settle that is not a whole non-negative number', () => {
    usageError(['--settle', '1.5', 'page.html']);
    usageError(['--settle=-1', 'page.html']);
    usageError(['--settle', '', 'page.html']);
  });

  it('--settle with no value', () => {
    usageError(['page.html', '--settle']);
  });

  it('--viewport 12x', () => {
    expect(usageError(['--viewport', '12x', 'page.html']).message).toBe(
      '--viewport takes WIDTHxHEIGHT in CSS px between 200 and 7680, such as 1280x800, not "12x"',
    );
  });

  it.each(['199x800', '800x199', '7681x800', '1280*800', '1280x', 'x800', 'big', '1280 x 800'])('--viewport %s', (v) => {
    expect(usageError(['--viewport', v, 'page.html']).message).toContain(`"${v}"`);
  });

  it('--out with an empty directory', () => {
    expect(usageError(['--out', '', 'page.html']).message).toBe('--out needs a directory');
    expect(usageError(['--out=  ', 'page.html']).message).toBe('--out needs a directory');
  });

  it.each(['page.pdf', 'ftp://example.com/page', 'example.com', 'notes.txt', 'file:///tmp/page', 'html'])(
    'a target that is neither .html nor http(s): %s',
    (t) => {
      expect(usageError(['ok.html', t]).message).toBe(`TARGET must be an .html file or an http(s) URL, not "${t}"`);
    },
  );

  it('a boolean flag given a value', () => {
    usageError(['--json=yes', 'page.html']);
  });
});

describe('isUrl', () => {
  it.each([
    ['http://a.b/', true],
    ['https://claude.ai/', true],
    ['HTTPS://X.Y', true],
    ['ftp://a.b/', false],
    ['claude.ai', false],
    ['page.html', false],
    ['/tmp/https://x.html', false],
  ])('%s → %s', (t, expected) => {
    expect(isUrl(t)).toBe(expected);
  });
});
