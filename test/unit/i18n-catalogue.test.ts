/* The message catalogues (public/_locales): every language has exactly the English keys, with the same placeholders. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueGetMessage, formatEntry, placeholdersOf } from '../../src/i18n/catalogue';
import { catalogue, locales } from './i18n-helpers';

const en = catalogue('en');
const others = locales().filter((l) => l !== 'en');

describe('the catalogues', () => {
  it('are en, de, fr and es', () => {
    expect(locales()).toEqual(['de', 'en', 'es', 'fr']);
  });

  for (const lang of others) {
    describe(lang, () => {
      const cat = catalogue(lang);
      it('has exactly the keys of en', () => {
        expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
      });
      it('has the same placeholders as en, each used in its message', () => {
        for (const [key, entry] of Object.entries(en)) {
          const mine = cat[key];
          if (!mine) continue;
          expect(placeholdersOf(mine), key).toEqual(placeholdersOf(entry));
          const used = new Set([...mine.message.matchAll(/\$([a-z0-9_]+)\$/gi)].map((m) => m[1]!.toLowerCase()));
          expect([...used].sort(), `${lang}.${key}: ${mine.message}`).toEqual(Object.keys(placeholdersOf(entry)).sort());
        }
      });
      it('names its own language in "locale"', () => {
        expect(cat.locale?.message).toBe(lang);
      });
      it('has a message for every key, and translates the words (not only copies English)', () => {
        for (const [key, entry] of Object.entries(cat)) expect(entry.message.trim(), `${lang}.${key}`).not.toBe('');
        const same = Object.keys(en).filter((k) => cat[k]?.message === en[k]!.message && /[a-z]{4,}/i.test(en[k]!.message));
        // Brand, units and words that are the same in both languages are few.
        expect(same.length, same.join(', ')).toBeLessThan(12);
      });
    });
  }

  it('en names its language and every placeholder content is a substitution ($1…$9)', () => {
    expect(en.locale?.message).toBe('en');
    for (const [key, entry] of Object.entries(en)) {
      for (const content of Object.values(placeholdersOf(entry))) expect(content, key).toMatch(/^\$[1-9]$/);
    }
  });

  it('keys are ones the browser accepts', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('has every __MSG_…__ the manifest uses', () => {
    const manifest = readFileSync(resolve(import.meta.dirname, '../../manifest.json'), 'utf8');
    const used = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const key of used) expect(en[key], key).toBeDefined();
    expect(JSON.parse(manifest).default_locale).toBe('en');
  });

  it('keeps the toolbar badge within four characters', () => {
    for (const lang of locales()) {
      for (const key of ['badgeOn', 'badgeOff']) expect(catalogue(lang)[key]!.message.length).toBeLessThanOrEqual(4);
    }
  });

  it('keeps the store description within 132 characters', () => {
    for (const lang of locales()) expect(catalogue(lang).extDescription!.message.length).toBeLessThanOrEqual(132);
  });
});

describe('formatEntry (the browser\'s substitution rules)', () => {
  it('fills named placeholders from positional substitutions, in any order and case', () => {
    const entry = { message: '$B$ then $a$, $$5', placeholders: { a: { content: '$1' }, b: { content: '$2' } } };
    expect(formatEntry(entry, ['one', 'two'])).toBe('two then one, $5');
  });
  it('answers "" for an unknown key, as the browser does', () => {
    expect(catalogueGetMessage(en)('no-such-key')).toBe('');
    expect(catalogueGetMessage(en)('decideBy', ['8 October 2025'])).toBe('Decide by 8 October 2025');
  });
});
