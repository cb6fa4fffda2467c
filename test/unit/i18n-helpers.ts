/**
 * The committed message catalogues (public/_locales), read as the browser reads them, for unit
 * tests: a stand-in for `browser.i18n` in a given language. Not a test file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { catalogueGetMessage, type Catalogue } from '../../src/i18n/catalogue';

export const LOCALES_DIR = resolve(import.meta.dirname, '../../public/_locales');

export function locales(): string[] {
  return readdirSync(LOCALES_DIR).sort();
}

export function catalogue(lang: string): Catalogue {
  return JSON.parse(readFileSync(resolve(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as Catalogue;
}

/** `browser.i18n` answering from one catalogue, with the given UI language. */
export function i18nFor(lang: string, uiLanguage = lang === 'en' ? 'en-US' : lang) {
  const get = catalogueGetMessage(catalogue(lang));
  return { getMessage: (key: string, subs?: string | string[]) => get(key, typeof subs === 'string' ? [subs] : subs), getUILanguage: () => uiLanguage };
}
