/**
 * Redaction: where the signed-in account shows on the page, so that the background can paint
 * over it before anything is stored, and the same values can be taken out of the report and
 * the DOM excerpt. Only kinds and rectangles leave this file's callers for the background;
 * the values themselves stay in the page.
 *
 * - Email addresses: a pattern over the text of the page (and the values of text inputs).
 * - Avatar: a small, roughly square, rounded picture or initials badge, either marked as one
 *   (an aria-label, alt, data-testid or class that says avatar / profile / user / account) or
 *   sitting in a sidebar, header or account menu.
 * - Name: the text beside the avatar in its account block (not a plan name, not a menu word);
 *   checked against the badge's initials when there are some. The full name is masked wherever
 *   it shows; each part of it (a greeting's first name) outside the consent dialogs only, so a
 *   name that is also an ordinary word does not blank out the evidence itself.
 * - Names are matched as whole words: no letter, mark or digit on either side, so the account
 *   "Al" is masked in "Al" and not in "Allow". At an end of a name written in a script without
 *   spaces between words (Chinese, Japanese, Korean, Thai…) that end is matched as it is, since
 *   the text next to it is written on without a break ("田中さん", "김철수님").
 * - Nothing inside a consent dialog is taken for the account (an avatar-like badge or a
 *   name-like text there is the page's, and may be the evidence). In a dialog, only the text of
 *   an email address, or of a full name of more than one word (found outside it) as written, is
 *   masked; a one-word name is as likely a word of the dialog, like a first name.
 * - The search has a budget (TEXT_BUDGET text nodes). When it runs out, the result says it is
 *   not complete, and the capture stores nothing (fail closed: see capture.ts).
 */
import { collectRoots, composedContains, type Root } from '../engine/dom';
import { shadowRootOf } from './runtime';
import type { Finding, Report } from '../engine/types';
import type { RedactionKind } from '../shared/evidence';
import type { MaskRegion } from '../shared/messages';

export const REDACTED = '[redacted]';

/** Our own hosts (overlay, notice), as the caller passes them: never searched, never masked. */
const isOwn = (el: Element, own: readonly Element[]): boolean => own.some((h) => h.contains(el));
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const HINT_WORDS = /avatar|profile|user|account/i;
const HINTED = ['class', 'data-testid', 'aria-label', 'alt']
  .flatMap((a) => ['avatar', 'profile', 'user', 'account'].map((w) => `[${a}*="${w}" i]`))
  .join(', ');
/** Where an avatar without a marker may sit. */
const ACCOUNT_PLACES = 'nav, aside, header, [role="navigation"], [role="banner"], [role="menu"], [aria-haspopup="menu"], [aria-haspopup="true"]';
/** Words that make a text a menu item or a label, not a person's name. */
const NOT_A_NAME =
  /\b(plan|settings|upgrade|account|profile|log ?out|sign ?out|log ?in|sign ?in|menu|help|new chat|chats|projects?|artifacts?|recents|search|library|explore|avatar|photo|picture|image|open|close|toggle|sidebar)\b/i;
/** A plan's name on its own ("Pro"); as part of a name ("Max Mustermann") it is fine. */
const PLAN_ALONE = /^(free|pro|plus|max|team|teams|enterprise|business|premium|user|guest)$/i;
/** Text nodes searched at most; past it, the redaction is not complete. */
export const TEXT_BUDGET = 60_000;
/** CSS px added around every region. */
const PAD = 2;

export interface Account {
  avatars: Element[];
  /** Full names, as shown. */
  names: string[];
}

export interface Redaction {
  regions: MaskRegion[];
  /** What to take out of the report and the excerpt: emails and full names, longest first. */
  values: string[];
  kinds: RedactionKind[];
  /** False when the text budget ran out before every text was searched: masks may be missing. */
  complete: boolean;
}

function rectOf(el: Element): DOMRect {
  return el.getBoundingClientRect();
}

function radiusPx(value: string, width: number): number {
  const first = value.trim().split(/\s+/)[0] ?? '0';
  const n = Number.parseFloat(first);
  if (!Number.isFinite(n)) return 0;
  return first.endsWith('%') ? (n / 100) * width : n;
}

function rounded(el: Element, width: number): boolean {
  const win = el.ownerDocument.defaultView;
  if (!win) return false;
  for (let e: Element | null = el, i = 0; e && i < 2; e = e.parentElement, i++) {
    if (radiusPx(win.getComputedStyle(e).borderTopLeftRadius, width) >= width * 0.3) return true;
  }
  return false;
}

