/* The extension's words in each language: Intl formatting in the catalogue's locale, finding sentences and callouts from ids and numbers. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_LEXICON } from '../../src/engine/lexicon-builtin';
import { createWords, intlLocale } from '../../src/i18n/words';
import { findingText } from '../../src/i18n/findings';
import { calloutWords } from '../../src/i18n/callout';
import { calloutText } from '../../src/report/summary';
import { judgeControl as judgeOnly, judgeSurface, type ControlFacts } from '../../src/engine/findings';
import { wordFinding } from '../../src/engine/findings-words';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/shared/time';
import type { Control, Surface } from '../../src/engine/types';
import { i18nFor, locales } from './i18n-helpers';

const words = (lang: string, ui?: string) => {
  const i = i18nFor(lang, ui);
  return createWords((k, s) => i.getMessage(k, s), i.getUILanguage());
};
const CLAUDE = Date.UTC(2025, 9, 8);

describe('intlLocale', () => {
  it('follows the catalogue, keeps a region of the same language, and uses en-GB dates for English', () => {
    expect(intlLocale('de', 'de-AT')).toBe('de-AT');
    expect(intlLocale('de', 'en-US')).toBe('de');
    expect(intlLocale('en', 'it')).toBe('en-GB');
    expect(intlLocale('fr', 'fr_CA')).toBe('fr-CA');
    expect(intlLocale('', 'es')).toBe('en-GB');
  });
});

describe('dates, times and numbers', () => {
  it.each([
    ['en', '8 October 2025', '11 days 12 hours left', 'passed 3 days ago', '2.6'],
    ['de', '8. Oktober 2025', 'noch 11 Tage und 12 Stunden', 'abgelaufen vor 3 Tagen', '2,6'],
    ['fr', '8 octobre 2025', 'il reste 11\u00a0jours et 12\u00a0heures', 'dépassée il y a 3 jours', '2,6'],
    ['es', '8 de octubre de 2025', 'Tiempo restante: 11 días y 12 horas', 'venció hace 3 días', '2,6'],
  ])('%s', (lang, day, left, passed, number) => {
    const w = words(lang);
    expect(w.day('2025-10-08')).toBe(day);
    // French sets a no-break space between a number and its unit (CLDR); compared as is.
    expect(w.countdown(CLAUDE, CLAUDE - 11 * DAY_MS - 12 * HOUR_MS)).toBe(left);
    expect(w.countdown(CLAUDE, CLAUDE + 3 * DAY_MS)).toBe(passed);
    expect(w.number(2.6)).toBe(number);
  });

  it('drops zero parts and words the singular', () => {
    expect(words('en').countdown(CLAUDE, CLAUDE - DAY_MS)).toBe('1 day left');
    expect(words('de').countdown(CLAUDE, CLAUDE - HOUR_MS - MINUTE_MS)).toBe('noch 1 Stunde und 1 Minute');
    expect(words('de').countdown(CLAUDE, CLAUDE - 30_000)).toBe('noch weniger als eine Minute');
    expect(words('en').countdown(CLAUDE, CLAUDE + 30_000)).toBe('passed just now');
  });

  it('says how long ago, in the language', () => {
    const now = Date.parse('2025-09-26T12:00:00Z');
    expect(words('en').relative('2025-09-26T09:00:00Z', now)).toBe('3 hours ago');
    expect(words('de').relative('2025-09-26T09:00:00Z', now)).toBe('vor 3 Stunden');
    expect(words('fr').relative('2025-09-25T11:00:00Z', now)).toBe('hier');
    expect(words('es').relative('2025-09-26T11:59:30Z', now)).toBe('justo ahora');
    expect(words('de').relative('nonsense', now)).toBe('zu unbekannter Zeit');
  });

  it('joins lists the language\'s way', () => {
    expect(words('en').list(['Claude', 'ChatGPT', 'Gemini'])).toBe('Claude, ChatGPT and Gemini');
    expect(words('de').list(['Claude', 'ChatGPT', 'Gemini'])).toBe('Claude, ChatGPT und Gemini');
  });
});

const FACTS: ControlFacts = {
  kind: 'switch',
  state: 'on',
  label: 'You can help improve Claude',
  surfaceKind: 'terms-update',
  hiddenReason: null,
  width: 28,
  height: 16,
  clickableArea: 28 * 16,
  labelText: { fontPx: 12, contrast: 2.6, required: 4.5, colour: '#999', background: '#fff', approximate: false },
  shape: { contrast: 1.2, colour: '#eee', background: '#fff' },
  outOfView: { where: 'scroll-container', distancePx: 312, visibleHeightPx: 400 },
  primary: { label: 'Accept', area: 560 * 44, fontPx: 16, contrast: 20, inView: true },
};

/** Judged and worded in English, as the background words a report (the tests compare with `message`). */
const judgeControl = (facts: ControlFacts) => judgeOnly(facts, BUILTIN_LEXICON).map((f) => wordFinding(f, { kind: facts.kind, accept: facts.primary?.label ?? null }));

