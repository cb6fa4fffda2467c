/**
 * An extension page's words (popup, options) in the user's language, from the browser's message
 * catalogue (src/i18n/words.ts), built on first use.
 */
import browser from 'webextension-polyfill';
import type { MessageKey, Sub } from './catalogue';
import { createWords, type Words } from './words';

let words: Words | null = null;

export function w(): Words {
  words ??= createWords((key, subs) => browser.i18n.getMessage(key, subs), browser.i18n.getUILanguage());
  return words;
}

export const t = (key: MessageKey, ...subs: Sub[]): string => w().t(key, ...subs);
