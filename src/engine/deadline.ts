/**
 * Effective-date / deadline extraction for terms-update dialogs.
 *
 * Month names are NOT hand-written here: they are built once (lazily, then cached) from the
 * platform's own locale data through `Intl.DateTimeFormat#formatToParts`. Both Node 20 and
 * Chromium ship full ICU, so this costs a few hundred bytes of code instead of a date library
 * (plus its locale files) — the module runs inside a content script with a 60 KB budget.
 *
 * Forms recognised (case-insensitive, any Unicode whitespace incl. NBSP / U+202F / newlines):
 *   - day month year:   "8 October 2025", "8th of October, 2025", "8. Oktober 2025",
 *                       "1er octobre 2025", "8 de octubre de 2025", "l'8 ottobre 2025",
 *                       "1º de outubro de 2025", "8 oktober 2025"
 *   - month day year:   "October 8, 2025", "Oct 8th, 2025", "Sept. 28 2025"
 *   - ISO / year-first: "2025-10-08" (also inside "2025-10-08T00:00Z"), "2025/10/08"
 *   - CJK:              "2025年10月8日", "2025년 10월 8일", Korean dotted "2025. 10. 8."
 *   - day-first dotted: "8.10.2025", "28.09.2025" (de/nl/… style)
 *   - slashed/dashed:   see NUMERIC DATE POLICY below.
 *
 * NUMERIC DATE POLICY. Two-digit years are never accepted. Dotted numeric dates are read
 * day-first (that convention is unambiguous: nobody writes month-first with dots). Slashed
 * (and dashed, as in Dutch "08-10-2025") dates are ambiguous between DD/MM and US MM/DD, so:
 *   - "28/09/2025": first number > 12, it can only be day-first → accepted as 2025-09-28;
 *   - "09/28/2025": second number > 12, it can only be month-first → accepted as 2025-09-28;
 *   - "08/08/2025": both orders give the same date → accepted;
 *   - "08/10/2025": ambiguous → accepted only when the same text is otherwise clearly
 *     day-first (it contains unambiguous day-first slashed/dashed dates and no unambiguous
 *     month-first ones), or clearly month-first likewise; otherwise skipped.
 * Year-first dotted numbers ("2025.10.8") are never dates — that is how versions are written —
 * except the Korean spaced form "2025. 10. 8." whose spaces no version string has. Space-separated
 * numbers ("10 8 2025") are never dates. Numbers preceded by "v"/"version"/"build"/"release"
 * are ignored.
 */

export interface FoundDate {
  /** YYYY-MM-DD */
  date: string;
  /** the matched substring of the input */
  match: string;
  /** offset of `match` in the input */
  index: number;
}

/** Locales whose month names are read. ja/ko/zh write months as numbers and use the CJK form. */
const NAME_LOCALES = [
  'en', 'en-GB', 'de', 'de-AT', 'de-CH', 'fr', 'fr-CA', 'es', 'es-MX', 'it', 'pt', 'pt-PT', 'nl', 'nl-BE',
] as const;

const MAX_SENTENCE = 240;
const ELLIPSIS = '…';
/** How far around a date deadline words are looked for (characters, within its sentence). */
const BEFORE_WINDOW = 80;
const AFTER_WINDOW = 40;

// ---------------------------------------------------------------------------------------------
// Month names from Intl

interface MonthData {
  /** normalised name (lower-case, no trailing dot; accented and accent-stripped) → 1..12 */
  byName: Map<string, number>;
  /** regex alternation source, longest first */
  alternation: string;
}

let monthCache: MonthData | undefined;

/** Latin diacritics only: CJK voicing marks (で = て + U+3099) must survive. */
function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036F]+/gu, '').normalize('NFC');
}

