/**
 * What a person reads as a control's label and its explanation. The accessible name comes from
 * dom-accessibility-api (the W3C accname algorithm); when a control has none, the text of the
 * row it sits in stands in: its first line (usually a heading) as the label, the rest as the
 * description.
 */
import { computeAccessibleDescription, computeAccessibleName } from 'dom-accessibility-api';
import { composedParent, idrefs } from './dom';
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
    const text = normalise((a as HTMLElement).innerText ?? a.textContent ?? '');
    if (text.length > THRESHOLDS.maxRowText) break;
    const others = Array.from(a.querySelectorAll('*')).some((d) => d !== el && !el.contains(d) && !d.contains(el) && isControl(d));
    if (others) break;
    best = a;
    if (text.length > label.length + 8) return a;
  }
  return best;
}

export function readLabel(el: Element, isControl: (e: Element) => boolean, ownWordsOnly: boolean): LabelInfo {
  const name = safe(() => computeAccessibleName(el));
  let description = safe(() => computeAccessibleDescription(el));
  const labelledBy = idrefs(el, 'aria-labelledby')[0] ?? null;
  const native = (el as HTMLInputElement).labels?.[0] ?? null;
  let labelElement: Element | null = labelledBy ?? native ?? (name ? el : null);
  let label = name;

  // Buttons that merely carry a pressed state speak for themselves; row text would drag in the
  // message they sit under (a chat reply that talks about training).
  if (ownWordsOnly) return { label: clip(label, 200), description: clip(description, 400), labelElement, row: null };

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
  return { label: clip(label, 200), description: clip(description, 400), labelElement, row };
}
