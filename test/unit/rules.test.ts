import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { validateRule, type RuleProblem } from '../../src/rules/schema';
import { BUILTIN_RULES } from '../../src/rules';

// import.meta.url is not a file: URL under happy-dom; Vitest sets import.meta.dirname.
const ROOT = resolve(import.meta.dirname, '../..');
const SERVICES = join(ROOT, 'src/rules/services');

const files = readdirSync(SERVICES)
  .filter((f) => f.endsWith('.json'))
  .sort();
const parsed = files.map((file) => ({ file, data: JSON.parse(readFileSync(join(SERVICES, file), 'utf8')) as unknown }));

interface Manifest {
  version: string;
  content_scripts: { matches: string[] }[];
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Manifest;
const matches = manifest.content_scripts.flatMap((c) => c.matches);

/** A valid rule to break one piece at a time (a deep copy each call). */
function goodRule(): Record<string, unknown> {
  return {
    id: 'example-ai',
    name: 'Example AI',
    vendor: 'Example Inc.',
    hosts: ['chat.example.com', '*.example.org'],
    siteNames: ['Example AI'],
    settings: {
      url: 'https://chat.example.com/settings/privacy',
      path: 'Settings › Privacy › Improve Example',
      control: 'Improve Example',
    },
    defaultState: 'on',
    phrases: { en: ['Improve Example for everyone'], de: ['Example verbessern'] },
    deadlines: [
      { date: '2025-09-28', note: 'first deadline', supersededBy: '2025-10-08', source: 'https://example.com/news' },
      { date: '2025-10-08', note: 'new deadline', source: 'https://example.com/news' },
    ],
    notes: [{ text: 'Opted in by default.', source: 'https://example.com/help' }],
  };
}

function problems(data: unknown): RuleProblem[] {
  const result = validateRule(data);
  if (result.ok) return [];
  return result.problems;
}

describe('built-in rule files', () => {
  it('there are rule files to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files).toEqual(expect.arrayContaining(['claude.json', 'chatgpt.json']));
  });

  it.each(parsed.map((p) => [p.file, p.data] as const))('%s passes validateRule', (_file, data) => {
    const result = validateRule(data);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(parsed.map((p) => [p.file, p.data] as const))('%s: id equals the file name', (file, data) => {
    expect((data as { id: string }).id).toBe(basename(file, '.json'));
  });

  it('ids are unique', () => {
    const ids = parsed.map((p) => (p.data as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('BUILTIN_RULES contains every file, and nothing else', () => {
    const builtin = BUILTIN_RULES.map((r) => r.id).sort();
    const onDisk = parsed.map((p) => (p.data as { id: string }).id).sort();
    expect(builtin).toEqual(onDisk);
    for (const p of parsed) {
      expect(BUILTIN_RULES.find((r) => r.id === (p.data as { id: string }).id)).toEqual(p.data);
    }
  });

  it.each(parsed.map((p) => [p.file, p.data] as const))('%s: every host is a content-script match in manifest.json', (_file, data) => {
    const hosts = (data as { hosts: string[] }).hosts;
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) expect(matches).toContain(`https://${host}/*`);
  });

  it('the services of issue 5 all have rules', () => {
    expect(BUILTIN_RULES.map((r) => r.id)).toEqual(
      expect.arrayContaining(['chatgpt', 'claude', 'copilot', 'gemini', 'grok', 'linkedin', 'meta', 'mistral', 'perplexity']),
    );
  });

  it.each(parsed.map((p) => [p.file, p.data] as const))('%s: every date and note has an https source', (_file, data) => {
    const rule = data as { deadlines: { source: string }[]; notes?: { source: string }[] };
    for (const x of [...rule.deadlines, ...(rule.notes ?? [])]) expect(x.source).toMatch(/^https:\/\//);
  });

  it('linkedin: the 2025-11-03 date for the EU/EEA, UK, CH, CA and HK, and 2024-09-18 in a note', () => {
    const linkedin = BUILTIN_RULES.find((r) => r.id === 'linkedin')!;
    expect(linkedin.deadlines.map((d) => d.date)).toEqual(['2025-11-03']);
    expect(linkedin.deadlines[0]!.note).toMatch(/EU\/EEA.*UK.*Switzerland.*Canada.*Hong Kong/);
    expect(linkedin.notes?.some((n) => n.text.includes('2024-09-18'))).toBe(true);
    expect(linkedin.settings.url).toBe('https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement');
  });

  it('meta: no switch, an objection flow instead', () => {
    const meta = BUILTIN_RULES.find((r) => r.id === 'meta')!;
    expect(meta.objection?.url).toMatch(/^https:\/\/www\.facebook\.com\//);
    expect(BUILTIN_RULES.filter((r) => r.objection).map((r) => r.id)).toEqual(['meta']);
  });

  it('settings pages as DOMAIN.md gives them', () => {
    const url = (id: string): string => BUILTIN_RULES.find((r) => r.id === id)!.settings.url;
    expect(url('gemini')).toBe('https://myactivity.google.com/product/gemini');
    expect(url('grok')).toBe('https://x.com/settings/grok_settings');
  });

  it('claude: both deadlines, the first superseded by the second', () => {
    const claude = BUILTIN_RULES.find((r) => r.id === 'claude');
    expect(claude?.deadlines.map((d) => d.date)).toEqual(['2025-09-28', '2025-10-08']);
    expect(claude?.deadlines[0]?.supersededBy).toBe('2025-10-08');
    expect(claude?.settings.url).toBe('https://claude.ai/settings/data-privacy-controls');
  });
});

describe('validateRule — a good rule', () => {
  it('passes and returns the rule', () => {
    const result = validateRule(goodRule());
    expect(result).toEqual({ ok: true, rule: goodRule() });
  });

  it('accepts a settings URL on a sub-domain of a wildcard host', () => {
    const r = goodRule();
    r.settings = { ...(r.settings as object), url: 'https://app.example.org/settings' };
    expect(problems(r)).toEqual([]);
  });
});

describe('validateRule — bad rule files give clear problems with paths', () => {
  it('missing id', () => {
    const r = goodRule();
    delete r.id;
    const ps = problems(r);
    expect(ps).toHaveLength(1);
    expect(ps[0]?.path).toBe('id');
    expect(ps[0]?.message).toContain('id');
  });

  it('an id that is not lower-case letters, digits and dashes', () => {
    const r = goodRule();
    r.id = 'Example AI';
    expect(problems(r)).toEqual([{ path: 'id', message: 'must be lower-case letters, digits and dashes' }]);
  });

  it('a date that does not exist: 2025-02-30', () => {
    const r = goodRule();
    r.deadlines = [{ date: '2025-02-30', note: 'impossible', source: 'https://example.com/news' }];
    expect(problems(r)).toEqual([{ path: 'deadlines.0.date', message: 'is not a real calendar date' }]);
  });

  it('a date not written YYYY-MM-DD', () => {
    const r = goodRule();
    r.deadlines = [{ date: '8 October 2025', note: 'words', source: 'https://example.com/news' }];
    const ps = problems(r);
    expect(ps.map((p) => p.path)).toEqual(['deadlines.0.date', 'deadlines.0.date']);
    expect(ps).toContainEqual({ path: 'deadlines.0.date', message: 'must be a date written YYYY-MM-DD' });
  });

  it('a non-https settings URL', () => {
    const r = goodRule();
    r.settings = { ...(r.settings as object), url: 'http://chat.example.com/settings' };
    expect(problems(r)).toEqual([{ path: 'settings.url', message: 'must be an https:// URL' }]);
  });

  it('a settings URL that is not a URL', () => {
    const r = goodRule();
    r.settings = { ...(r.settings as object), url: 'settings page' };
    const ps = problems(r);
    expect(ps.map((p) => p.path)).toEqual(['settings.url', 'settings.url']);
    expect(ps.map((p) => p.message)).toContain('must be a URL');
  });

  it('a supersededBy naming a date that is not among the deadlines', () => {
    const r = goodRule();
    r.deadlines = [{ date: '2025-09-28', note: 'first', supersededBy: '2025-10-09', source: 'https://example.com/news' }];
    expect(problems(r)).toEqual([
      { path: 'deadlines.0.supersededBy', message: "names 2025-10-09, which is not one of this rule's deadlines" },
    ]);
  });

  it('a settings URL on a foreign host', () => {
    const r = goodRule();
    r.settings = { ...(r.settings as object), url: 'https://evil.test/settings' };
    expect(problems(r)).toEqual([{ path: 'settings.url', message: "is not on one of the rule's hosts" }]);
  });

  it('a settings URL on a host that merely ends with the same letters', () => {
    const r = goodRule();
    r.settings = { ...(r.settings as object), url: 'https://evilchat.example.com/settings' };
    expect(problems(r)).toEqual([{ path: 'settings.url', message: "is not on one of the rule's hosts" }]);
  });

  it('null', () => {
    const ps = problems(null);
    expect(ps).toHaveLength(1);
    expect(ps[0]?.path).toBe('(file)');
    expect(ps[0]?.message).toMatch(/object/i);
  });

  it('a string', () => {
    const ps = problems('claude');
    expect(ps).toHaveLength(1);
    expect(ps[0]?.path).toBe('(file)');
    expect(ps[0]?.message).toMatch(/object/i);
  });

  it('an array', () => {
    expect(problems([goodRule()]).map((p) => p.path)).toEqual(['(file)']);
  });

  it('extra unknown keys, at the top and nested, each named by its path', () => {
    const r = goodRule();
    r.homepage = 'https://example.com';
    r.settings = { ...(r.settings as object), anchor: '#privacy' };
    const ps = problems(r);
    expect(ps.map((p) => p.path).sort()).toEqual(['homepage', 'settings.anchor']);
    expect(ps.find((p) => p.path === 'homepage')?.message).toContain('homepage');
    expect(ps.find((p) => p.path === 'settings.anchor')?.message).toContain('anchor');
  });

  it('no hosts', () => {
    const r = goodRule();
    r.hosts = [];
    expect(problems(r)).toContainEqual({ path: 'hosts', message: 'needs at least one host' });
  });

  it('a host with a scheme', () => {
    const r = goodRule();
    r.hosts = ['https://chat.example.com'];
    const ps = problems(r);
    expect(ps[0]?.path).toBe('hosts.0');
    expect(ps[0]?.message).toContain('host name');
  });

  it('no phrases at all, and a bad language code', () => {
    const empty = goodRule();
    empty.phrases = {};
    expect(problems(empty)).toEqual([{ path: 'phrases', message: 'needs phrases in at least one language' }]);
    const bad = goodRule();
    bad.phrases = { english: ['Improve Example'] };
    expect(problems(bad)[0]?.path).toBe('phrases.english');
  });

  it('a phrase that is too short', () => {
    const r = goodRule();
    r.phrases = { en: ['ok'] };
    expect(problems(r)).toEqual([{ path: 'phrases.en.0', message: 'is too short to be a phrase' }]);
  });

  it('an unknown default state', () => {
    const r = goodRule();
    r.defaultState = 'yes';
    expect(problems(r).map((p) => p.path)).toEqual(['defaultState']);
  });

  it('several problems at once are all reported', () => {
    const r = goodRule();
    delete r.vendor;
    r.deadlines = [{ date: '2025-13-01', note: 'x', source: 'ftp://example.com' }];
    const paths = problems(r).map((p) => p.path).sort();
    expect(paths).toEqual(['deadlines.0.date', 'deadlines.0.note', 'deadlines.0.source', 'vendor']);
  });

  it('translatedPhrases naming a language without phrases', () => {
    const r = goodRule();
    r.translatedPhrases = ['de', 'fr'];
    expect(problems(r)).toEqual([{ path: 'translatedPhrases.1', message: 'names "fr", which has no phrases' }]);
    r.translatedPhrases = ['de'];
    expect(problems(r)).toEqual([]);
  });

  it('an objection without a real description, or with a non-https address', () => {
    const r = goodRule();
    r.objection = { url: 'http://example.com/object', description: 'Object' };
    expect(problems(r).map((p) => p.path).sort()).toEqual(['objection.description', 'objection.url']);
    r.objection = { url: 'https://example.com/object', description: 'Fill in the form to object.', form: 'x' };
    expect(problems(r)).toEqual([expect.objectContaining({ path: 'objection.form' })]);
  });

  it('never throws', () => {
    for (const junk of [undefined, 0, true, {}, { id: 5 }, { settings: null }, { deadlines: 'soon' }]) {
      expect(() => validateRule(junk)).not.toThrow();
      expect(validateRule(junk).ok).toBe(false);
    }
  });
});
