/**
 * The extension's own words live in `public/_locales/<lang>/messages.json` (the browser's i18n
 * format; `en` is the default locale and the source of the keys). This file holds the types and
 * the browser's substitution rules, for the places that read a catalogue without the browser:
 * the unit tests and the catalogue checks. The extension itself asks `i18n.getMessage`.
 */
import type EN from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof EN;
export type Sub = string | number;

/** `i18n.getMessage` as the browser has it: '' for an unknown key. */
export type GetMessage = (key: string, substitutions?: string[]) => string;

export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, CatalogueEntry>;

/**
 * What `i18n.getMessage(key, subs)` returns for an entry, by the browser's rules: `$name$`
 * (any case) is the named placeholder's content, in which `$1`…`$9` are the substitutions;
 * `$$` is a dollar sign. (Chrome and Firefox agree on these.)
 */
export function formatEntry(entry: CatalogueEntry, subs: readonly string[] = []): string {
  const positional = (text: string): string => text.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
  const named = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const content = named.get(name.toLowerCase());
      return content === undefined ? whole : positional(content);
    })
    .replace(/\$\$/g, '$');
}

/** A `GetMessage` over a parsed catalogue, as the browser would answer (tests, tools). */
export function catalogueGetMessage(catalogue: Catalogue): GetMessage {
  return (key, subs) => {
    const entry = catalogue[key];
    return entry ? formatEntry(entry, subs ?? []) : '';
  };
}

/** Placeholder names of an entry and the substitution each takes, e.g. { days: '$1' }. */
export function placeholdersOf(entry: CatalogueEntry): Record<string, string> {
  return Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
}
