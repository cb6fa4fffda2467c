/**
 * The extension's words in the user's language: catalogue messages with their placeholders
 * filled, and numbers, dates, lists and times formatted with `Intl` in the catalogue's own
 * locale. Pure: the caller passes the browser's `getMessage` and UI language (the popup and the
 * options page through their api.ts; tests a catalogue), so nothing here calls the browser.
 *
 * WHICH LOCALE. `Intl` follows the catalogue the browser chose (its `locale` message), not the
 * raw UI language: a browser in Italian reads the English catalogue, and then an English date
 * beats an Italian one inside an English sentence. English uses en-GB's day-month-year order
 * ("8 October 2025"), which no reader misreads. A regional UI language of the same language
 * ("de-AT" for the German catalogue) is kept.
 */
import type { ControlKind, Severity, State, SurfaceKind } from '../engine/types';
import type { ObservationSource } from '../shared/messages';
import { agoOf, countdownOf, deadlineInstant, type TimePart } from '../shared/time';
import type { GetMessage, MessageKey, Sub } from './catalogue';

export interface Words {
  /** The catalogue message with its substitutions (numbers formatted in the locale). */
  t(key: MessageKey, ...subs: Sub[]): string;
  /** BCP 47, for Intl. */
  locale: string;
  number(n: number, fractionDigits?: { min?: number; max?: number }): string;
  /** "8 October 2025" / "8. Oktober 2025": a YYYY-MM-DD date as written, an instant in `timeZone`. */
  day(dateOrIso: string, timeZone?: string): string;
  /** "3 hours ago", "yesterday", "just now". */
  relative(iso: string, now: number): string;
  /** "11 days 12 hours left", "passed 3 days ago". */
  countdown(deadlineMs: number, now: number): string;
  /** "3 days", "1 Stunde": an amount of a unit of time. */
  amount(n: number, unit: TimePart['unit']): string;
  /** "Claude, ChatGPT and Gemini". */
  list(items: string[]): string;
  state(s: State): string;
  kind(k: ControlKind): string;
  severity(s: Severity): string;
  surface(k: SurfaceKind): string;
  source(s: ObservationSource): string;
}

export function intlLocale(catalogueLang: string, uiLanguage: string): string {
  const lang = (catalogueLang || 'en').toLowerCase();
  if (lang === 'en') return 'en-GB';
  const ui = uiLanguage.replace(/_/g, '-');
  return ui.toLowerCase() === lang || ui.toLowerCase().startsWith(`${lang}-`) ? ui : lang;
}

const STATE_KEYS: Record<State, MessageKey> = { on: 'stateOn', off: 'stateOff', mixed: 'stateMixed', unknown: 'stateUnknown' };
const KIND_KEYS: Record<ControlKind, MessageKey> = { switch: 'kindSwitch', checkbox: 'kindCheckbox', choice: 'kindChoice', button: 'kindButton' };
const SEVERITY_KEYS: Record<Severity, MessageKey> = { high: 'severityHigh', medium: 'severityMedium', low: 'severityLow' };
const SURFACE_KEYS: Record<SurfaceKind, MessageKey> = {
  'terms-update': 'surfaceTermsUpdate',
  'consent-prompt': 'surfaceConsentPrompt',
  settings: 'surfaceSettings',
  other: 'surfaceOther',
};
const SOURCE_KEYS: Record<ObservationSource, MessageKey> = {
  'terms-dialog': 'sourceTermsDialog',
  'settings-page': 'sourceSettingsPage',
  'turn-off': 'sourceTurnOff',
  page: 'sourcePage',
};

export function createWords(getMessage: GetMessage, uiLanguage: string): Words {
  const locale = intlLocale(getMessage('locale'), uiLanguage);
  const numbers = new Map<string, Intl.NumberFormat>();
  const number = (n: number, digits: { min?: number; max?: number } = {}): string => {
    const key = `${digits.min ?? 0}-${digits.max ?? 2}`;
    let f = numbers.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits.min ?? 0, maximumFractionDigits: digits.max ?? 2, useGrouping: false });
      numbers.set(key, f);
    }
    return f.format(n);
  };
  const t = (key: MessageKey, ...subs: Sub[]): string =>
    // An unknown key (a catalogue out of step) shows the key, never an empty line.
    getMessage(key, subs.map((s) => (typeof s === 'number' ? number(s) : s))) || key;

  const days = new Map<string, Intl.DateTimeFormat>();
  const day = (dateOrIso: string, timeZone?: string): string => {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(dateOrIso);
    const ms = dateOnly ? deadlineInstant(dateOrIso) : Date.parse(dateOrIso);
    if (ms === null || Number.isNaN(ms)) return dateOrIso;
    // A calendar date is shown as written (in UTC, so no zone moves it); an instant in the user's zone.
    const zone = dateOnly ? 'UTC' : timeZone;
    let f = days.get(zone ?? '');
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', ...(zone ? { timeZone: zone } : {}) });
      days.set(zone ?? '', f);
    }
    return f.format(ms);
  };

  let relativeFormat: Intl.RelativeTimeFormat | null = null;
  const relative = (iso: string, now: number): string => {
    const a = agoOf(iso, now);
    if (a === null) return t('timeUnknown');
    if (a.unit === 'now') return t('timeJustNow');
    relativeFormat ??= new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    return relativeFormat.format(-a.n, a.unit);
  };

  const units = new Map<string, Intl.NumberFormat>();
  const amount = (p: TimePart): string => {
    let f = units.get(p.unit);
    if (!f) {
      f = new Intl.NumberFormat(locale, { style: 'unit', unit: p.unit, unitDisplay: 'long' });
      units.set(p.unit, f);
    }
    return f.format(p.n);
  };
  let agoFormat: Intl.RelativeTimeFormat | null = null;
  const countdown = (deadlineMs: number, now: number): string => {
    const c = countdownOf(deadlineMs, now);
    switch (c.kind) {
      case 'left': {
        const [a, b] = c.parts.map(amount);
        return t('countdownLeft', b === undefined ? a! : t('countdownPair', a!, b));
      }
      case 'soon':
        return t('countdownSoon');
      case 'passed':
        // "always": "1 day ago", never "yesterday", after "passed".
        agoFormat ??= new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
        return t('countdownPassed', agoFormat.format(-c.part.n, c.part.unit));
      case 'now':
        return t('countdownPassedNow');
    }
  };

  let lists: Intl.ListFormat | null = null;
  const list = (items: string[]): string => {
    lists ??= new Intl.ListFormat(locale, { type: 'conjunction' });
    return lists.format(items);
  };

  return {
    t,
    locale,
    number,
    day,
    relative,
    countdown,
    amount: (n, unit) => amount({ n, unit }),
    list,
    state: (s) => t(STATE_KEYS[s]),
    kind: (k) => t(KIND_KEYS[k]),
    severity: (s) => t(SEVERITY_KEYS[s]),
    surface: (k) => t(SURFACE_KEYS[k]),
    source: (s) => t(SOURCE_KEYS[s]),
  };
}
