/**
 * Toggles nothing in the markup names: a knob-and-track `div` with no role, input or ARIA, a
 * `div` "checkbox" whose state is only a class ("active"). A person finds them by their looks
 * beside a sentence, so this looks for them the same way, label first: text that speaks of
 * training, then, in the row around it, the one element shaped like a switch (a track about twice
 * as wide as tall, rounded, with a knob) or a box (a small bordered square). Their state comes
 * from a class where there is one, else from where the knob sits.
 *
 * Bounded: it looks only inside the containers it is given (dialogs, a settings page), at most
 * `MAX_ELEMENTS` elements and `MAX_TEXT` characters of text per block.
 */
import type { ControlKind, State } from './types';
import { fromClass, type StateSource } from './state';
import { style } from './dom';

const MAX_ELEMENTS = 6000;
const MAX_TEXT = 400;
/** How far up from the text a row may reach, and how many elements of it are looked at. */
const ROW_LEVELS = 4;
const ROW_ELEMENTS = 120;

export interface Unmarked {
  el: Element;
  kind: Extract<ControlKind, 'switch' | 'checkbox'>;
  state: State;
  stateSource: StateSource | null;
}

const TOGGLE_WORDS = /toggle|switch|slider|knob|check|tick/i;

function roundedPx(s: CSSStyleDeclaration, h: number): boolean {
  const r = Number.parseFloat(s.borderTopLeftRadius);
  return s.borderTopLeftRadius.endsWith('%') ? r >= 25 : r >= h * 0.3;
}

/** The knob of a track: a child (or ::before/::after) about square, at least half the track's height. */
function knobOf(track: Element, tr: DOMRect): { centre: number } | null {
  for (const child of Array.from(track.children)) {
    if (child.namespaceURI !== track.namespaceURI) continue; // an icon is not a knob
    const r = child.getBoundingClientRect();
    if (r.height >= tr.height * 0.5 && r.height <= tr.height * 1.3 && r.width >= r.height * 0.6 && r.width <= r.height * 1.5) {
      return { centre: r.left + r.width / 2 - tr.left };
    }
  }
  const win = track.ownerDocument.defaultView;
  if (!win) return null;
  for (const pseudo of ['::after', '::before']) {
    const s = win.getComputedStyle(track, pseudo);
    if (s.content === 'none' || s.content === 'normal') continue;
    const w = Number.parseFloat(s.width);
    const h = Number.parseFloat(s.height);
    if (!(h >= tr.height * 0.5 && w >= h * 0.6 && w <= h * 1.5)) continue;
    let left = Number.parseFloat(s.left);
    if (!Number.isFinite(left)) left = tr.width - Number.parseFloat(s.right) - w;
    const m = /matrix\(([^)]+)\)/.exec(s.transform);
    const tx = m ? Number(m[1]!.split(',')[4]) : 0;
    if (Number.isFinite(left)) return { centre: left + (Number.isFinite(tx) ? tx : 0) + w / 2 };
  }
  return null;
}

/** Whether an element looks like a switch or a box a person would click, and its state. */
export function unmarkedToggle(el: Element): Unmarked | null {
  if (!/^(div|span|label|i|a|button)$/.test(el.localName)) return null;
  const r = el.getBoundingClientRect();
  if (r.width < 10 || r.height < 8 || r.width > 100 || r.height > 48) return null;
  const s = style(el);
  if (s.visibility === 'hidden' || s.display === 'none') return null;
  const cls = el.getAttribute('class') ?? '';
  const named = TOGGLE_WORDS.test(cls);
  const ratio = r.width / r.height;
  const classState = fromClass(el);
  if (ratio >= 1.3 && ratio <= 3.5 && r.height <= 40) {
    // A track is drawn: a fill or a border of its own.
    const drawn = !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(s.backgroundColor) || (Number.parseFloat(s.borderTopWidth) >= 1 && s.borderTopStyle !== 'none');
    if (!drawn) return null;
    const knob = knobOf(el, r);
    if (!knob && !named) return null;
    if (!knob && !roundedPx(s, r.height)) return null;
    if (classState) return { el, kind: 'switch', state: classState, stateSource: 'class' };
    if (knob) return { el, kind: 'switch', state: knob.centre > r.width / 2 ? 'on' : 'off', stateSource: 'visual' };
    return { el, kind: 'switch', state: 'unknown', stateSource: null };
  }
  if (ratio >= 0.75 && ratio <= 1.33 && r.width <= 32) {
    // A box: a class that names it, or a border of its own.
    const bordered = Number.parseFloat(s.borderTopWidth) >= 1 && s.borderTopStyle !== 'none';
    if (!named && !(bordered && classState)) return null;
    return { el, kind: 'checkbox', state: classState ?? 'unknown', stateSource: classState ? 'class' : null };
  }
  return null;
}

/**
 * Unmarked toggles beside text that `speaks` (of training) inside `containers`, skipping
 * elements in `known` (controls already found) and rows that hold one.
 */
export function findUnmarked(containers: readonly Element[], known: ReadonlySet<Element>, speaks: (text: string) => boolean): Unmarked[] {
  const out: Unmarked[] = [];
  const claimed = new Set<Element>();
  const seenRows = new Set<Element>();
  let budget = MAX_ELEMENTS;
  for (const container of containers) {
    const doc = container.ownerDocument;
    const walker = doc.createTreeWalker(container, NodeFilter.SHOW_ELEMENT);
    for (let n = walker.currentNode as Element | null; n && budget-- > 0; n = walker.nextNode() as Element | null) {
      // A block of text of its own (a label, a sentence), short enough to name one setting.
      if (n.childElementCount > 3 || !hasOwnText(n)) continue;
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text.length < 6 || text.length > MAX_TEXT || !speaks(text) || insideKnown(n, container, known)) continue;
      const found = rowToggle(n, known, claimed, seenRows);
      if (found) {
        claimed.add(found.el);
        out.push(found);
      }
    }
  }
  return out;
}

/** Text inside a control already found is that control's. */
function insideKnown(el: Element, container: Element, known: ReadonlySet<Element>): boolean {
  for (let a: Element | null = el; a && a !== container; a = a.parentElement) if (known.has(a)) return true;
  return false;
}

function hasOwnText(el: Element): boolean {
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3 && /\S/.test(c.nodeValue ?? '')) return true;
  return false;
}

function rowToggle(textEl: Element, known: ReadonlySet<Element>, claimed: Set<Element>, seenRows: Set<Element>): Unmarked | null {
  let a: Element | null = textEl.parentElement;
  for (let level = 0; a && level < ROW_LEVELS; a = a.parentElement, level++) {
    if (a.localName === 'body' || seenRows.has(a)) return null;
    const inside = a.querySelectorAll('*');
    if (inside.length > ROW_ELEMENTS) return null;
    let hit: Unmarked | null = null;
    for (const el of Array.from(inside)) {
      if (known.has(el)) return null;
      if (claimed.has(el) || el.contains(textEl) || textEl.contains(el)) continue;
      const t = unmarkedToggle(el);
      if (t) {
        // Two toggle-like things in one row: this is not one setting's row.
        if (hit && !hit.el.contains(el)) return null;
        hit ??= t;
      }
    }
    if (hit) {
      seenRows.add(a);
      return hit;
    }
  }
  return null;
}
