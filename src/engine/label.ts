/**
 * What a person reads as a control's label and its explanation. The accessible name comes from
 * dom-accessibility-api (the W3C accname algorithm); when a control has none, the text of the
 * row it sits in stands in: its first line (usually a heading) as the label, the rest as the
 * description.
 */
import { computeAccessibleDescription, computeAccessibleName } from 'dom-accessibility-api';
import { composedParent, idrefs, labelsOf } from './dom';
import { clip, lines, normalise } from './text';
import { THRESHOLDS } from './thresholds';

export interface LabelInfo {
  label: string;
  description: string;
  /** The element whose text is the label (for font size and contrast). */
  labelElement: Element | null;
  /** The row: the smallest ancestor that holds the control and its explaining text. */
  row: Element | null;
}

function safe(fn: () => string): string {
  try {
    return normalise(fn());
  } catch {
    return '';
  }
}

/**
 * The smallest ancestor with text beyond `label` that still holds no other control; bounded by
 * a text budget so a whole page is never mistaken for a row.
 */
export function rowOf(el: Element, isControl: (e: Element) => boolean, label: string): Element | null {
  let best: Element | null = null;
  for (let a = composedParent(el), depth = 0; a && depth < 8; a = composedParent(a), depth++) {
    if (a === a.ownerDocument.body || a.localName === 'html') break;
    // Checked before the text, stopping at the first other control: in a list of thousands of
    // toggles each one then costs a few steps, not the whole list's text (which was quadratic).
    if (holdsOtherControl(a, el, isControl)) break;
    const text = normalise((a as HTMLElement).innerText ?? a.textContent ?? '');
    if (text.length > THRESHOLDS.maxRowText) break;
    best = a;
    if (text.length > label.length + 8) return a;
  }
  return best;
}

function holdsOtherControl(a: Element, el: Element, isControl: (e: Element) => boolean): boolean {
  // What shares el's <label> is el drawn again (a styled switch beside its native box), not another control.
  const label = el.closest('label');
  const walker = a.ownerDocument.createTreeWalker(a, NodeFilter.SHOW_ELEMENT);
  for (let d = walker.nextNode() as Element | null; d; d = walker.nextNode() as Element | null) {
    if (d !== el && !el.contains(d) && !d.contains(el) && isControl(d) && !(label && label.contains(d))) return true;
  }
  return false;
}

/** A line that only says a state ("On" beside a setting's name). */
const STATE_LINE = /^(?:on|off|an|aus|activée?|désactivée?|activad[oa]|desactivad[oa]|attivat?[oa]|disattivat[oa]|ativad[oa]|desativad[oa]|オン|オフ)$/iu;

/**
 * `nameIsAction`: the control is named by what it does ("Turn off"), so the setting's own name is
 * the first line of its row that is neither that action nor a bare state.
 */
export function readLabel(el: Element, isControl: (e: Element) => boolean, ownWordsOnly: boolean, nameIsAction = false): LabelInfo {
  const name = safe(() => computeAccessibleName(el));
  if (nameIsAction) {
    const row = rowOf(el, isControl, name);
    const rest = row ? lines(row, THRESHOLDS.maxRowText).filter((l) => l !== name && !STATE_LINE.test(l)) : [];
    const label = rest[0] ?? name;
    return { label: clip(label, 200), description: clip(normalise(rest.slice(1).join(' ')), 400), labelElement: rest[0] ? row : el, row };
  }
  let description = safe(() => computeAccessibleDescription(el));
  const labelledBy = idrefs(el, 'aria-labelledby')[0] ?? null;
  const native = labelsOf(el)[0] ?? null;
  let labelElement: Element | null = labelledBy ?? native ?? (name ? el : null);
  let label = name;

  // Buttons that merely carry a pressed state speak for themselves; row text would drag in the
  // message they sit under (a chat reply that talks about training). One with no words of its
  // own (a drawn switch) is named by its row like any toggle.
  if (ownWordsOnly && label) return { label: clip(label, 200), description: clip(description, 400), labelElement, row: null };

  const row = rowOf(el, isControl, label);
  if (row) {
    const rowLines = lines(row, THRESHOLDS.maxRowText);
    if (!label) {
      label = rowLines[0] ?? '';
      labelElement = row;
    }
    if (!description) {
      const rest = rowLines.filter((l) => l !== label && !label.includes(l)).join(' ');
      description = normalise(rest);
    }
  }
  // A setting's explanation often sits just below its row, outside it ("Sharing your data will
  // help improve…" under a <label> that holds the switch and its name).
  if (!description) description = textBelow(row ?? labelElement ?? el, isControl);
  return { label: clip(label, 200), description: clip(description, 400), labelElement, row };
}

/** The text of the element right after `el`, when it is a short block of text that holds no control. */
function textBelow(el: Element, isControl: (e: Element) => boolean): string {
  // The block after the row, or after the group of rows it ends (one explanation under a group:
  // "Include your audio or video recordings … to train our models").
  let at: Element = el;
  for (let up = 0; !at.nextElementSibling && at.parentElement && up < 3; up++) at = at.parentElement;
  const next = at.nextElementSibling;
  if (!next || /^(script|style|template|button|input|select|label)$/.test(next.localName)) return '';
  const text = normalise(next.textContent ?? '');
  if (!text || text.length > THRESHOLDS.maxRowText || isControl(next)) return '';
  for (const d of Array.from(next.querySelectorAll('*'))) if (isControl(d)) return '';
  return text;
}