function initialsOf(el: Element): string | null {
  const t = (el.textContent ?? '').trim();
  return /^\p{Lu}{1,3}$/u.test(t) ? t : null;
}

/** Small, about square, and a picture or an initials badge; rounded unless marked as an avatar. */
export function avatarLike(el: Element, marked: boolean): boolean {
  const r = rectOf(el);
  if (r.width < 14 || r.height < 14 || r.width > 72 || r.height > 72) return false;
  const ratio = r.width / r.height;
  if (ratio < 0.75 || ratio > 1.34) return false;
  const picture = /^(img|svg|picture|canvas)$/i.test(el.localName);
  const win = el.ownerDocument.defaultView;
  const backgroundImage = win ? win.getComputedStyle(el).backgroundImage !== 'none' : false;
  if (!picture && !backgroundImage && !initialsOf(el)) return false;
  return marked || rounded(el, r.width);
}

function ownRoot(root: Root, own: readonly Element[]): boolean {
  return 'host' in root && own.includes(root.host as Element);
}

function looksLikeName(text: string): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 60 || t.includes('@')) return false;
  if (!/^\p{L}[\p{L}\p{M}'’.\- ]*$/u.test(t) || t.split(/\s+/).length > 5) return false;
  return !NOT_A_NAME.test(t) && !PLAN_ALONE.test(t);
}

function wordInitials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** The account block around an avatar: the nearest ancestor with text of its own, and small. */
function blockOf(avatar: Element): Element | null {
  let e = avatar.parentElement;
  for (let i = 0; e && i < 4; e = e.parentElement, i++) {
    const r = rectOf(e);
    if (r.height > 200 || r.width > 520) return null;
    const text = (e.textContent ?? '').replace(avatar.textContent ?? '', '').trim();
    if (text) return e;
  }
  return null;
}

/** The texts inside `block`, one per element that holds text directly, in order; none from a dialog. */
function textsIn(block: Element, skip: Element, inSurface: (n: Element) => boolean): string[] {
  const out: string[] = [];
  const doc = block.ownerDocument;
  const walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (skip.contains(n) || (n.parentElement && inSurface(n.parentElement))) continue;
    const t = (n.nodeValue ?? '').trim();
    if (t) out.push(t);
  }
  return out;
}

function nameNear(avatar: Element, hinted: Element | null, inSurface: (n: Element) => boolean): string | null {
  const initials = initialsOf(avatar);
  const candidates: string[] = [];
  const alt = avatar.getAttribute('alt') ?? avatar.getAttribute('aria-label') ?? '';
  if (looksLikeName(alt)) candidates.push(alt.trim());
  const label = hinted?.getAttribute('aria-label') ?? '';
  if (looksLikeName(label)) candidates.push(label.trim());
  const block = blockOf(avatar);
  if (block) candidates.push(...textsIn(block, avatar, inSurface).filter(looksLikeName));
  if (initials) {
    const matching = candidates.find((c) => wordInitials(c) === initials || wordInitials(c).startsWith(initials));
    if (matching) return matching;
  }
  return candidates[0] ?? null;
}

/** Whether an element is in one of `surfaces` (across shadow boundaries). */
function insideAny(surfaces: readonly Element[]): (el: Element) => boolean {
  return (el) => surfaces.some((s) => composedContains(s, el));
}

export interface AccountSearch {
  roots?: readonly Root[];
  /** The consent dialogs: nothing inside them is taken for the account. */
  surfaces?: readonly Element[];
  /** Our own hosts (overlay, notice): never searched. */
  own?: readonly Element[];
}

