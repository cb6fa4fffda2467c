/* The user's own rules: reading a rule file, keeping it (storage v2, through the background), merging, removing. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_LEXICON } from '../../src/engine/lexicon-builtin';
import { jsonErrorAt, lineColumn, MAX_RULE_FILE_BYTES, MAX_USER_RULES, readRuleFile, removeUserRule } from '../../src/rules/user-rules';
import { mergeRules } from '../../src/rules/merge';
import { BUILTIN_RULES, type Rule } from '../../src/rules';
import { scan } from '../../src/engine/scan';
import { classifyPurpose } from '../../src/engine/purpose';
import { importUserRule, removeUserRule as removeStored, userRulesView } from '../../src/background/user-rules';
import { route } from '../../src/background/router';
import { STORAGE_KEY } from '../../src/shared/storage-schema';
import { BASE, EXTENSION_ID, fakeWorld } from './background-fakes';
import type { Deps } from '../../src/background/port';

const RULE: Rule = {
  id: 'lumen',
  name: 'Lumen',
  vendor: 'Lumen Labs',
  hosts: ['example-chat.test'],
  siteNames: ['Lumen'],
  settings: { url: 'https://example-chat.test/settings/data', path: 'Settings › Data', control: 'Use my chats to train Lumen models' },
  defaultState: 'on',
  phrases: { en: ['train Lumen models'] },
  deadlines: [],
};
const text = (x: unknown): string => JSON.stringify(x, null, 2);

describe('readRuleFile', () => {
  it('accepts a valid rule and adds it after the user\'s others', () => {
    const r = readRuleFile(text(RULE), BUILTIN_RULES, []);
    expect(r).toMatchObject({ ok: true, replaced: false, rule: { id: 'lumen' } });
    expect(r.ok && r.rules.map((x) => x.id)).toEqual(['lumen']);
  });

  it('replaces the user\'s rule with the same id (a corrected file)', () => {
    const first = readRuleFile(text(RULE), BUILTIN_RULES, []);
    const again = readRuleFile(text({ ...RULE, name: 'Lumen 2' }), BUILTIN_RULES, first.ok ? first.rules : []);
    expect(again).toMatchObject({ ok: true, replaced: true });
    expect(again.ok && again.rules.map((x) => x.name)).toEqual(['Lumen 2']);
  });

  it('says where a JSON syntax error is, by line and column', () => {
    const bad = '{\n  "id": "lumen",\n  "hosts": []\n  "name": "x"\n}';
    const r = readRuleFile(bad, BUILTIN_RULES, []);
    expect(r).toEqual({ ok: false, problems: [{ kind: 'json', line: 4, column: 3, detail: expect.any(String) }] });
    expect(readRuleFile('', BUILTIN_RULES, [])).toMatchObject({ ok: false, problems: [{ kind: 'json', line: 1, column: 1 }] });
  });

  it('reads the location from either engine\'s message', () => {
    expect(jsonErrorAt('a\nbc', 'Unexpected token in JSON at position 3')).toEqual({ line: 2, column: 2 });
    expect(jsonErrorAt('x', 'JSON.parse: expected \',\' at line 7 column 12 of the JSON data')).toEqual({ line: 7, column: 12 });
    expect(jsonErrorAt('x', 'Expected , in JSON at position 40 (line 3 column 9)')).toEqual({ line: 3, column: 9 });
    expect(jsonErrorAt('x', 'something else')).toBeNull();
    expect(lineColumn('ab\ncd\n', 5)).toEqual({ line: 2, column: 3 });
  });

  it('lists every schema problem with its path', () => {
    const r = readRuleFile(text({ ...RULE, hosts: [], settings: { ...RULE.settings, url: 'http://x' }, extra: 1 }), BUILTIN_RULES, []);
    expect(r.ok).toBe(false);
    const paths = !r.ok ? r.problems.map((p) => (p.kind === 'rule' ? p.path : p.kind)) : [];
    expect(paths).toEqual(expect.arrayContaining(['hosts', 'settings.url', 'extra']));
  });

  it('refuses a rule with a built-in rule\'s id, whatever else is wrong', () => {
    expect(readRuleFile(text({ ...RULE, id: 'claude' }), BUILTIN_RULES, [])).toEqual({ ok: false, problems: [{ kind: 'builtin-id', id: 'claude' }] });
    const both = readRuleFile(text({ ...RULE, id: 'chatgpt', hosts: [] }), BUILTIN_RULES, []);
    expect(!both.ok && both.problems.map((p) => p.kind)).toEqual(['rule', 'builtin-id']);
  });

  it('refuses a whole-file problem: not an object, too large, too many rules', () => {
    expect(readRuleFile('[1]', BUILTIN_RULES, [])).toMatchObject({ ok: false, problems: [{ kind: 'rule', path: '(file)' }] });
    expect(readRuleFile(' '.repeat(MAX_RULE_FILE_BYTES + 1), BUILTIN_RULES, [])).toEqual({ ok: false, problems: [{ kind: 'too-large', maxBytes: MAX_RULE_FILE_BYTES }] });
    const many: Rule[] = Array.from({ length: MAX_USER_RULES }, (_, i) => ({ ...RULE, id: `r${i}x` }));
    expect(readRuleFile(text(RULE), BUILTIN_RULES, many)).toMatchObject({ ok: false, problems: [{ kind: 'too-many' }] });
    // Replacing one of them is still fine.
    expect(readRuleFile(text({ ...RULE, id: 'r3x' }), BUILTIN_RULES, many)).toMatchObject({ ok: true, replaced: true });
  });

  it('removes by id', () => {
    expect(removeUserRule([RULE], 'lumen')).toEqual([]);
    expect(removeUserRule([RULE], 'other')).toHaveLength(1);
  });
});

describe('mergeRules (the content script)', () => {
  it('puts the user\'s rules after the built-in ones, skipping damaged ones and built-in ids', () => {
    const merged = mergeRules(BUILTIN_RULES, [RULE, { ...RULE, id: 'claude' }, { id: 'x' }, null, 'junk']);
    expect(merged.map((r) => r.id)).toEqual([...BUILTIN_RULES.map((r) => r.id), 'lumen']);
    expect(mergeRules(BUILTIN_RULES, undefined)).toBe(BUILTIN_RULES);
    expect(mergeRules(BUILTIN_RULES, 'nope')).toBe(BUILTIN_RULES);
  });

  it('makes the scan name the user\'s service on its host, with its phrase', () => {
    document.body.replaceChildren(document.createElement('main'));
    (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL('https://example-chat.test/terms');
    const withUser = scan(document, { lexicon: BUILTIN_LEXICON, rules: mergeRules(BUILTIN_RULES, [RULE]) });
    expect(withUser.report.service).toBe('lumen');
    // The rule's phrase names a training control the general words would not.
    const rules = mergeRules(BUILTIN_RULES, [{ ...RULE, phrases: { en: ['make Lumen smarter'] } }]);
    expect(classifyPurpose('Make Lumen smarter', '', rules, BUILTIN_LEXICON)).toBe('ai-training');
    expect(classifyPurpose('Make Lumen smarter', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('other');
    expect(scan(document, { lexicon: BUILTIN_LEXICON, rules: BUILTIN_RULES }).report.service).toBeNull();
  });
});

describe('the background keeps them (storage v2)', () => {
  const deps = (): Deps & { local: ReturnType<typeof fakeWorld>['local'] } => {
    const world = fakeWorld();
    return { port: world.port, rules: BUILTIN_RULES, now: () => new Date('2025-09-01T00:00:00Z'), warn: () => undefined, local: world.local };
  };

  it('imports, lists, replaces and removes', async () => {
    const d = deps();
    expect(await userRulesView(d)).toMatchObject({ rules: [], allSites: false });
    const r = await importUserRule(d, text(RULE));
    expect(r).toMatchObject({ ok: true, replaced: false, rules: [{ id: 'lumen' }], allSites: false });
    expect(r.ok && r.builtinHosts).toContain('claude.ai');
    expect((d.local.data.get(STORAGE_KEY) as { version: number; userRules: Rule[] }).userRules.map((x) => x.id)).toEqual(['lumen']);
    expect((d.local.data.get(STORAGE_KEY) as { version: number }).version).toBe(2);
    expect(await importUserRule(d, text({ ...RULE, name: 'Lumen again' }))).toMatchObject({ ok: true, replaced: true, rules: [{ name: 'Lumen again' }] });
    expect((await removeStored(d, 'lumen')).rules).toEqual([]);
    expect((d.local.data.get(STORAGE_KEY) as { userRules: Rule[] }).userRules).toEqual([]);
  });

  it('writes nothing for a refused file and keeps what was there', async () => {
    const d = deps();
    await importUserRule(d, text(RULE));
    const writes = d.local.writes;
    expect(await importUserRule(d, '{ nope')).toMatchObject({ ok: false, problems: [{ kind: 'json' }] });
    expect(await importUserRule(d, text({ ...RULE, id: 'claude' }))).toMatchObject({ ok: false, problems: [{ kind: 'builtin-id' }] });
    expect(d.local.writes).toBe(writes);
    expect((d.local.data.get(STORAGE_KEY) as { userRules: Rule[] }).userRules.map((x) => x.id)).toEqual(['lumen']);
  });

  it('answers only the extension\'s own pages', async () => {
    const d = deps();
    const page = { id: EXTENSION_ID, url: `${BASE}src/options/index.html` };
    const content = { id: EXTENSION_ID, url: 'https://example-chat.test/', tab: { id: 3, url: 'https://example-chat.test/' }, frameId: 0 };
    expect(route({ type: 'options→background:import-user-rule', text: text(RULE) }, content, d)).toBeUndefined();
    expect(route({ type: 'options→background:remove-user-rule', id: 'lumen' }, { ...page, id: 'another-extension' }, d)).toBeUndefined();
    expect(route({ type: 'options→background:import-user-rule', text: 5 }, page, d)).toBeUndefined();
    expect(await route({ type: 'options→background:import-user-rule', text: text(RULE) }, page, d)).toMatchObject({ ok: true });
    expect(await route({ type: 'options→background:get-user-rules' }, page, d)).toMatchObject({ rules: [{ id: 'lumen' }] });
  });
});
