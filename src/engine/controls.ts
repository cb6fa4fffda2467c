/**
 * Finding the things a person can switch: native checkboxes (with or without role=switch),
 * ARIA switches, checkboxes and radios, aria-pressed and data-state toggles, class-named custom
 * toggles, menu buttons named only by an action on a setting ("Turn off ▾", Google's activity
 * controls), and radio groups that choose between options (one control of kind `choice`).
 */
import type { ControlKind } from './types';
import { byPosition, byTag, type IndexedRoot } from './dom';
import { statusOf } from './state';
import type { Lexicon } from './lexicon';

export const TOGGLE_SELECTOR = [
  'input[type=checkbox]',
  'input[type=radio]',
  '[role=switch]',
  '[role=checkbox]',
  '[role=radio]',
  '[role=listbox] [role=option]',
  '[role=menuitemcheckbox]',
  '[aria-pressed]',
  'button[aria-checked]',
  'button[data-state=checked]',
  'button[data-state=unchecked]',
  'button[data-state=on]',
  'button[data-state=off]',
  '[role=button][data-state=on]',
  '[role=button][data-state=off]',
  'button[class*=toggle i]',
  'button[class*=switch i]',
  'select',
].join(',');

/** Menu buttons, of which those named only by an action on a setting are controls (see statusOf). */
const MENU_BUTTON = 'button[aria-haspopup], [role=button][aria-haspopup]';

export interface Candidate {
  el: Element;
  /** For a choice: the options, in order. */
  options: Element[];
  /** The radiogroup / fieldset / select that holds the options, when there is one. */
  group: Element | null;
  /**
   * A settings row that shows its state as text and opens the setting on click ("Improve the
   * model for everyone · On ›"): the state the text says, and the row's name without it.
   */
  stateText?: { state: 'on' | 'off'; label: string };
}

/** One option among several: a radio button, or an option of a listbox. */
function isOption(el: Element): boolean {
  const role = el.getAttribute('role');
  return (el.localName === 'input' && (el as HTMLInputElement).type === 'radio') || role === 'radio' || role === 'option';
}

/**
 * Form mirrors (Radix renders an aria-hidden native input beside its switch button) and parts of
 * a toggle (a thumb with its own data-state) are not separate controls.
 */
function isShadowCopy(el: Element, all: Set<Element>): boolean {
  for (let p = el.parentElement; p; p = p.parentElement) if (all.has(p)) return true;
  // A styled ARIA switch drawn beside the native box it stands for, in the same <label>: one
  // control, the native one (its state is the browser's; its name is the label's).
  if (el.localName !== 'input') {
    const label = el.closest('label');
    if (label) for (const i of Array.from(label.querySelectorAll('input[type=checkbox], input[type=radio]'))) if (i !== el && all.has(i)) return true;
  }
  if (el.localName === 'input' && el.getAttribute('aria-hidden') === 'true') {
    const prev = el.previousElementSibling;
    if (prev && all.has(prev)) return true;
  }
  return false;
}

/**
 * A cheap superset of the candidates of one root, in no particular order. Matching the whole
 * TOGGLE_SELECTOR against every element of a large page costs several plain walks of it; instead
 * this asks for the elements that have a role (one attribute query), and for inputs and buttons
 * through the document's own tag lists, which the browser keeps up to date between scans.
 * Everything found is then checked against the full selector. Not found: an element with
 * `aria-pressed` that is neither a button nor has a role (not a valid toggle in ARIA).
 */
function gather({ root, roles }: IndexedRoot): Element[] {
  const out: Element[] = roles.slice();
  const inputs = byTag(root, 'input');
  for (let i = 0; i < inputs.length; i++) {
    const type = (inputs[i] as HTMLInputElement).type;
    if (type === 'checkbox' || type === 'radio') out.push(inputs[i]!);
  }
  const buttons = byTag(root, 'button');
  for (let i = 0; i < buttons.length; i++) {
    const b = buttons[i]!;
    if (
      b.hasAttribute('aria-checked') ||
      b.hasAttribute('data-state') ||
      b.hasAttribute('aria-pressed') ||
      b.hasAttribute('aria-haspopup') ||
      TOGGLE_CLASS.test(b.getAttribute('class') ?? '')
    ) {
      out.push(b);
    }
  }
  const selects = byTag(root, 'select');
  for (let i = 0; i < selects.length; i++) out.push(selects[i]!);
  return out;
}

/** Rows that may show a state as text: buttons, links and role=button elements with little text. */
const ROW_SELECTOR = 'button, a[href], [role=button], [role=link]';
const ROW_TEXT_MAX = 200;

/**
 * A row that opens a setting and shows its state as a word of its own ("On", "Aus", "Activé"
 * in an element by itself, beside the setting's name); null for anything else.
 */
