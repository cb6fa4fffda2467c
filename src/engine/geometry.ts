/** Boxes in document coordinates, the viewport, and what a scroll container lets a person see. */
import type { Box } from './types';
import { composedAncestors, style } from './dom';

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function toDocBox(rect: DOMRectReadOnly, win: Window): Box {
  return {
    x: round(rect.left + win.scrollX),
    y: round(rect.top + win.scrollY),
    width: round(rect.width),
    height: round(rect.height),
  };
}

export function area(b: { width: number; height: number }): number {
  return Math.max(0, b.width) * Math.max(0, b.height);
}

export function unionRects(rects: DOMRectReadOnly[]): DOMRect {
  const nonEmpty = rects.filter((r) => r.width > 0 || r.height > 0);
  if (!nonEmpty.length) return new DOMRect(rects[0]?.left ?? 0, rects[0]?.top ?? 0, 0, 0);
  const left = Math.min(...nonEmpty.map((r) => r.left));
  const top = Math.min(...nonEmpty.map((r) => r.top));
  const right = Math.max(...nonEmpty.map((r) => r.right));
  const bottom = Math.max(...nonEmpty.map((r) => r.bottom));
  return new DOMRect(left, top, right - left, bottom - top);
}

export function intersect(a: DOMRectReadOnly, b: DOMRectReadOnly): DOMRect {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(a.right, b.right);
  const bottom = Math.min(a.bottom, b.bottom);
  return new DOMRect(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
}

export function viewportRect(win: Window): DOMRect {
  const docEl = win.document.documentElement;
  return new DOMRect(0, 0, docEl.clientWidth || win.innerWidth, docEl.clientHeight || win.innerHeight);
}

function clips(s: CSSStyleDeclaration): boolean {
  return s.overflowX !== 'visible' || s.overflowY !== 'visible';
}

/** The nearest ancestor that scrolls (has more content than room, and overflow that is not visible). */
export function scrollContainer(el: Element): Element | null {
  for (const a of composedAncestors(el)) {
    if (a === a.ownerDocument.documentElement || a === a.ownerDocument.body) return null;
    const s = style(a);
    const scrollsY = (s.overflowY === 'auto' || s.overflowY === 'scroll') && a.scrollHeight > a.clientHeight + 1;
    const scrollsX = (s.overflowX === 'auto' || s.overflowX === 'scroll') && a.scrollWidth > a.clientWidth + 1;
    if (scrollsY || scrollsX) return a;
  }
  return null;
}

/**
 * The part of `rect` a person can see: cut by every clipping ancestor's padding box and by
 * the viewport. A fixed-position ancestor stops the walk (its own ancestors do not clip it).
 */
export function visiblePart(el: Element, rect: DOMRectReadOnly): { rect: DOMRect; clippedBy: Element | null } {
  let r = new DOMRect(rect.x, rect.y, rect.width, rect.height);
  let clippedBy: Element | null = null;
  const win = el.ownerDocument.defaultView ?? window;
  for (const a of composedAncestors(el)) {
    if (a === a.ownerDocument.documentElement) break;
    const s = style(a);
    if (clips(s) && a !== a.ownerDocument.body) {
      const ar = a.getBoundingClientRect();
      // The padding box: inside the borders, without scrollbars.
      const inner = new DOMRect(ar.left + a.clientLeft, ar.top + a.clientTop, a.clientWidth, a.clientHeight);
      const next = intersect(r, inner);
      if (area(next) < area(r) - 0.5 && !clippedBy) clippedBy = a;
      r = next;
    }
    if (s.position === 'fixed') break;
  }
  return { rect: intersect(r, viewportRect(win)), clippedBy };
}