function normaliseName(s: string): string {
  return s.toLowerCase().normalize('NFC').replace(/\.+$/u, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function monthData(): MonthData {
  if (monthCache) return monthCache;
  const byName = new Map<string, number>();
  const ambiguous = new Set<string>();
  const add = (name: string, month: number): void => {
    if (!/^\p{L}+$/u.test(name) || ambiguous.has(name)) return;
    const known = byName.get(name);
    if (known === undefined) byName.set(name, month);
    else if (known !== month) {
      // Never happens with today's CLDR data, but a name meaning two months is useless.
      byName.delete(name);
      ambiguous.add(name);
    }
  };
  const locales = Intl.DateTimeFormat.supportedLocalesOf([...NAME_LOCALES]);
  for (const locale of locales) {
    for (const width of ['long', 'short'] as const) {
      // Stand-alone form ({ month }) and format/genitive form ({ month, day }).
      for (const withDay of [false, true]) {
        const fmt = new Intl.DateTimeFormat(locale, {
          month: width,
          ...(withDay ? { day: 'numeric' as const } : {}),
          timeZone: 'UTC',
        });
        for (let m = 0; m < 12; m++) {
          const part = fmt.formatToParts(new Date(Date.UTC(2025, m, 15, 12))).find((p) => p.type === 'month');
          if (!part) continue;
          const name = normaliseName(part.value);
          add(name, m + 1);
          add(stripAccents(name), m + 1);
        }
      }
    }
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  monthCache = { byName, alternation: names.map(escapeRegExp).join('|') };
  return monthCache;
}

// ---------------------------------------------------------------------------------------------
// The date scanner: one combined regex, compiled once, one left-to-right pass over the text.
// Every quantifier is bounded or separated by a literal / disjoint class, so there is no
// catastrophic backtracking.

let dateRegexCache: RegExp | undefined;

function dateRegex(): RegExp {
  if (dateRegexCache) return dateRegexCache;
  const month = `(?:${monthData().alternation})(?!\\p{L})\\.?`;
  // 8th, 1st, 1er, 1ᵉʳ, 1º, 1.º, 1°, 1o
  const ordinal = '(?:st|nd|rd|th|er|ᵉʳ|\\.?º|°|o)?';
  const noNumBefore = '(?<![\\p{L}\\p{N}.,+/-])';
  const noNumAfter = '(?!\\p{N}|[-/.,]\\p{N})';
  const parts = [
    // day month year — "8 October 2025", "8. Oktober 2025", "1er octobre 2025", "8 de octubre de 2025"
    `(?<![\\p{L}\\p{N}.,])(?<dmyD>[0-3]?\\d)${ordinal}\\.?\\s*(?:(?:of|de)\\s+)?(?<dmyM>${month})\\s*,?\\s*(?:(?:de|del|of)\\s+)?(?<dmyY>\\d{4})(?!\\p{N})`,
    // month day year — "October 8, 2025", "Oct 8th, 2025"
    `(?<![\\p{L}\\p{N}])(?<mdyM>${month})\\s*(?<mdyD>[0-3]?\\d)(?:st|nd|rd|th)?(?!\\p{N})\\s*,?\\s*(?<mdyY>\\d{4})(?!\\p{N})`,
    // ISO and year-first slashed — "2025-10-08", "2025/10/08"
    `${noNumBefore}(?<isoY>\\d{4})(?<isoS>[-/])(?<isoM>\\d{1,2})\\k<isoS>(?<isoD>\\d{1,2})${noNumAfter}`,
    // CJK — "2025年10月8日", "2025년 10월 8일"
    `(?<!\\p{N})(?<cjkY>\\d{4})\\s*[年년]\\s*(?<cjkM>\\d{1,2})\\s*[月월]\\s*(?<cjkD>\\d{1,2})\\s*[日일]`,
    // Korean dotted with spaces — "2025. 10. 8."
    `${noNumBefore}(?<koY>\\d{4})\\.\\s+(?<koM>\\d{1,2})\\.\\s+(?<koD>\\d{1,2})(?!\\p{N})\\.?`,
    // day-first dotted — "8.10.2025", "28.09.2025"
    `${noNumBefore}(?<dotD>\\d{1,2})\\.(?<dotM>\\d{1,2})\\.(?<dotY>\\d{4})${noNumAfter}`,
    // slashed / dashed — ambiguous, resolved afterwards
    `${noNumBefore}(?<slA>\\d{1,2})(?<slS>[-/])(?<slB>\\d{1,2})\\k<slS>(?<slY>\\d{4})${noNumAfter}`,
  ];
  dateRegexCache = new RegExp(parts.join('|'), 'giu');
  return dateRegexCache;
}

/** Length-preserving normalisation: every whitespace / zero-width char → space, full-width digits → ASCII. */
function normaliseForScan(text: string): string {
  return text
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]/gu, ' ')
    .replace(/[\uFF10-\uFF19]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function toIso(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return null;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const VERSION_BEFORE = /(?:\bv|\bversion|\bver\.?|\bbuild|\brelease|\brev\.?)\s*$/iu;

interface Pending {
  a: number;
  b: number;
  y: number;
  match: string;
  index: number;
}

type Raw = { kind: 'date'; found: FoundDate } | { kind: 'ambiguous'; pending: Pending };

/** Every valid calendar date written in the text, in order of appearance. */
export function findDates(text: string): FoundDate[] {
  const scan = normaliseForScan(text);
  const re = dateRegex();
  const { byName } = monthData();
  const raws: Raw[] = [];
  let dayFirstEvidence = 0;
  let monthFirstEvidence = 0;

  re.lastIndex = 0;
  for (let m = re.exec(scan); m !== null; m = re.exec(scan)) {
    const g = m.groups ?? {};
    const index = m.index;
    const match = text.slice(index, index + m[0].length);
    const num = (s: string | undefined): number => (s === undefined ? NaN : Number(s));
    const monthOf = (s: string | undefined): number =>
      s === undefined ? NaN : (byName.get(normaliseName(s)) ?? byName.get(stripAccents(normaliseName(s))) ?? NaN);
    const numeric = g.isoY !== undefined || g.dotY !== undefined || g.slY !== undefined || g.koY !== undefined;
    if (numeric && VERSION_BEFORE.test(scan.slice(Math.max(0, index - 12), index))) {
      re.lastIndex = index + 1;
      continue;
    }

    let iso: string | null = null;
    if (g.dmyY !== undefined) iso = toIso(num(g.dmyY), monthOf(g.dmyM), num(g.dmyD));
    else if (g.mdyY !== undefined) iso = toIso(num(g.mdyY), monthOf(g.mdyM), num(g.mdyD));
    else if (g.isoY !== undefined) {
      // Dashed year-first must be real ISO (two-digit month and day); slashed may be short.
      if (g.isoS === '-' && ((g.isoM ?? '').length !== 2 || (g.isoD ?? '').length !== 2)) iso = null;
      else iso = toIso(num(g.isoY), num(g.isoM), num(g.isoD));
    } else if (g.cjkY !== undefined) iso = toIso(num(g.cjkY), num(g.cjkM), num(g.cjkD));
    else if (g.koY !== undefined) iso = toIso(num(g.koY), num(g.koM), num(g.koD));
    else if (g.dotY !== undefined) iso = toIso(num(g.dotY), num(g.dotM), num(g.dotD));
    else if (g.slY !== undefined) {
      const a = num(g.slA);
      const b = num(g.slB);
      const y = num(g.slY);
      const dayFirst = toIso(y, b, a);
      const monthFirst = toIso(y, a, b);
      if (dayFirst && monthFirst && dayFirst !== monthFirst) {
        raws.push({ kind: 'ambiguous', pending: { a, b, y, match, index } });
        continue;
      }
      iso = dayFirst ?? monthFirst;
      if (dayFirst && !monthFirst) dayFirstEvidence++;
      if (monthFirst && !dayFirst) monthFirstEvidence++;
    }

    if (iso) raws.push({ kind: 'date', found: { date: iso, match, index } });
    else re.lastIndex = index + 1; // invalid: keep scanning inside it for a valid overlapping date
  }

  const order = dayFirstEvidence > 0 && monthFirstEvidence === 0 ? 'dmy' : monthFirstEvidence > 0 && dayFirstEvidence === 0 ? 'mdy' : null;
  const out: FoundDate[] = [];
  for (const raw of raws) {
    if (raw.kind === 'date') out.push(raw.found);
    else if (order) {
      const { a, b, y, match, index } = raw.pending;
      const iso = order === 'dmy' ? toIso(y, b, a) : toIso(y, a, b);
      if (iso) out.push({ date: iso, match, index });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Deadline words

/** Fold for keyword matching: lower-case, accents stripped, curly apostrophes straightened. */
function fold(s: string): string {
  return stripAccents(s.toLowerCase()).replace(/[\u2018\u2019\u02BC]/gu, "'");
}

/** Words that mark a date as an effective date / deadline when they precede it (folded). */
const DEADLINE_BEFORE_LATIN = [
  // en
  'take effect', 'takes effect', 'taking effect', 'took effect', 'go into effect', 'goes into effect',
  'come into effect', 'comes into effect', 'come into force', 'comes into force', 'in force', 'effective',
  'deadline', 'due', 'by', 'until', 'till', 'before', 'no later than', 'not later than', 'starting',
  'beginning', 'as of', 'from', 'expires', 'expire', 'expiry', 'on or after', 'on or before',
  // de
  'in kraft', 'inkrafttreten', 'gultig ab', 'gilt ab', 'gelten ab', 'wirksam', 'mit wirkung', 'ab', 'bis',
  'spatestens', 'frist', 'stichtag', 'vor dem', 'vor',
  // fr
  'entrera en vigueur', 'entreront en vigueur', 'entre en vigueur', 'entrent en vigueur', 'en vigueur',
  'entree en vigueur', 'prendra effet', 'prendront effet', 'prend effet', 'a compter du', 'a compter de',
  'a partir du', 'avant le', 'avant', "jusqu'au", "jusqu'a", "d'ici le", 'au plus tard', 'date limite',
  // es
  'entrara en vigor', 'entraran en vigor', 'entra en vigor', 'entran en vigor', 'en vigor', 'entrada en vigor',
  'surtira efecto', 'antes del', 'antes de', 'hasta el', 'hasta', 'a partir del', 'a partir de', 'a mas tardar',
  'fecha limite', 'plazo', 'vigente',
  // it
  'entrera in vigore', 'entreranno in vigore', 'entra in vigore', 'entrano in vigore', 'in vigore',
  'entrata in vigore', 'entro', 'a partire dal', "a partire dall'", 'a decorrere dal', "a decorrere dall'",
  'fino al', "fino all'", 'prima del', "prima dell'", 'scadenza', 'decorrenza', 'efficace',
  // pt
  'entrara em vigor', 'entrarao em vigor', 'entra em vigor', 'entram em vigor', 'em vigor', 'entrada em vigor',
  'ate', 'a partir do', 'antes do', 'prazo', 'data limite', 'vigencia', 'passa a valer', 'passarao a valer',
  // nl
  'treedt in werking', 'treden in werking', 'in werking', 'van kracht', 'gaat in op', 'gaan in op',
  'ingangsdatum', 'vanaf', 'tot', 'uiterlijk', 'voor',
];
/** CJK words (no word boundaries in these scripts). */
const DEADLINE_CJK = [
  '発効', '施行', '適用', '効力', '有効', 'まで', '期限', '期日', '締切', 'から', 'より', '開始',
  '시행', '발효', '적용', '효력', '까지', '부터', '마감', '기한', '시작',
];
/** Words that naturally follow the date they qualify ("… 2025 in Kraft", "…日に発効"). */
const DEADLINE_AFTER_LATIN = [
  'in kraft', 'wirksam', 'take effect', 'takes effect', 'come into force', 'comes into force',
  'en vigueur', 'en vigor', 'in vigore', 'em vigor', 'in werking', 'van kracht', 'deadline',
];
/** Labels that mark a date as NOT the effective date ("Last updated: May 1, 2025"). */
const NOT_DEADLINE_LATIN = [
  'last updated', 'last modified', 'last revised', 'updated on', 'updated', 'published', 'posted on', 'dated',
  'zuletzt aktualisiert', 'zuletzt geandert', 'aktualisiert am', 'stand', 'veroffentlicht',
  'derniere mise a jour', 'mis a jour le', 'mise a jour le', 'publie le',
  'ultima actualizacion', 'actualizado el', 'publicado el',
  'ultimo aggiornamento', 'aggiornato il', 'aggiornati il', 'pubblicato il',
  'ultima atualizacao', 'atualizado em', 'publicado em',
  'laatst bijgewerkt', 'bijgewerkt op', 'gepubliceerd op',
];
const NOT_DEADLINE_CJK = ['最終更新', '更新日', '公開日', '최종 수정', '최종 업데이트', '게시일', '수정일'];

function keywordSource(latin: readonly string[], cjk: readonly string[]): string {
  const byLength = (a: string, b: string): number => b.length - a.length;
  const lat = [...latin].sort(byLength).map((w) => escapeRegExp(w).replace(/ /g, '\\s+'));
  const cj = [...cjk].sort(byLength).map((w) => escapeRegExp(w).replace(/ /g, '\\s*'));
  const alts: string[] = [];
  if (lat.length) alts.push(`(?<![\\p{L}\\p{N}])(?:${lat.join('|')})(?![\\p{L}\\p{N}])`);
  if (cj.length) alts.push(`(?:${cj.join('|')})`);
  return alts.join('|');
}

let keywordCache: { before: RegExp; after: RegExp } | undefined;

function keywordRegexes(): { before: RegExp; after: RegExp } {
  if (keywordCache) return keywordCache;
  keywordCache = {
    before: new RegExp(
      `(?<neg>${keywordSource(NOT_DEADLINE_LATIN, NOT_DEADLINE_CJK)})|(?<pos>${keywordSource(DEADLINE_BEFORE_LATIN, DEADLINE_CJK)})`,
      'gu',
    ),
    after: new RegExp(keywordSource(DEADLINE_AFTER_LATIN, DEADLINE_CJK), 'u'),
  };
  return keywordCache;
}

// ---------------------------------------------------------------------------------------------
// Sentences

function insideDate(pos: number, spans: readonly FoundDate[]): boolean {
  for (const s of spans) if (pos >= s.index && pos < s.index + s.match.length) return true;
  return false;
}

/**
 * Is there a sentence break right after `text[i]`? `.!?` followed by whitespace and not a
 * lower-case letter (so "e.g. the" and "8. Oktober" do not split, nor single-letter
 * abbreviations like "z. B."), CJK full stops, and line
 * breaks — unless the next line continues in lower case.
 */
function breaksAfter(text: string, i: number, spans: readonly FoundDate[]): boolean {
  const c = text[i];
  if (c === undefined) return false;
  if (c === '。' || c === '！' || c === '？') return true;
  if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') {
    let j = i + 1;
    while (j < text.length && /\s/u.test(text[j] ?? '')) {
      if (text[j] === '\n') return true; // blank line
      j++;
    }
    return !/\p{Ll}/u.test(text[j] ?? '');
  }
  if (c === '.' || c === '!' || c === '?' || c === '…') {
    if (insideDate(i, spans)) return false;
    // Single-letter abbreviations: "z. B.", "e.g.", "i. e.".
    if (c === '.' && /\p{L}/u.test(text[i - 1] ?? '') && !/\p{L}/u.test(text[i - 2] ?? '')) return false;
    const next = text[i + 1];
    if (next === undefined) return true;
    if (!/\s/u.test(next)) return false;
    let j = i + 1;
    while (j < text.length && /[ \t\u00A0\u202F]/u.test(text[j] ?? '')) j++;
    return !/\p{Ll}/u.test(text[j] ?? '');
  }
  return false;
}

/** The sentence around `at`, looking at most `limit` characters either side of the date. */
function sentenceBounds(
  text: string,
  at: FoundDate,
  spans: readonly FoundDate[],
  limit: number,
): { start: number; end: number } {
  const lo = Math.max(0, at.index - limit);
  const hi = Math.min(text.length, at.index + at.match.length + limit);
  let start = at.index;
  while (start > lo && !breaksAfter(text, start - 1, spans)) start--;
  let end = at.index + at.match.length;
  while (end < hi && !breaksAfter(text, end, spans)) end++;
  if (end < hi) end++; // include the terminator
  return { start, end };
}

const collapse = (s: string): string => s.replace(/[\s\u200B-\u200D\u2060\uFEFF]+/gu, ' ');

/** Trimmed, whitespace-collapsed sentence, cut to MAX_SENTENCE around the date on word boundaries. */
function sentenceText(text: string, bounds: { start: number; end: number }, at: FoundDate): string {
  const pre = collapse(text.slice(bounds.start, at.index)).trimStart();
  const mid = collapse(at.match);
  const post = collapse(text.slice(at.index + at.match.length, bounds.end)).trimEnd();
  const s = pre + mid + post;
  if (s.length <= MAX_SENTENCE) return s;
  const dStart = pre.length;
  const dEnd = dStart + mid.length;
  const tidyEnd = (x: string): string => x.trimEnd().replace(/[\s,;:]+$/u, '');

  if (dEnd <= MAX_SENTENCE - 1) {
    // Keep the head of the sentence.
    let end = MAX_SENTENCE - 1;
    if (s[end] !== ' ') {
      const sp = s.lastIndexOf(' ', end);
      if (sp >= dEnd) end = sp;
    }
    return tidyEnd(s.slice(0, end)) + ELLIPSIS;
  }
  // Date far into the sentence: a window ending a little after it, ellipses on both cut sides.
  let end = Math.min(s.length, dEnd + 60);
  let start = Math.max(0, end - (MAX_SENTENCE - 2));
  if (end < s.length && s[end] !== ' ') {
    const sp = s.lastIndexOf(' ', end);
    if (sp >= dEnd) end = sp;
  }
  if (start > 0 && s[start - 1] !== ' ') {
    const sp = s.indexOf(' ', start);
    if (sp !== -1 && sp < dStart) start = sp + 1;
  }
  const body = s.slice(start, end).trim();
  return (start > 0 ? ELLIPSIS : '') + (end < s.length ? tidyEnd(body) + ELLIPSIS : body);
}

/**
 * The date the text states as an effective date or deadline: a date with deadline words next to
 * it in its sentence wins over other dates; otherwise the first date; null when none. A date
 * labelled "Last updated" / "Stand" / "最終更新" etc. is passed over in favour of an unlabelled one.
 * Ties go to the earliest date.
 */
export function findDeadline(text: string): { date: string; text: string } | null {
  const dates = findDates(text);
  if (dates.length === 0) return null;
  const { before, after } = keywordRegexes();

  let best: { found: FoundDate; score: number } | undefined;
  for (let i = 0; i < dates.length; i++) {
    const found = dates[i];
    if (!found) continue;
    const prev = dates[i - 1];
    const next = dates[i + 1];
    const dStart = found.index;
    const dEnd = found.index + found.match.length;
    // Only the neighbourhood matters for scoring, so the sentence scan is bounded.
    const near = sentenceBounds(text, found, dates, Math.max(BEFORE_WINDOW, AFTER_WINDOW));

    const beforeFrom = Math.max(near.start, prev ? prev.index + prev.match.length : 0, dStart - BEFORE_WINDOW);
    const afterTo = Math.min(near.end, next ? next.index : text.length, dEnd + AFTER_WINDOW);
    const beforeText = fold(text.slice(beforeFrom, dStart));
    const afterText = fold(text.slice(dEnd, afterTo));

    // The label nearest before the date decides: deadline word → 2, "last updated"-type → -1;
    // failing that, a deadline word right after it ("… in Kraft", "…に発効") → 1.
    let score = 0;
    for (const m of beforeText.matchAll(before)) score = m.groups?.neg !== undefined ? -1 : 2;
    if (score === 0 && after.test(afterText)) score = 1;

    if (!best || score > best.score) best = { found, score };
  }
  if (!best) return null;
  const bounds = sentenceBounds(text, best.found, dates, Infinity);
  return { date: best.found.date, text: sentenceText(text, bounds, best.found) };
}

