/**
 * `npm run new-rule NAME` (scripts/new-rule.ts): what it writes, in a scratch copy of the files
 * it touches, and what it refuses.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { transformSync } from 'esbuild';
import { validateRule } from '../../src/rules/schema';
import {
  checkName,
  identifier,
  registerInIndex,
  ruleSkeleton,
  scaffold,
  ScaffoldError,
  PLACEHOLDER_TLD,
  TODO,
} from '../../scripts/new-rule';
import type { FixtureExpectation } from '../engine/expectations';

const ROOT = resolve(import.meta.dirname, '../..');
let tmp = '';

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'consent-lens-new-rule-'));
  for (const dir of ['src/rules/services', 'test/fixtures', 'test/engine']) mkdirSync(join(tmp, dir), { recursive: true });
  copyFileSync(join(ROOT, 'src/rules/index.ts'), join(tmp, 'src/rules/index.ts'));
  copyFileSync(join(ROOT, 'src/rules/services/claude.json'), join(tmp, 'src/rules/services/claude.json'));
  copyFileSync(join(ROOT, 'test/engine/expectations.ts'), join(tmp, 'test/engine/expectations.ts'));
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function errorOf(fn: () => unknown): ScaffoldError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScaffoldError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('new-rule NAME', () => {
  it('writes a valid rule with placeholders, registers it, a skeleton fixture and an expectations entry', () => {
    const result = scaffold(tmp, 'deep-seek');
    const rule = JSON.parse(readFileSync(join(tmp, 'src/rules/services/deep-seek.json'), 'utf8')) as unknown;
    expect(validateRule(rule).ok).toBe(true);
    expect(JSON.stringify(rule)).toContain(TODO);
    expect((rule as { hosts: string[] }).hosts).toEqual([`deep-seek${PLACEHOLDER_TLD}`]);

    const index = readFileSync(join(tmp, 'src/rules/index.ts'), 'utf8');
    expect(index).toContain("import deepSeek from './services/deep-seek.json';");
    expect(index).toMatch(/BUILTIN_RULES: readonly Rule\[\] = \[[\s\S]*meta as Rule,\n {2}deepSeek as Rule,\n\];/);

    const fixture = readFileSync(join(tmp, 'test/fixtures/deep-seek-settings.html'), 'utf8');
    expect(fixture.startsWith('<!-- saved from url=(0042)https://deep-seek.example/settings/privacy -->')).toBe(true);
    expect(fixture).not.toMatch(/\bsrc=|<link\b|url\(/); // loads nothing

    // The edited file still compiles and its list ends with the new entry (it imports nothing).
    const { code } = transformSync(readFileSync(join(tmp, 'test/engine/expectations.ts'), 'utf8'), { loader: 'ts', format: 'cjs' });
    const mod: { exports: { expectations?: FixtureExpectation[] } } = { exports: {} };
    new Function('module', 'exports', code)(mod, mod.exports);
    const expectations = mod.exports.expectations ?? [];
    const entry = expectations.find((e) => e.service === 'deep-seek');
    expect(entry?.file).toBe('deep-seek-settings.html');
    expect(expectations.at(-1)).toBe(entry);

    expect(result.readmeLine).toContain('`deep-seek`');
    expect(result.checklist.join('\n')).toMatch(/manifest\.json[\s\S]*SERVED_HOSTS[\s\S]*README/);
  });

  it('refuses an invalid name (exit 2) and an existing rule or fixture (exit 1), writing nothing', () => {
    for (const bad of [undefined, '', 'Deep Seek', 'x', '1abc', 'deep_seek', 'a'.repeat(40)]) {
      expect(errorOf(() => scaffold(tmp, bad)).exitCode, String(bad)).toBe(2);
    }
    expect(errorOf(() => scaffold(tmp, 'claude')).exitCode).toBe(1);
    writeFileSync(join(tmp, 'test/fixtures/qwen-settings.html'), '<!doctype html>');
    expect(errorOf(() => scaffold(tmp, 'qwen')).exitCode).toBe(1);
    expect(existsSync(join(tmp, 'src/rules/services/qwen.json'))).toBe(false);
    expect(readFileSync(join(tmp, 'src/rules/index.ts'), 'utf8')).toBe(readFileSync(join(ROOT, 'src/rules/index.ts'), 'utf8'));
  });

  it('the pieces', () => {
    expect(checkName('le-chat')).toBe('le-chat');
    expect(identifier('le-chat-2')).toBe('leChat2');
    expect(validateRule(ruleSkeleton('abc')).ok).toBe(true);
    expect(registerInIndex('export const X = 1;\n', 'abc')).toBeNull();
    expect(registerInIndex("import a from './services/a.json';\nexport const BUILTIN_RULES: readonly Rule[] = [a as Rule];\n", 'b'))
      .toBe("import a from './services/a.json';\nimport b from './services/b.json';\nexport const BUILTIN_RULES: readonly Rule[] = [a as Rule, b as Rule];\n");
  });

  it('as a command: usage on a bad name, a refusal on an existing rule, nothing written', () => {
    const run = (arg: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/new-rule.ts'), arg], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    const bad = run('Not A Name');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^new-rule: "Not A Name" is not a valid rule id/);
    const existing = run('claude');
    expect(existing.status).toBe(1);
    expect(existing.stderr).toContain('there is already a rule "claude"');
  }, 40_000);
});
