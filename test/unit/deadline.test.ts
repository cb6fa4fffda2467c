import { describe, it, expect } from 'vitest';
import { findDates, findDeadline } from '../../src/engine/deadline';

const dates = (text: string): string[] => findDates(text).map((d) => d.date);
const deadline = (text: string): string | null => findDeadline(text)?.date ?? null;

describe('findDates — the brief examples', () => {
  it.each([
    ['take effect on October 8, 2025', '2025-10-08', 'October 8, 2025'],
    ['by September 28, 2025', '2025-09-28', 'September 28, 2025'],
    ['Oct 8th, 2025', '2025-10-08', 'Oct 8th, 2025'],
    ['8 October 2025', '2025-10-08', '8 October 2025'],
    ['entrera en vigueur le 8 octobre 2025', '2025-10-08', '8 octobre 2025'],
    ['à compter du 1er octobre 2025', '2025-10-01', '1er octobre 2025'],
    ['tritt am 8. Oktober 2025 in Kraft', '2025-10-08', '8. Oktober 2025'],
    ['bis zum 28.09.2025', '2025-09-28', '28.09.2025'],
    ['entrará en vigor el 8 de octubre de 2025', '2025-10-08', '8 de octubre de 2025'],
    ["entrerà in vigore l'8 ottobre 2025", '2025-10-08', '8 ottobre 2025'],
    ['entrará em vigor em 8 de outubro de 2025', '2025-10-08', '8 de outubro de 2025'],
    ['2025年10月8日に発効します', '2025-10-08', '2025年10月8日'],
    ['2025년 10월 8일부터 시행됩니다', '2025-10-08', '2025년 10월 8일'],
    ['2025-10-08', '2025-10-08', '2025-10-08'],
  ])('%s', (text, date, match) => {
    const found = findDates(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual({ date, match, index: text.indexOf(match) });
    expect(findDeadline(text)?.date).toBe(date);
  });

  it('reads the real Claude dialog', () => {
    const text =
      'An update to our Consumer Terms and Privacy Policy will take effect on October 8, 2025. You can accept the updated terms today.';
    expect(findDeadline(text)).toEqual({
      date: '2025-10-08',
      text: 'An update to our Consumer Terms and Privacy Policy will take effect on October 8, 2025.',
    });
  });
});

describe('findDates — languages', () => {
  it('en', () => {
    expect(dates('Please make your choice by Sept. 28, 2025.')).toEqual(['2025-09-28']);
    expect(dates('Effective as of the 1st of October, 2025')).toEqual(['2025-10-01']);
    expect(dates('on 28 Sep 2025 and on February 29, 2024')).toEqual(['2025-09-28', '2024-02-29']);
  });
  it('de', () => {
    expect(dates('Die neuen Bedingungen gelten ab dem 1. März 2025.')).toEqual(['2025-03-01']);
    expect(dates('Bitte stimmen Sie bis 30.9.2025 zu')).toEqual(['2025-09-30']);
    expect(dates('gültig ab 1. Jänner 2026 (Österreich)')).toEqual(['2026-01-01']);
    expect(dates('am 3. Dez. 2025')).toEqual(['2025-12-03']);
  });
  it('fr', () => {
    expect(dates('Vous devez accepter avant le 28 septembre 2025.')).toEqual(['2025-09-28']);
    expect(dates('mis à jour le 3 févr. 2025, puis le 15 août 2025')).toEqual(['2025-02-03', '2025-08-15']);
    expect(dates('le 1ᵉʳ décembre 2025')).toEqual(['2025-12-01']);
  });
  it('es', () => {
    expect(dates('Acepta las condiciones antes del 28 de septiembre de 2025.')).toEqual(['2025-09-28']);
    expect(dates('a partir del 1.º de enero del 2026')).toEqual(['2026-01-01']);
    expect(dates('el 15 de dic. de 2025')).toEqual(['2025-12-15']);
  });
  it('it', () => {
    expect(dates('Accetta entro il 28 settembre 2025.')).toEqual(['2025-09-28']);
    expect(dates("a partire dall’1° gennaio 2026")).toEqual(['2026-01-01']);
    expect(dates('dal 3 giu 2025')).toEqual(['2025-06-03']);
  });
  it('pt', () => {
    expect(dates('Aceite os termos até 28 de setembro de 2025.')).toEqual(['2025-09-28']);
    expect(dates('a partir de 1º de março de 2026')).toEqual(['2026-03-01']);
    expect(dates('em 1o de marco de 2026 (sem acento)')).toEqual(['2026-03-01']);
  });
  it('ja', () => {
    expect(dates('2025年9月28日までに同意してください。')).toEqual(['2025-09-28']);
    expect(dates('発効日：2025 年 10 月 8 日（水）')).toEqual(['2025-10-08']);
    expect(dates('施行日 ２０２５年１０月８日')).toEqual(['2025-10-08']);
    expect(dates('改定日 2025/10/08')).toEqual(['2025-10-08']);
  });
  it('ko', () => {
    expect(dates('2025년 9월 28일까지 동의해 주세요.')).toEqual(['2025-09-28']);
    expect(dates('시행일: 2025. 10. 8.')).toEqual(['2025-10-08']);
  });
  it('nl', () => {
    expect(dates('De voorwaarden treden in werking op 8 oktober 2025.')).toEqual(['2025-10-08']);
    expect(dates('Accepteer uiterlijk 28 sept. 2025 of vóór 1 mrt 2026')).toEqual(['2025-09-28', '2026-03-01']);
  });
});

describe('findDates — normalisation and shape', () => {
  it('is case-insensitive and accent-tolerant', () => {
    expect(dates('OCTOBER 8, 2025')).toEqual(['2025-10-08']);
    expect(dates('8 MÄRZ 2025 / 8 Marz 2025')).toEqual(['2025-03-08', '2025-03-08']);
    expect(dates('8 fevrier 2025 / 8 DÉCEMBRE 2025')).toEqual(['2025-02-08', '2025-12-08']);
  });

  it('handles newlines, NBSP and narrow NBSP, keeping offsets into the original text', () => {
    const text = 'x\nOctober\n8,\u00a02025 y 8\u202Foctobre\u00a02025';
    const found = findDates(text);
    expect(found.map((d) => d.date)).toEqual(['2025-10-08', '2025-10-08']);
    expect(found[0]).toEqual({ date: '2025-10-08', match: 'October\n8,\u00a02025', index: 2 });
    expect(found[1]?.match).toBe('8\u202Foctobre\u00a02025');
    expect(text.slice(found[1]?.index ?? -1)).toMatch(/^8\u202Foctobre/);
  });

  it('returns dates in order of appearance', () => {
    expect(dates('2025-12-01, then 8 October 2025, then 2025年1月2日')).toEqual(['2025-12-01', '2025-10-08', '2025-01-02']);
  });

  it('reads the date out of an ISO timestamp', () => {
    expect(dates('"effective_at":"2025-10-08T00:00:00Z"')).toEqual(['2025-10-08']);
  });
});

describe('findDates — invalid dates are rejected', () => {
  it.each([
    '2025-02-30',
    'February 30, 2025',
    '31 April 2025',
    '29.02.2025',
    '2025-13-01',
    '32 October 2025',
    '0 October 2025',
    '2025年2月29日',
    '31/11/2025',
  ])('%s', (text) => {
    expect(findDates(text)).toEqual([]);
  });

  it('accepts leap days in leap years', () => {
    expect(dates('29.02.2024 and February 29, 2000')).toEqual(['2024-02-29', '2000-02-29']);
    expect(dates('February 29, 1900')).toEqual([]);
  });

  it('does not accept two-digit years', () => {
    expect(dates('8.10.25, 08/10/25, Oct 8, 25, 8 October 25')).toEqual([]);
  });
});

describe('findDates — negatives', () => {
  it.each([
    'version 2025.10.8',
    'v2025.10.8',
    '10 8 2025',
    'Call us at +1 (415) 555-0132 or +49 30 1234 5678',
    'Tel. 01.23.45.67.89',
    'Claude 3.5 Sonnet',
    'Claude 3.5 October 2025',
    'released in October 2025',
    'section 1.2.2025.3',
    'version 1.2.2025',
    'build 12-10-2025',
    '20251008',
    '3 days ago 2025',
  ])('%s', (text) => {
    expect(findDates(text)).toEqual([]);
  });
});

describe('findDates — slashed / dashed numeric dates', () => {
  it('accepts them when only one order is a valid date', () => {
    expect(dates('28/09/2025')).toEqual(['2025-09-28']);
    expect(dates('09/28/2025')).toEqual(['2025-09-28']);
    expect(dates('28-09-2025')).toEqual(['2025-09-28']);
  });
  it('accepts them when both orders agree', () => {
    expect(dates('08/08/2025')).toEqual(['2025-08-08']);
  });
  it('skips ambiguous ones unless the text is otherwise clearly day- or month-first', () => {
    expect(dates('08/10/2025')).toEqual([]);
    expect(dates('Du 08/10/2025 au 28/10/2025')).toEqual(['2025-10-08', '2025-10-28']);
    expect(dates('From 10/08/2025 to 10/28/2025')).toEqual(['2025-10-08', '2025-10-28']);
    expect(dates('08/10/2025, 28/10/2025, 10/28/2025')).toEqual(['2025-10-28', '2025-10-28']);
  });
});

describe('findDeadline', () => {
  it('returns null when there is no date', () => {
    expect(findDeadline('You can accept the updated terms today.')).toBeNull();
    expect(findDeadline('')).toBeNull();
  });

  it('prefers the date with deadline words over an earlier unrelated date', () => {
    expect(deadline('Last updated: May 1, 2025 … will take effect on October 8, 2025')).toBe('2025-10-08');
    expect(deadline('Published 1 May 2025. Our new terms take effect on 8 October 2025.')).toBe('2025-10-08');
    expect(deadline('Claude 3 launched on March 4, 2024. Please accept by September 28, 2025.')).toBe('2025-09-28');
  });

  it('prefers deadline words in every language', () => {
    expect(deadline('Stand: 1. Mai 2025. Die Bedingungen treten am 8. Oktober 2025 in Kraft.')).toBe('2025-10-08');
    expect(deadline('Dernière mise à jour : 1 mai 2025. Les conditions entreront en vigueur le 8 octobre 2025.')).toBe('2025-10-08');
    expect(deadline('Última actualización: 1 de mayo de 2025. Entrará en vigor el 8 de octubre de 2025.')).toBe('2025-10-08');
    expect(deadline('Ultimo aggiornamento: 1 maggio 2025. Entrerà in vigore l’8 ottobre 2025.')).toBe('2025-10-08');
    expect(deadline('Última atualização: 1 de maio de 2025. Entrará em vigor em 8 de outubro de 2025.')).toBe('2025-10-08');
    expect(deadline('Laatst bijgewerkt: 1 mei 2025. De voorwaarden treden in werking op 8 oktober 2025.')).toBe('2025-10-08');
    expect(deadline('Seit 2024-01-15 bieten wir Claude an. Bitte stimmen Sie bis zum 28.09.2025 zu.')).toBe('2025-09-28');
  });

  it('ja and ko, where the deadline word follows the date', () => {
    const ja = findDeadline('最終更新日：2025年5月1日\n新しい規約は2025年10月8日に発効します。ご確認ください。');
    expect(ja).toEqual({ date: '2025-10-08', text: '新しい規約は2025年10月8日に発効します。' });
    expect(deadline('2025年5月1日の発表。2025年9月28日までに選択してください。')).toBe('2025-09-28');
    expect(deadline('2024년 5월 1일 출시. 2025년 10월 8일부터 시행됩니다.')).toBe('2025-10-08');
    expect(deadline('게시일: 2025. 5. 1. / 2025. 9. 28.까지 동의해 주세요')).toBe('2025-09-28');
  });

  it('falls back to the first date when none has deadline words', () => {
    expect(findDeadline('Meeting notes from 3 March 2025 and 4 March 2025.')).toEqual({
      date: '2025-03-03',
      text: 'Meeting notes from 3 March 2025 and 4 March 2025.',
    });
  });

  it('takes the first of several deadline dates', () => {
    expect(deadline('Choose by September 28, 2025. The terms take effect on October 8, 2025.')).toBe('2025-09-28');
  });

  it('returns the trimmed sentence containing the date, with whitespace collapsed', () => {
    const text =
      'Updates to Consumer Terms\n\n  We are updating our terms.   These  terms\u00a0take effect on\u202FOctober 8, 2025! Review them now.';
    expect(findDeadline(text)).toEqual({
      date: '2025-10-08',
      text: 'These terms take effect on October 8, 2025!',
    });
  });

  it('does not split sentences at dots inside dates or before lower-case words', () => {
    expect(findDeadline('Hinweis. Die Bedingungen gelten, z. B. für Pro, ab dem 8. Okt. 2025 für alle. Danke.')?.text).toBe(
      'Die Bedingungen gelten, z. B. für Pro, ab dem 8. Okt. 2025 für alle.',
    );
  });

  it('cuts a long sentence to 240 characters on a word boundary with an ellipsis (date near the start)', () => {
    const tail = ' and this clause keeps going with more words'.repeat(10);
    const text = `These terms take effect on October 8, 2025${tail}.`;
    const result = findDeadline(text);
    expect(result?.date).toBe('2025-10-08');
    const cut = result?.text ?? '';
    expect(cut.length).toBeLessThanOrEqual(240);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith('These terms take effect on October 8, 2025')).toBe(true);
    // Cut between words: what precedes the ellipsis is a whole word of the original.
    const body = cut.slice(0, -1);
    expect(text.startsWith(body)).toBe(true);
    expect(text[body.length]).toBe(' ');
  });

  it('cuts a long sentence around a late date, ellipsis at the front', () => {
    const head = 'Because of various changes in the way we operate our services'.repeat(1) + ' and more words'.repeat(20);
    const text = `${head} the new terms take effect on 8 October 2025 for everyone.`;
    const result = findDeadline(text);
    expect(result?.date).toBe('2025-10-08');
    const cut = result?.text ?? '';
    expect(cut.length).toBeLessThanOrEqual(240);
    expect(cut.startsWith('…')).toBe(true);
    expect(cut).toContain('take effect on 8 October 2025 for everyone.');
    expect(text.endsWith(cut.slice(1))).toBe(true);
    expect(text[text.length - cut.length]).toBe(' '); // the cut starts on a word
  });

  // Speed is measured by `npm run bench`, not by timed unit tests on a shared machine.
  it('finds the deadline at the end of a 20 KB terms page full of look-alikes', () => {
    const para =
      'Section 4.2: We may update these Terms from time to time (see version 2025.10.8). Questions? Call +1 (415) 555-0132. ' +
      'Claude 3.5 processes your data in accordance with our Privacy Policy, e.g. for safety. ';
    let text = 'Last updated: May 1, 2025\n';
    while (text.length < 20_000) text += para;
    text += 'These Terms will take effect on October 8, 2025.';
    expect(findDeadline(text)?.date).toBe('2025-10-08');
    expect(findDates(text).map((d) => d.date)).toEqual(['2025-05-01', '2025-10-08']);
  });

  it('finds nothing in long runs of date-like fragments', () => {
    const hostile = `${'8 '.repeat(5000)}${'October '.repeat(2000)}${'1/'.repeat(3000)}${'2025.'.repeat(2000)}`;
    expect(findDates(hostile)).toEqual([]);
  });
});