/** The signed-in account's avatars and name, as the page shows them outside the consent dialogs. */
export function findAccount(doc: Document, search: AccountSearch = {}): Account {
  const roots = search.roots ?? collectRoots(doc, undefined, shadowRootOf);
  const own = search.own ?? [];
  const inSurface = insideAny(search.surfaces ?? []);
  const avatars = new Set<Element>();
  const names = new Set<string>();
  const consider = (el: Element, marked: boolean, hinted: Element | null): void => {
    if (inSurface(el) || (hinted && inSurface(hinted))) return;
    if (avatars.has(el) || isOwn(el, own) || !avatarLike(el, marked)) return;
    avatars.add(el);
    const name = nameNear(el, hinted, inSurface);
    if (name) names.add(name);
  };
  for (const root of roots) {
    if (ownRoot(root, own)) continue;
    for (const el of root.querySelectorAll(HINTED)) {
      // A marked element is the avatar itself, or the account block around one.
      const marked = [el.getAttribute('class'), el.getAttribute('data-testid'), el.getAttribute('aria-label'), el.getAttribute('alt')].some((v) => v && HINT_WORDS.test(v));
      if (!marked) continue;
      consider(el, true, el);
      for (const inner of Array.from(el.querySelectorAll('img, svg, span, div')).slice(0, 40)) consider(inner, false, el);
    }
    for (const place of root.querySelectorAll(ACCOUNT_PLACES)) {
      for (const inner of Array.from(place.querySelectorAll('img, span, div, button')).slice(0, 400)) {
        if (inner.localName === 'img' || initialsOf(inner)) consider(inner, false, place.matches('[role="menu"], [aria-haspopup]') ? place : null);
      }
    }
  }
  return { avatars: [...avatars], names: [...names] };
}

type Box = { x: number; y: number; width: number; height: number };

/** `r` without `hole`: up to four pieces. */
export function subtract(r: Box, hole: Box): Box[] {
  const x0 = Math.max(r.x, hole.x);
  const y0 = Math.max(r.y, hole.y);
  const x1 = Math.min(r.x + r.width, hole.x + hole.width);
  const y1 = Math.min(r.y + r.height, hole.y + hole.height);
  if (x1 <= x0 || y1 <= y0) return [r];
  const out: Box[] = [];
  if (y0 > r.y) out.push({ x: r.x, y: r.y, width: r.width, height: y0 - r.y });
  if (y1 < r.y + r.height) out.push({ x: r.x, y: y1, width: r.width, height: r.y + r.height - y1 });
  if (x0 > r.x) out.push({ x: r.x, y: y0, width: x0 - r.x, height: y1 - y0 });
  if (x1 < r.x + r.width) out.push({ x: x1, y: y0, width: r.x + r.width - x1, height: y1 - y0 });
  return out;
}

/**
 * The parts of `r` (which shows something of `owner`) not hidden under a consent dialog drawn
 * above it: a greeting behind a modal must not be masked on top of the dialog, which is the
 * evidence. Which is above is asked of the browser's hit testing at the overlap's centre.
 */
