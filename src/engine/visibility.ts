/**
 * Is an element rendered where a person can see it, and if not, why? And for a visually hidden
 * input, which element is the visible stand-in a person actually clicks (the styled track)?
 */
import { THRESHOLDS } from './thresholds';
import { composedAncestors, style } from './dom';

export type HiddenReason =
  | 'display-none'
  | 'visibility-hidden'
  | 'transparent'
  | 'zero-size'
  | 'clipped'
  | 'closed-details'
  | 'collapsed';

export interface Rendering {
  rendered: boolean;
  reason: HiddenReason | null;
  /** Product of the opacities on the composed path, 0–1. */
  opacity: number;
}

/** Visually-hidden idioms (sr-only): 1 px boxes, clip: rect(0 0 0 0), clip-path: inset(50%). */
function isClippedAway(s: CSSStyleDeclaration): boolean {
  const clip = s.clip;
  if (clip && /rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)/.test(clip)) return true;
  const cp = s.clipPath;
  if (cp && /inset\(\s*(50%|100%)/.test(cp)) return true;
  return false;
}

export function effectiveOpacity(el: Element): number {
  let o = Number.parseFloat(style(el).opacity) || 0;
  for (const a of composedAncestors(el)) {
    const v = Number.parseFloat(style(a).opacity);
    o *= Number.isNaN(v) ? 1 : v;
    if (o === 0) break;
  }
  return o;
}

function insideClosedDetails(el: Element): boolean {
  for (const a of composedAncestors(el)) {
    if (a.localName === 'details' && !(a as HTMLDetailsElement).open) {
      // The summary of a closed <details> is still shown.
      const summary = a.querySelector(':scope > summary');
      return !(summary && summary.contains(el));
    }
  }
  return false;
}

/** Whether `el` paints anything a person can see, and the first reason it does not. */
export function rendering(el: Element): Rendering {
  const opacity = effectiveOpacity(el);
  if (insideClosedDetails(el)) return { rendered: false, reason: 'closed-details', opacity };
  const s = style(el);
  const visible =
    typeof el.checkVisibility === 'function'
      ? el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })
      : s.display !== 'none' && s.visibility !== 'hidden';
  if (!visible) {
    const hiddenByVisibility = s.display !== 'none' && (s.visibility === 'hidden' || s.visibility === 'collapse');
    return { rendered: false, reason: hiddenByVisibility ? 'visibility-hidden' : 'display-none', opacity };
  }
  if (opacity < THRESHOLDS.minOpacity) return { rendered: false, reason: 'transparent', opacity };
  const rect = el.getBoundingClientRect();
  if (isClippedAway(s)) return { rendered: false, reason: 'clipped', opacity };
  if (rect.width < THRESHOLDS.minVisiblePx || rect.height < THRESHOLDS.minVisiblePx) {
    return { rendered: false, reason: 'zero-size', opacity };
  }
  // A collapsed ancestor (height 0 with overflow hidden, an accordion) hides everything in it.
  for (const a of composedAncestors(el)) {
    if (a === el.ownerDocument.body) break;
    const as = style(a);
    if (as.overflowX === 'visible' && as.overflowY === 'visible') continue;
    const ar = a.getBoundingClientRect();
    if (ar.width < THRESHOLDS.minVisiblePx || ar.height < THRESHOLDS.minVisiblePx) {
      return { rendered: false, reason: 'collapsed', opacity };
    }
    if (isClippedAway(as)) return { rendered: false, reason: 'clipped', opacity };
  }
  return { rendered: true, reason: null, opacity };
}

function littleText(el: Element): boolean {
  return (el.textContent ?? '').trim().length <= 3;
}

function fitsStandIn(el: Element): boolean {
  const r = el.getBoundingClientRect();
  const { width, height } = THRESHOLDS.maxStandInPx;
  return (
    r.width >= THRESHOLDS.minVisiblePx &&
    r.height >= THRESHOLDS.minVisiblePx &&
    r.width <= width &&
    r.height <= height &&
    littleText(el) &&
    rendering(el).rendered
  );
}

/**
 * For a control that is not itself visible (an sr-only or transparent input), the element that
 * draws it: a sibling track (Tailwind's `peer` idiom), a small wrapping label or wrapper, or a
 * small `label[for]`. Null when nothing visible stands in for it.
 */
export function visibleStandIn(control: Element): Element | null {
  const siblings: Element[] = [];
  for (let s = control.nextElementSibling; s; s = s.nextElementSibling) siblings.push(s);
  for (let s = control.previousElementSibling; s; s = s.previousElementSibling) siblings.push(s);
  for (const s of siblings) if (fitsStandIn(s)) return s;
  const labels = (control as HTMLInputElement).labels;
  if (labels) for (const l of labels) if (fitsStandIn(l)) return l;
  const parent = control.parentElement;
  if (parent && parent.children.length <= 3 && fitsStandIn(parent)) return parent;
  return null;
}

/**
 * Whether something else is painted over the centre of `el` (a sticky footer over a switch).
 * Only meaningful for points inside the viewport.
 */
export function coveredBy(el: Element, related: readonly Element[]): Element | null {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  const win = el.ownerDocument.defaultView ?? window;
  if (x < 0 || y < 0 || x >= win.innerWidth || y >= win.innerHeight) return null;
  const root = el.getRootNode() as Document | ShadowRoot;
  const hit = root.elementFromPoint?.(x, y);
  if (!hit) return null;
  const ok = [el, ...related].some((e) => e === hit || e.contains(hit) || hit.contains(e));
  return ok ? null : hit;
}
