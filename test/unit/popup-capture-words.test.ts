/* The capture result in the user's language, from the codes the background sends (its `message` stays English). */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resultWords } from '../../src/popup/components/CaptureButton';
import { SENTENCES } from '../../src/background/capture';
import type { CaptureResult } from '../../src/shared/messages';
import { makeBrowser } from './popup-helpers';
import { i18nFor } from './i18n-helpers';

const browser = vi.hoisted(() => ({}) as ReturnType<typeof makeBrowser>);
vi.mock('webextension-polyfill', () => ({ default: browser }));
beforeEach(() => Object.assign(browser, makeBrowser()));

const saved: CaptureResult = {
  ok: true,
  saved: true,
  id: 'x',
  message: 'Saved to the evidence library: the whole dialog, stitched from 3 captures; email masked.',
  method: 'stitched',
  parts: 3,
  unsaved: null,
  redaction: { enabled: true, regions: 2, masked: ['email'] },
};

describe('capture result words', () => {
  it('say in English exactly what the background says', () => {
    expect(resultWords(saved)).toBe(saved.message);
    expect(resultWords({ ...saved, method: 'viewport', parts: 1, redaction: { enabled: false, regions: 0, masked: [] } })).toBe(
      'Saved to the evidence library: the visible tab; redaction off.',
    );
    for (const why of ['notFront', 'notAllowed', 'notOurs', 'busy', 'badAnswer', 'tabGone', 'redactionIncomplete', 'pageChanged'] as const) {
      expect(resultWords({ ...saved, ok: false, saved: false, why, message: SENTENCES[why] })).toBe(SENTENCES[why]);
    }
  });

  it('are German in German', () => {
    browser.i18n = i18nFor('de');
    expect(resultWords(saved)).toBe('Im Beweisarchiv gespeichert: der ganze Dialog, aus 3 Aufnahmen zusammengesetzt; E-Mail verdeckt.');
    expect(resultWords({ ...saved, saved: false, why: 'full', unsaved: { fileName: 'a.zip', zipBase64: '' } })).toMatch(/^Der Speicher des Browsers .* Sie können sie stattdessen herunterladen\.$/);
  });

  it('fall back to the background\'s sentence when there is no code', () => {
    expect(resultWords({ ...saved, saved: false, ok: false, why: undefined, message: 'Something new.' })).toBe('Something new.');
  });
});
