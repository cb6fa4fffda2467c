/** The options page's words and numbers: pure functions of the page's Words, page text passes through as text. */
import { BUILTIN_RULES } from '../rules';
import type { Words } from '../i18n/words';

const units = new Map<string, Intl.NumberFormat>();

/** "812 B", "4.5 KB", "12.3 MB", in the user's number format. */
export function fileSize(w: Words, bytes: number): string {
  const [unit, value] = bytes < 1024 ? ['byte', bytes] : bytes < 1024 * 1024 ? ['kilobyte', bytes / 1024] : ['megabyte', bytes / (1024 * 1024)];
  const key = `${w.locale}|${unit}`;
  let f = units.get(key);
  if (!f) {
    f = new Intl.NumberFormat(w.locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: unit === 'byte' ? 0 : 1, minimumFractionDigits: unit === 'byte' ? 0 : 1 });
    units.set(key, f);
  }
  return f.format(value as number);
}

/** "2025-09-26 12:00:03 UTC": the stamp's clock, the same for every reader. */
export function utcTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const plurals = new Map<string, Intl.PluralRules>();

/** "1 finding", "3 findings": the catalogue's `<base>_one` / `<base>_other`, by the language's plural rules. */
export function count(w: Words, base: 'countControls' | 'countFindings' | 'countRegions', n: number): string {
  let rules = plurals.get(w.locale);
  if (!rules) {
    rules = new Intl.PluralRules(w.locale);
    plurals.set(w.locale, rules);
  }
  return rules.select(n) === 'one' ? w.t(`${base}_one`, n) : w.t(`${base}_other`, n);
}

export function serviceName(w: Words, id: string | null): string {
  if (!id) return w.t('otherPage');
  return BUILTIN_RULES.find((r) => r.id === id)?.name ?? id;
}