function uncovered(r: Box, owner: Element, surfaces: readonly Element[]): Box[] {
  let pieces = [r];
  const doc = owner.ownerDocument;
  for (const s of surfaces) {
    if (s.contains(owner)) continue;
    const b = s.getBoundingClientRect();
    const hole = { x: b.left, y: b.top, width: b.width, height: b.height };
    const next: Box[] = [];
    for (const p of pieces) {
      const cx = Math.max(p.x, hole.x) + (Math.min(p.x + p.width, hole.x + hole.width) - Math.max(p.x, hole.x)) / 2;
      const cy = Math.max(p.y, hole.y) + (Math.min(p.y + p.height, hole.y + hole.height) - Math.max(p.y, hole.y)) / 2;
      const rest = subtract(p, hole);
      if (rest.length === 1 && rest[0] === p) {
        next.push(p);
        continue;
      }
      const stack = doc.elementsFromPoint(cx, cy);
      const dialogAt = stack.findIndex((e) => s.contains(e));
      const ownerAt = stack.findIndex((e) => e === owner || owner.contains(e));
      if (dialogAt >= 0 && (ownerAt < 0 || dialogAt < ownerAt)) next.push(...rest);
      else next.push(p);
    }
    pieces = next.filter((p) => p.width > 0.5 && p.height > 0.5);
  }
  return pieces;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What may not touch a name on either side for it to be a whole word. */
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';
/** Scripts written without spaces between words: the end of a name in one is matched as it is. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/** One value as a whole word (see the file comment); a run of spaces in it matches any other. */
function wordSource(value: string): string {
  const chars = [...value];
  const before = UNSPACED.test(chars[0] ?? '') ? '' : `(?<!${WORD_CHAR})`;
  const after = UNSPACED.test(chars.at(-1) ?? '') ? '' : `(?!${WORD_CHAR})`;
  return `${before}${escapeRegExp(value).replace(/\s+/g, '\\s+')}${after}`;
}

/** The values (names, addresses) as whole words, longest first; null when there are none. */
export function wholeWords(values: readonly string[], flags = 'giu'): RegExp | null {
  const list = [...new Set(values.map((v) => v.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  return list.length ? new RegExp(list.map(wordSource).join('|'), flags) : null;
}

function clipToViewport(r: DOMRect, win: Window): { x: number; y: number; width: number; height: number } | null {
  const x = Math.max(0, r.left);
  const y = Math.max(0, r.top);
  const right = Math.min(win.innerWidth, r.right);
  const bottom = Math.min(win.innerHeight, r.bottom);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * Every region to mask in the view as it is now, and the values to take out of the text.
 * `surfaces`: the consent dialogs, where only an email address or a full name of more than one
 * word, as written, is masked over its own text (see the file comment). `textBudget`: how many text nodes to search at most.
 */
export function findRedactions(doc: Document, account: Account, surfaces: readonly Element[] = [], textBudget = TEXT_BUDGET, own: readonly Element[] = []): Redaction {
  const win = doc.defaultView ?? window;
  const regions: MaskRegion[] = [];
  const inSurface = insideAny(surfaces);
  const push = (kind: RedactionKind, r: DOMRect, owner: Element): void => {
    // A little more than the text's box, for anti-aliased edges and descenders; then cut to
    // the viewport and out of any dialog drawn above it.
    const c = clipToViewport(new DOMRect(r.x - PAD, r.y - PAD, r.width + 2 * PAD, r.height + 2 * PAD), win);
    if (!c) return;
    for (const piece of uncovered(c, owner, surfaces)) regions.push({ kind, ...piece });
  };
  const emails = new Set<string>();
  const full = account.names.filter(Boolean).sort((a, b) => b.length - a.length);
  const fullRe = wholeWords(full);
  // In a dialog, a name only as written and of more than one word: a one-word name ("Will",
  // "Max", "Al") is too often a word of the dialog itself, which is the evidence.
  const dialogRe = wholeWords(full.filter((n) => /\s/.test(n.trim())), 'gu');
  const parts = [...new Set(full.flatMap((n) => n.split(/[\s]+/)).filter((p) => p.length >= 3 && /^\p{Lu}/u.test(p)))];
  const partRe = wholeWords(parts, 'gu');

  const roots = collectRoots(doc, undefined, shadowRootOf);
  const range = doc.createRange();
  const found = (re: RegExp | null, text: string): boolean => {
    if (!re) return false;
    re.lastIndex = 0;
    return re.test(text);
  };
  const mark = (node: Text, re: RegExp, kind: RedactionKind, seen?: Set<string>): void => {
    const owner = node.parentElement!;
    const text = node.nodeValue ?? '';
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!m[0]) break;
      seen?.add(m[0]);
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      for (const r of range.getClientRects()) push(kind, r, owner);
    }
  };
  let budget = textBudget;
  let complete = true;
  for (const root of roots) {
    if (ownRoot(root, own)) continue;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (budget-- <= 0) {
        // A text left unsearched may hold the name: the caller stores nothing (fail closed).
        complete = false;
        break;
      }
      const parent = n.parentElement;
      if (!parent || isOwn(parent, own) || /^(script|style|noscript|template)$/i.test(parent.localName)) continue;
      const text = n.nodeValue ?? '';
      if (text.trim().length < 2) continue;
      if (text.includes('@')) mark(n, EMAIL, 'email', emails);
      if (!found(fullRe, text) && !found(partRe, text)) continue;
      const inDialog = inSurface(parent);
      const names = inDialog ? dialogRe : fullRe;
      if (names) mark(n, names, 'name');
      if (partRe && !inDialog) mark(n, partRe, 'name');
    }
    // What a person typed or the page filled in: text inputs show their value, not a text node.
    for (const input of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
      const value = input.value ?? '';
      const found = value.match(EMAIL);
      if (!found) continue;
      for (const e of found) emails.add(e);
      push('email', rectOf(input), input);
    }
  }
  // Never painted over a dialog, even when the page moved it there since the account was found.
  for (const a of account.avatars) if (a.isConnected && !inSurface(a)) push('avatar', rectOf(a), a);
  const values = [...emails, ...full].sort((a, b) => b.length - a.length);
  const kinds = (['name', 'email', 'avatar'] as const).filter((k) => regions.some((r) => r.kind === k));
  return { regions, values, kinds, complete };
}

/** `text` with every value (any case, as a whole word) and every email address replaced by "[redacted]". */
export function scrubText(text: string, values: readonly string[]): string {
  const re = wholeWords(values);
  return (re ? text.replace(re, REDACTED) : text).replace(EMAIL, REDACTED);
}

/**
 * A URL with the values taken out of everything after its origin (also where they are
 * percent-encoded, `Alex%20Rivera`, `Alex+Rivera`). The origin stays: it says which site this
 * is, and the report must still be about the page's own origin (validate.ts).
 */
export function scrubUrl(url: string, values: readonly string[]): string {
  let origin = '';
  try {
    const o = new URL(url).origin;
    if (o !== 'null' && url.slice(0, o.length).toLowerCase() === o) origin = url.slice(0, o.length);
  } catch {
    /* not a URL: all of it is text */
  }
  const encoded = values.flatMap((v) => {
    const e = encodeURIComponent(v);
    return e === v ? [] : [e, e.replace(/%20/g, '+')];
  });
  const rest = scrubText(url.slice(origin.length), values);
  const re = wholeWords(encoded);
  return origin + (re ? rest.replace(re, REDACTED) : rest);
}

/** How a field is scrubbed: free text or an address (rewritten), structure (kept), or a nested object. */
type Treat<V> = 'text' | 'url' | 'keep' | ((value: NonNullable<V>) => NonNullable<V>);
/**
 * A treatment for every field of `T`: a field added to the report does not compile until it is
 * classed here, so a new free text cannot slip past redaction.
 */
type Fields<T> = { [K in keyof Required<T>]: Treat<T[K]> };

/** `measured` values that are our own words (states, kinds, reasons, colours), not page text. */
const MEASURED_KEPT = new Set(['state', 'surface', 'reason', 'where', 'trainingState', 'labelColour', 'labelBackground', 'controlColour', 'controlBackground']);

/**
 * A copy of the report with the values taken out of its free text only: labels, descriptions,
 * titles, the deadline's text, the error, the page text a finding quotes, and its addresses. Ids,
 * kinds, states, finding ids, numbers and times are never touched, so the copy still validates.
 */
export function scrubReport(report: Report, values: readonly string[]): Report {
  const text = (t: string): string => scrubText(t, values);
  // A field no list here names (a report from elsewhere) is treated as text, string by string.
  const unknown = (x: unknown): unknown => {
    if (typeof x === 'string') return text(x);
    if (Array.isArray(x)) return x.map(unknown);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, unknown(v)]));
    return x;
  };
  const apply = <T extends object>(x: T, fields: Fields<T>): T => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      const how = (fields as Record<string, Treat<unknown> | undefined>)[k];
      if (how === undefined) out[k] = unknown(v);
      else if (how === 'keep' || v === null || v === undefined) out[k] = v;
      else if (how === 'text') out[k] = typeof v === 'string' ? text(v) : unknown(v);
      else if (how === 'url') out[k] = typeof v === 'string' ? scrubUrl(v, values) : unknown(v);
      else out[k] = how(v);
    }
    return out as T;
  };
  const measured = (m: Finding['measured']): Finding['measured'] =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'string' && !MEASURED_KEPT.has(k) ? text(v) : v]));
  const findings = (list: Finding[]): Finding[] => list.map((f) => apply(f, { id: 'keep', severity: 'keep', message: 'text', measured, refs: 'keep' }));
  return apply(report, {
    schema: 'keep',
    target: 'url',
    url: 'url',
    savedFrom: 'url',
    title: 'text',
    scannedAt: 'keep',
    service: 'keep',
    viewport: 'keep',
    surfaces: (list) =>
      list.map((x) =>
        apply(x, {
          id: 'keep',
          kind: 'keep',
          title: 'text',
          box: 'keep',
          primaryAction: (p) => apply(p, { label: 'text', box: 'keep' }),
          findings,
          objection: 'keep',
        }),
      ),
    controls: (list) =>
      list.map((c) =>
        apply(c, { id: 'keep', label: 'text', description: 'text', purpose: 'keep', state: 'keep', kind: 'keep', box: 'keep', findings, surfaceId: 'keep', deferred: 'keep', note: 'text', stateSource: 'keep' }),
      ),
    deadline: (d) => apply(d, { date: 'keep', text: 'text', source: 'keep' }),
    engine: 'keep',
    error: 'text',
  });
}
