/**
 * What our buttons do, and only when the user clicks them: "Turn off" clicks the training
 * control (or the choice's OFF option) once, then reads the state back and says whether it
 * worked; "Show me" brings the control into view, opening a closed <details> around it.
 */
import type { ControlTarget } from '../engine/scan';
import type { State } from '../engine/types';
import { readState } from '../engine/state';
import { unmarkedToggle } from '../engine/unmarked';
import type { Lexicon } from '../engine/lexicon';
import type { ShowMeResult, TurnOffResult } from '../shared/messages';
import { message } from './runtime';

function nextFrames(win: Window, ms: number): Promise<void> {
  return new Promise((resolve) => win.requestAnimationFrame(() => win.setTimeout(resolve, ms)));
}

/** For a choice, the state is the selected option's; the group element itself has none. */
export function stateOf(t: ControlTarget, current: State, lex: Lexicon): State {
  if (!t.offOption) {
    const s = readState(t.control, lex);
    // A toggle nothing in the markup names is read again by its looks.
    return s === 'unknown' ? (unmarkedToggle(t.control)?.state ?? s) : s;
  }
  return readState(t.offOption, lex) === 'on' ? 'off' : current;
}

export async function turnOff(t: ControlTarget, before: State, lex: Lexicon, settleMs = 150, opensSetting = false): Promise<TurnOffResult> {
  const win = t.control.ownerDocument.defaultView ?? window;
  if (opensSetting && (before === 'on' || before === 'mixed')) {
    // A row that shows "On" and opens the setting: we open it; choosing Off there is the person's.
    (t.control as HTMLElement).click();
    return { ok: false, before, after: before, message: message('resultRowOpened') };
  }
  if (before !== 'on' && before !== 'mixed') {
    return { ok: before === 'off', before, after: before, message: message(before === 'off' ? 'resultAlreadyOff' : 'resultUnknownState') };
  }
  const target = t.offOption ?? t.control;
  if ((target as HTMLInputElement).disabled || target.getAttribute('aria-disabled') === 'true') {
    return { ok: false, before, after: before, message: message('resultDisabled') };
  }
  if (target.localName === 'option') {
    // A <select>'s option is chosen, not clicked: as a person's choice does, it fires input and change.
    const select = (target as HTMLOptionElement).closest('select');
    (target as HTMLOptionElement).selected = true;
    for (const type of ['input', 'change']) select?.dispatchEvent(new Event(type, { bubbles: true }));
  } else {
    (target as HTMLElement).click();
  }
  await nextFrames(win, settleMs);
  const after = stateOf(t, before, lex);
  if (after === 'off') return { ok: true, before, after, message: message('resultTurnedOff') };
  // A menu button named by its action (Google's "Turn off ▾") only opens the page's menu. Which
  // item to take is the person's call — one of them also deletes their activity — so we stop here
  // and say so, rather than report that the change did not take.
  if (openedMenu(target)) return { ok: false, before, after, message: message('resultMenuOpened') };
  return {
    ok: false,
    before,
    after,
    message: message('resultNotTaken'),
  };
}

function openedMenu(button: Element): boolean {
  const popup = button.getAttribute('aria-haspopup');
  if (!popup || popup === 'false' || popup === 'dialog') return false;
  if (button.getAttribute('aria-expanded') === 'true') return true;
  const doc = button.ownerDocument;
  const controlled = button.getAttribute('aria-controls');
  const menu = (controlled && doc.getElementById(controlled)) || doc.querySelector('[role=menu]');
  if (!menu) return false;
  const r = menu.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

export function showMe(t: ControlTarget): ShowMeResult {
  let opened = false;
  for (let a: Element | null = t.visible; a; a = a.parentElement) {
    if (a.localName === 'details' && !(a as HTMLDetailsElement).open) {
      (a as HTMLDetailsElement).open = true;
      opened = true;
    }
  }
  t.visible.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'smooth' });
  const r = t.visible.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) {
    return { ok: false, message: message('resultNotDrawn') };
  }
  return { ok: true, message: message(opened ? 'resultOpened' : 'resultScrolled') };
}