function control(findings = judgeControl(FACTS)): Control {
  return { id: 'c1', label: FACTS.label, description: '', purpose: 'ai-training', state: 'on', kind: 'switch', box: { x: 0, y: 0, width: 28, height: 16 }, findings, surfaceId: 's1' };
}
const surface: Surface = {
  id: 's1',
  kind: 'terms-update',
  title: 'Updates',
  box: { x: 0, y: 0, width: 600, height: 500 },
  primaryAction: { label: 'Accept', box: { x: 0, y: 0, width: 560, height: 44 } },
  findings: judgeSurface({ kind: 'terms-update', modal: true, dismiss: null, primary: 'Accept', toggles: [{ kind: 'switch', state: 'on' }], hasChoice: false }),
};

describe('finding sentences', () => {
  const c = control();
  const all = [...c.findings, ...surface.findings, ...judgeControl({ ...FACTS, hiddenReason: 'closed-details' })];

  it('covers every kind of finding in this sample', () => {
    expect(new Set(all.map((f) => f.id))).toEqual(
      new Set(['preselected', 'small-target', 'low-contrast', 'out-of-view', 'false-hierarchy', 'vague-label', 'forced-choice', 'bundled-consent', 'hidden']),
    );
  });

  for (const lang of locales()) {
    it(`are whole sentences in ${lang}, with the numbers filled in`, () => {
      const w = words(lang);
      for (const f of all) {
        const s = findingText(w, f, f.id === 'forced-choice' || f.id === 'bundled-consent' ? null : c, surface);
        expect(s, `${lang} ${f.id}`).not.toMatch(/\$|undefined|NaN|\bnull\b/);
        expect(s.length, `${lang} ${f.id}`).toBeGreaterThan(15);
      }
    });
  }

  it('match the report\'s English for most findings, built from the numbers', () => {
    const w = words('en');
    for (const f of c.findings.filter((x) => ['preselected', 'small-target', 'out-of-view', 'vague-label'].includes(x.id))) {
      expect(findingText(w, f, c, surface)).toBe(f.message);
    }
  });

  it('are German in German', () => {
    const w = words('de');
    const by = (id: string) => c.findings.find((f) => f.id === id)!;
    expect(findingText(w, by('small-target'), c, surface)).toBe('Nur 28×16 px groß (Schalter); für barrierefreie Bedienelemente sind mindestens 24×24 px vorgesehen.');
    expect(findingText(w, by('low-contrast'), c, surface)).toBe(
      'Schwer zu erkennen: der Text seiner Beschriftung hat einen Kontrast von 2,6:1 (nötig sind mindestens 4,5:1) und der Schalter selbst hebt sich nur mit 1,2:1 von seinem Hintergrund ab (nötig sind mindestens 3:1).',
    );
    expect(findingText(w, by('out-of-view'), c, surface)).toBe(
      'Der Schalter für das Training liegt 312 px außerhalb des scrollbaren Bereichs des Dialogs; Sie müssen scrollen, um ihn zu finden, während „Accept“ gut sichtbar ist.',
    );
  });
});

describe('callouts', () => {
  it('read in English as the CLI\'s and in German with German numbers', () => {
    const c = control();
    expect(calloutWords(words('en'), c, surface)).toBe('Pre-set to ON · 312 px out of view · 28×16 px switch · label contrast 2.6:1 · the Accept button is 55× larger · vague label');
    expect(calloutWords(words('en'), c, surface)).toBe(calloutText(c, surface));
    expect(calloutWords(words('de'), c, surface)).toBe(
      'Vorab auf AN gestellt · 312 px außer Sicht · Schalter mit 28×16 px · Kontrast der Beschriftung 2,6:1 · die Schaltfläche „Accept“ ist 55-mal so groß · vage Beschriftung',
    );
    const hidden = control(judgeControl({ ...FACTS, state: 'off', surfaceKind: 'settings', hiddenReason: 'closed-details' }));
    expect(calloutWords(words('fr'), { ...hidden, state: 'off' }, surface)).toBe('Actuellement DÉSACTIVÉ · caché (dans une section fermée) · libellé vague');
  });
});

describe('notifications', () => {
  it('are English without words (as before) and German with German words', async () => {
    const { termsNotice, deadlineNotice } = await import('../../src/background/notify');
    const now = new Date('2025-10-05T09:00:00Z');
    const service = { name: 'Claude', settingsPath: 'Settings › Privacy › Help improve Claude' };
    expect(termsNotice('Claude').message).toBe('Claude asks you to accept new terms — the training switch is ON');
    expect(termsNotice('Claude', words('en')).message).toBe('Claude asks you to accept new terms — the training switch is ON');
    expect(termsNotice('Claude', words('de')).message).toBe('Claude bittet Sie, neue Nutzungsbedingungen zu akzeptieren – der Schalter für das Training steht auf AN');
    const de = deadlineNotice(service, '2025-10-08', now, words('de'));
    expect(de.title).toBe('Claude: noch 3 Tage');
    expect(de.message).toBe('Entscheiden Sie bis zum 8. Oktober 2025, ob Ihre Chats für das Training von KI-Modellen verwendet werden dürfen. Der Schalter: Settings › Privacy › Help improve Claude.');
    expect(deadlineNotice(service, '2025-10-08', now, words('en')).title).toBe(deadlineNotice(service, '2025-10-08', now).title);
  });
});