export function stateTextOf(el: Element, lex: Lexicon): Candidate['stateText'] | null {
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (text.length < 4 || text.length > ROW_TEXT_MAX) return null;
  const parts = el.querySelectorAll('*');
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (p.firstElementChild) continue;
    const word = (p.textContent ?? '').replace(/\s+/g, ' ').trim().replace(/[›>»·:]+$/u, '').trim();
    if (!word || word.length > 16) continue;
    const state = lex.ON_WORD.test(word) ? 'on' : lex.OFF_WORD.test(word) ? 'off' : null;
    if (!state) continue;
    const label = text.replace(word, ' ').replace(/[›>»·:]+/gu, ' ').replace(/\s+/g, ' ').trim();
    // A button that shows only the state ("allowed ▾") is named by its row.
    return label.length >= 3 || label === '' ? { state, label } : null;
  }
  return null;
}

const TOGGLE_CLASS = /toggle|switch/i;
const CANDIDATE = `${TOGGLE_SELECTOR},${MENU_BUTTON}`;

export function findCandidates(index: readonly IndexedRoot[], lex: Lexicon, rowScope: readonly Element[] = []): Candidate[] {
  const found: Element[] = [];
  const rows: Candidate[] = [];
  for (const root of index) {
    // Settings rows that show their state as text: only the short ones, only where such rows are
    // looked for (`rowScope`: dialogs, a settings page).
    const scope = rowScope.filter((s) => s.getRootNode() === root.root);
    const buttons = new Set<Element>();
    for (const s of scope) for (const b of Array.from(s.querySelectorAll(ROW_SELECTOR))) buttons.add(b);
    for (const b of buttons) {
      if (!b.matches(ROW_SELECTOR) || b.matches(CANDIDATE)) continue;
      const st = stateTextOf(b, lex);
      if (st) rows.push({ el: b, options: [], group: null, stateText: st });
    }
    const mine = Array.from(new Set(gather(root))).filter(
      (el) => el.matches(CANDIDATE) && (!el.matches(MENU_BUTTON) || el.matches(TOGGLE_SELECTOR) || statusOf(el, lex) !== null),
    );
    found.push(...mine.sort(byPosition));
  }
  const all = new Set(found);
  const out: Candidate[] = [];
  const groups = new Map<string | Element, Candidate>();
  for (const el of found) {
    if (isShadowCopy(el, all)) continue;
    if (el.localName === 'select') {
      const options = Array.from((el as HTMLSelectElement).options);
      if (options.length >= 2 && options.length <= 6) out.push({ el, options, group: el });
      continue;
    }
    if (isOption(el)) {
      const group = el.closest('[role=radiogroup], [role=listbox], fieldset');
      const name = el.localName === 'input' ? (el as HTMLInputElement).name : '';
      const form = el.closest('form');
      const key: string | Element = group ?? (name ? `${name}\u0000${form ? queryKey(form) : ''}` : el);
      let cand = groups.get(key);
      if (!cand) {
        cand = { el: group ?? el, options: [], group };
        groups.set(key, cand);
        out.push(cand);
      }
      cand.options.push(el);
      continue;
    }
    out.push({ el, options: [], group: null });
  }
  if (!rows.length) return out;
  return [...out, ...rows].sort((a, b) => byPosition(a.el, b.el));
}

const formKeys = new WeakMap<Element, string>();
let formCounter = 0;
function queryKey(form: Element): string {
  let k = formKeys.get(form);
  if (!k) {
    k = `f${++formCounter}`;
    formKeys.set(form, k);
  }
  return k;
}

/** Whether an element is (part of) something a person can switch. */
export function isToggle(el: Element, lex: Lexicon): boolean {
  try {
    return statusOf(el, lex) !== null || el.matches(TOGGLE_SELECTOR);
  } catch {
    return false;
  }
}

/**
 * What the person sees: a switch (role=switch, or a track clearly wider than tall), a checkbox,
 * a button that stays pressed or a menu button named by its action ("Turn off ▾"), or a choice
 * between options.
 */
/** The kind when the markup alone says it (no layout read); else null. */
export function kindWithoutLayout(c: Candidate, lex: Lexicon): ControlKind | null {
  const el = c.el;
  if (statusOf(el, lex) !== null && !el.matches(TOGGLE_SELECTOR)) return 'button';
  if (el.getAttribute('role') === 'switch' || el.hasAttribute('switch')) return 'switch';
  if (el.hasAttribute('aria-pressed')) return 'button';
  return null;
}

/** The kind of a toggle the markup leaves open: a track wider than tall is a switch. */
export function kindByLayout(c: Candidate, visible: Element | null): ControlKind {
  const el = c.el;
  const r = (visible ?? el).getBoundingClientRect();
  if (r.width >= r.height * 1.5 && r.height > 0) return 'switch';
  if (el.localName === 'button' || el.getAttribute('role') === 'button') return /switch|toggle/i.test(el.className) ? 'switch' : 'button';
  return 'checkbox';
}
