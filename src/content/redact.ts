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
 */
import { collectRoots, type Root } from '../engine/dom';
import { shadowRootOf } from './runtime';
import type { Report } from '../engine/types';
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
const TEXT_BUDGET = 60_000;
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

/** The texts inside `block`, one per element that holds text directly, in order. */
function textsIn(block: Element, skip: Element): string[] {
  const out: string[] = [];
  const doc = block.ownerDocument;
  const walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (skip.contains(n)) continue;
    const t = (n.nodeValue ?? '').trim();
    if (t) out.push(t);
  }
  return out;
}

function nameNear(avatar: Element, hinted: Element | null): string | null {
  const initials = initialsOf(avatar);
  const candidates: string[] = [];
  const alt = avatar.getAttribute('alt') ?? avatar.getAttribute('aria-label') ?? '';
  if (looksLikeName(alt)) candidates.push(alt.trim());
  const label = hinted?.getAttribute('aria-label') ?? '';
  if (looksLikeName(label)) candidates.push(label.trim());
  const block = blockOf(avatar);
  if (block) candidates.push(...textsIn(block, avatar).filter(looksLikeName));
  if (initials) {
    const matching = candidates.find((c) => wordInitials(c) === initials || wordInitials(c).startsWith(initials));
    if (matching) return matching;
  }
  return candidates[0] ?? null;
}

/** The signed-in account's avatars and name, as the page shows them. */
export function findAccount(doc: Document, roots: readonly Root[] = collectRoots(doc, undefined, shadowRootOf), own: readonly Element[] = []): Account {
  const avatars = new Set<Element>();
  const names = new Set<string>();
  const consider = (el: Element, marked: boolean, hinted: Element | null): void => {
    if (avatars.has(el) || isOwn(el, own) || !avatarLike(el, marked)) return;
    avatars.add(el);
    const name = nameNear(el, hinted);
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

function clipToViewport(r: DOMRect, win: Window): { x: number; y: number; width: number; height: number } | null {
  const x = Math.max(0, r.left);
  const y = Math.max(0, r.top);
  const right = Math.min(win.innerWidth, r.right);
  const bottom = Math.min(win.innerHeight, r.bottom);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * Every region to mask in the view as it is now, and the values to take out of the text.
 * `surfaces`: the consent dialogs, where parts of a name are not masked (see the file comment).
 */
export function findRedactions(doc: Document, account: Account, surfaces: readonly Element[] = [], own: readonly Element[] = []): Redaction {
  const win = doc.defaultView ?? window;
  const regions: MaskRegion[] = [];
  const push = (kind: RedactionKind, r: DOMRect, owner: Element): void => {
    // A little more than the text's box, for anti-aliased edges and descenders; then cut to
    // the viewport and out of any dialog drawn above it.
    const c = clipToViewport(new DOMRect(r.x - PAD, r.y - PAD, r.width + 2 * PAD, r.height + 2 * PAD), win);
    if (!c) return;
    for (const piece of uncovered(c, owner, surfaces)) regions.push({ kind, ...piece });
  };
  const emails = new Set<string>();
  const full = account.names.filter(Boolean).sort((a, b) => b.length - a.length);
  const fullRe = full.length ? new RegExp(full.map(escapeRegExp).join('|'), 'giu') : null;
  const parts = [...new Set(full.flatMap((n) => n.split(/[\s]+/)).filter((p) => p.length >= 3 && /^\p{Lu}/u.test(p)))];
  const partRe = parts.length ? new RegExp(`(?<![\\p{L}\\p{M}])(?:${parts.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}])`, 'gu') : null;

  const roots = collectRoots(doc, undefined, shadowRootOf);
  const range = doc.createRange();
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
  let budget = TEXT_BUDGET;
  for (const root of roots) {
    if (ownRoot(root, own)) continue;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n && budget > 0; n = walker.nextNode() as Text | null, budget--) {
      const parent = n.parentElement;
      if (!parent || isOwn(parent, own) || /^(script|style|noscript|template)$/i.test(parent.localName)) continue;
      const text = n.nodeValue ?? '';
      if (text.trim().length < 2) continue;
      if (text.includes('@')) mark(n, EMAIL, 'email', emails);
      if (fullRe) mark(n, fullRe, 'name');
      if (partRe && !surfaces.some((s) => s.contains(n))) mark(n, partRe, 'name');
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
  for (const a of account.avatars) if (a.isConnected) push('avatar', rectOf(a), a);
  const values = [...emails, ...full].sort((a, b) => b.length - a.length);
  const kinds = (['name', 'email', 'avatar'] as const).filter((k) => regions.some((r) => r.kind === k));
  return { regions, values, kinds };
}

function htmlEscaped(s: string): string[] {
  const text = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [...new Set([s, text, text.replace(/"/g, '&quot;')])];
}

/** `text` with every value (any case) and every email address replaced by "[redacted]". */
export function scrubText(text: string, values: readonly string[], html = false): string {
  let out = text;
  for (const v of values) {
    if (!v) continue;
    for (const form of html ? htmlEscaped(v) : [v]) out = out.replace(new RegExp(escapeRegExp(form), 'giu'), REDACTED);
  }
  return out.replace(EMAIL, REDACTED);
}

/** A copy of the report with the values taken out of every string in it. */
export function scrubReport(report: Report, values: readonly string[]): Report {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return scrubText(x, values);
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
    return x;
  };
  return walk(report) as Report;
}
