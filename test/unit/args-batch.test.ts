/** --list and --concurrency: parsing, the list file's format, and a missing list as a bad argument. */
import { describe, it, expect } from 'vitest';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allTargets, parseCli, parseTargetList, readTargetList, UsageError, type CliOptions } from '../../src/cli/args';

function ok(argv: string[]): CliOptions {
  const out = parseCli(argv);
  if (out === 'help') throw new Error('expected options, got help');
  return out;
}

describe('--concurrency', () => {
  it('defaults to 2 and takes 1 to 8', () => {
    expect(ok(['a.html']).concurrency).toBe(2);
    expect(ok(['--concurrency', '1', 'a.html']).concurrency).toBe(1);
    expect(ok(['--concurrency=8', 'a.html']).concurrency).toBe(8);
  });

  it.each(['0', '9', '-1', '1.5', 'two', '', ' 3'])('rejects %j', (v) => {
    expect(() => parseCli(['--concurrency', v, 'a.html'])).toThrow(UsageError);
    expect(() => parseCli([`--concurrency=${v}`, 'a.html'])).toThrow(/--concurrency takes a whole number from 1 to 8/);
  });
});

describe('--list', () => {
  it('stands in for positional targets and combines with them', () => {
    expect(ok(['--list', 'targets.txt'])).toMatchObject({ list: 'targets.txt', targets: [] });
    expect(ok(['a.html', '--list=t.txt', 'b.html'])).toMatchObject({ list: 't.txt', targets: ['a.html', 'b.html'] });
  });

  it('needs a file name', () => {
    expect(() => parseCli(['--list', '', 'a.html'])).toThrow('--list needs a file');
  });

  it('still wants a target when there is no list', () => {
    expect(() => parseCli(['--concurrency', '3'])).toThrow('no TARGET given');
  });
});

describe('parseTargetList', () => {
  it('skips blank lines and # comments, trims, keeps URL fragments, resolves relative paths from the list folder', () => {
    const text = [
      '# Claude dialogs',
      '',
      '  claude.html  ',
      '\t# indented comment',
      'sub/chatgpt.htm',
      'https://chatgpt.com/#settings/DataControls',
      '/abs/page.html',
      '../up.html',
      '',
    ].join('\r\n');
    expect(parseTargetList(text, 'lists/batch.txt')).toEqual([
      join('lists', 'claude.html'),
      join('lists', 'sub/chatgpt.htm'),
      'https://chatgpt.com/#settings/DataControls',
      '/abs/page.html',
      'up.html',
    ]);
  });

  it('ignores a byte-order mark', () => {
    expect(parseTargetList('\uFEFFa.html\n', 'l.txt')).toEqual(['a.html']);
  });

  it('names the file and line of a bad target', () => {
    expect(() => parseTargetList('a.html\n\nnotes.txt\n', 'l.txt')).toThrow('l.txt:3: TARGET must be an .html file or an http(s) URL, not "notes.txt"');
  });
});

describe('readTargetList and allTargets', () => {
  it('a missing list file is a bad argument', async () => {
    await expect(readTargetList('/nonexistent/list.txt')).rejects.toThrow(UsageError);
    await expect(readTargetList('/nonexistent/list.txt')).rejects.toThrow('--list: no such file: /nonexistent/list.txt');
  });

  it('positional targets first, then the list; an empty list with no positional target is a bad argument', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lens-list-'));
    try {
      const list = join(dir, 'l.txt');
      await writeFile(list, '# none yet\n\n');
      await expect(allTargets(ok(['--list', list]))).rejects.toThrow(`no TARGET given (${list} lists none)`);
      await writeFile(list, 'x.html\n');
      expect(await allTargets(ok(['a.html', '--list', list]))).toEqual(['a.html', join(dir, 'x.html')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
