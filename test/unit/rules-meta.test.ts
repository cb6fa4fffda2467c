/**
 * Every rule is complete: no placeholder left by `npm run new-rule`, a committed fixture, an
 * expectations entry that names its service, a line in README's "Services" section, and for
 * every host a content-script match in manifest.json and a page the e2e suite serves.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILTIN_RULES } from '../../src/rules';
import { expectations } from '../engine/expectations';
import { SERVED_HOSTS } from '../../src/cli/https-fixture-server';
import { DEFAULT_ROUTES } from '../helpers/https-server';
import { PLACEHOLDER_TLD, TODO } from '../../scripts/new-rule';

const ROOT = resolve(import.meta.dirname, '../..');
const fixtures = readdirSync(join(ROOT, 'test/fixtures')).filter((f) => f.endsWith('.html'));
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { content_scripts: { matches: string[] }[] };
const matches = manifest.content_scripts[0]?.matches ?? [];

/** The lines of README's "## Services" section. */
function servicesSection(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const start = readme.findIndex((l) => /^## Services\s*$/.test(l));
  if (start < 0) return [];
  const end = readme.findIndex((l, i) => i > start && /^## /.test(l));
  return readme.slice(start + 1, end < 0 ? undefined : end);
}
const services = servicesSection();
const served = new Set(Object.keys(DEFAULT_ROUTES).map((k) => k.slice(0, k.indexOf('/'))));
const cases = BUILTIN_RULES.map((r) => [r.id, r] as const);

describe('every rule is complete', () => {
  it('README has a "Services" section', () => {
    expect(services.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s: no placeholder from new-rule is left', (_id, rule) => {
    const text = JSON.stringify(rule);
    expect(text.includes(TODO), `"${TODO}" in src/rules/services/${rule.id}.json`).toBe(false);
    expect(rule.hosts.filter((h) => h.endsWith(PLACEHOLDER_TLD)), 'placeholder hosts').toEqual([]);
    expect(new URL(rule.settings.url).hostname.endsWith(PLACEHOLDER_TLD), 'placeholder settings URL').toBe(false);
  });

  it.each(cases)('%s: has a committed fixture test/fixtures/<id>-*.html', (id) => {
    expect(fixtures.filter((f) => f.startsWith(`${id}-`)), `test/fixtures/${id}-*.html`).not.toEqual([]);
  });

  it.each(cases)('%s: test/engine/expectations.ts has an entry for the service', (id) => {
    const entries = expectations.filter((e) => e.service === id);
    expect(entries.length, `an expectations entry with service: '${id}'`).toBeGreaterThan(0);
    for (const e of entries) expect(fixtures, `the entry's fixture ${e.file}`).toContain(e.file);
  });

  it.each(cases)('%s: README "Services" has a line naming it', (id) => {
    expect(services.some((l) => l.includes(`\`${id}\``)), `a line with \`${id}\` under "## Services"`).toBe(true);
  });

  it.each(cases)('%s: every host is a manifest match, a served host and an e2e page', (_id, rule) => {
    for (const host of rule.hosts) {
      expect(matches, 'manifest.json content_scripts[0].matches').toContain(`https://${host}/*`);
      expect(SERVED_HOSTS as readonly string[], 'SERVED_HOSTS in src/cli/https-fixture-server.ts').toContain(host);
      expect([...served], 'a route in test/helpers/https-server.ts').toContain(host);
    }
  });

  it('manifest matches are exactly the rules\' hosts', () => {
    const hosts = BUILTIN_RULES.flatMap((r) => r.hosts.map((h) => `https://${h}/*`)).sort();
    expect([...matches].sort()).toEqual(hosts);
  });
});
