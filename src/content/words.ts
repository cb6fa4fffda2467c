/**
 * The callout's words in the browser's language, for the overlay: the catalogue through
 * `i18n.getMessage` (runtime.ts) and numbers through Intl in the catalogue's locale. Only what
 * the callout needs, so the page carries a few hundred bytes for it, not the popup's formatter.
 */
import type { CalloutWords } from '../i18n/callout';
import type { MessageKey } from '../i18n/catalogue';
import { message } from './runtime';

const STATE: Record<string, MessageKey> = { on: 'stateOn', off: 'stateOff', mixed: 'stateMixed', unknown: 'stateUnknown' };
const KIND: Record<string, MessageKey> = { switch: 'kindSwitch', checkbox: 'kindCheckbox', choice: 'kindChoice', button: 'kindButton' };

export function contentWords(): CalloutWords {
  const lang = message('locale');
  const locale = lang === 'locale' ? 'en' : lang;
  const number = (n: number, d: { min?: number; max?: number } = {}): string =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: d.min ?? 0, maximumFractionDigits: d.max ?? 2, useGrouping: false }).format(n);
  const t = (key: MessageKey, ...subs: (string | number)[]): string => message(key, subs.map((s) => (typeof s === 'number' ? number(s) : s)));
  return { t, number, state: (s) => t(STATE[s]!), kind: (k) => t(KIND[k]!) };
}
