/** Reading a toggle's state the way assistive technology does, then the way frameworks mark it. */
import type { State } from './types';
import type { Lexicon } from './lexicon';
import { normalise } from './text';

/**
 * The state a menu button's name implies ("Turn off ▾" while the setting is on), for a
 * `button` or `role=button` that opens a menu (`aria-haspopup`) and is named by nothing but the
 * action; null for every other element.
 */
export function statusOf(el: Element, lex: Lexicon): 'on' | 'off' | null {
  if (el.localName !== 'button' && el.getAttribute('role') !== 'button') return null;
  const popup = el.getAttribute('aria-haspopup');
  if (popup === null || popup === 'false') return null;
  const name = normalise(el.getAttribute('aria-label') ?? el.textContent ?? '');
  if (lex.TURN_OFF.test(name)) return 'on';
  if (lex.TURN_ON.test(name)) return 'off';
  return null;
}

function fromToken(v: string | null): State | null {
  switch (v?.trim().toLowerCase()) {
    case 'true':
    case 'checked':
    case 'on':
    case 'active':
      return 'on';
    case 'false':
    case 'unchecked':
    case 'off':
    case 'inactive':
      return 'off';
    case 'mixed':
    case 'indeterminate':
      return 'mixed';
    default:
      return null;
  }
}

/** Where a state was read from, so a researcher can weigh it: markup a browser keeps, ARIA, a framework's attribute, a class, text, looks. */
export type StateSource = 'checked' | 'aria' | 'data-state' | 'class' | 'text' | 'visual';

export function readState(el: Element, lex: Lexicon): State {
  return readStateWithSource(el, lex)[0];
}

/** The state and where it came from (null when it is unknown). */
export function readStateWithSource(el: Element, lex: Lexicon): [State, StateSource | null] {
  if (el.localName === 'input') {
    const input = el as HTMLInputElement;
    if (input.type === 'checkbox' || input.type === 'radio') {
      if (input.indeterminate) return ['mixed', 'checked'];
      return [input.checked ? 'on' : 'off', 'checked'];
    }
  }
  if (el.localName === 'option') return [(el as HTMLOptionElement).selected ? 'on' : 'off', 'checked'];
  let s =
    fromToken(el.getAttribute('aria-checked')) ??
    fromToken(el.getAttribute('aria-pressed')) ??
    (el.getAttribute('role') === 'option' ? fromToken(el.getAttribute('aria-selected')) : null);
  if (s) return [s, 'aria'];
  s = fromToken(el.getAttribute('data-state')) ?? fromToken(el.getAttribute('data-checked'));
  if (s) return [s, 'data-state'];
  s = statusOf(el, lex);
  if (s) return [s, 'text'];
  s = fromClass(el);
  return s ? [s, 'class'] : ['unknown', null];
}

/**
 * Custom toggles without ARIA often say their state only in a class ("toggle is-on", Grok's
 * "active"). A class token, or the end of one after a dash or underscore ("switch--checked").
 */
export function fromClass(el: Element): State | null {
  const cls = el.getAttribute('class');
  if (!cls) return null;
  // Words of the class list: tokens split at dashes, underscores and camelCase humps (CSS
  // modules write "_buttonChecked_nhegh_20"); Tailwind variants ("peer-checked:bg-…") are not states.
  const words = ` ${cls
    .split(/\s+/)
    .filter((t) => !t.includes(':'))
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()} `;
  if (/ (?:is )?(?:unchecked|inactive|off|deselected) /.test(words)) return 'off';
  if (/ (?:is )?(?:checked|active|on|enabled|selected) /.test(words)) return 'on';
  return null;
}
