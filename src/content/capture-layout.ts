/**
 * How the dialog scrolls, measured when a capture starts, for a stitched capture of the whole
 * dialog (see StitchLayout in src/shared/messages.ts and src/shared/capture-geometry.ts):
 *
 * - `inside`: the dialog scrolls itself, or holds a scroll container (the terms text between a
 *   fixed title and a fixed Accept button). The largest such container is the one scrolled.
 * - `around`: the dialog is taller than what shows of it, inside a scrolling overlay or in the
 *   document. A dialog fixed to the viewport that overflows it cannot be scrolled: not stitched.
 */
import type { ScanResult } from '../engine/scan';
import { primaryActionKey, type StitchLayout } from '../shared/messages';

export interface MeasuredLayout {
  layout: StitchLayout;
  /** The element to scroll; null for the document. */
  scroller: Element | null;
}

const MAX_ELEMENTS = 5000;

function scrollsY(el: Element): boolean {
  const win = el.ownerDocument.defaultView;
  if (!win) return false;
  const s = win.getComputedStyle(el);
  return /^(auto|scroll|overlay)$/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1 && el.clientHeight >= 40;
}

function box(r: DOMRectReadOnly): StitchLayout['dialog'] {
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

function clientBox(el: Element): StitchLayout['band'] {
  const r = el.getBoundingClientRect();
  return { x: r.left + el.clientLeft, y: r.top + el.clientTop, width: el.clientWidth, height: el.clientHeight };
}

function cutToViewport(b: StitchLayout['dialog'], win: Window): StitchLayout['dialog'] {
  const x = Math.max(0, b.x);
  const y = Math.max(0, b.y);
  return { x, y, width: Math.max(0, Math.min(win.innerWidth, b.x + b.width) - x), height: Math.max(0, Math.min(win.innerHeight, b.y + b.height) - y) };
}

function fixedOrInFixed(el: Element): boolean {
  const win = el.ownerDocument.defaultView;
  for (let e: Element | null = el; e && win; e = e.parentElement) if (win.getComputedStyle(e).position === 'fixed') return true;
  return false;
}

/** The element that is a surface's accept action: a button in the dialog with that label. */
function primaryElement(dialog: Element, label: string): Element | null {
  const want = label.trim().replace(/\s+/g, ' ');
  if (!want) return null;
  for (const b of dialog.querySelectorAll('button, [role="button"], a, input[type="submit"], input[type="button"]')) {
    const text = (b instanceof HTMLInputElement ? b.value : b.textContent ?? '').trim().replace(/\s+/g, ' ');
    if (text === want || b.getAttribute('aria-label')?.trim() === want) return b;
  }
  return null;
}

/** Ids (controls, accept actions) of what sits inside `scroller`. */
function movingIds(result: ScanResult, dialog: Element, scroller: Element): string[] {
  const ids: string[] = [];
  for (const [id, t] of result.targets) if (scroller.contains(t.visible)) ids.push(id);
  for (const s of result.report.surfaces) {
    const p = s.primaryAction ? primaryElement(dialog, s.primaryAction.label) : null;
    if (p && scroller.contains(p)) ids.push(primaryActionKey(s.id));
  }
  return ids;
}

/** Null when one viewport capture shows all of the dialog there is to see. */
export function measureLayout(dialog: Element, result: ScanResult): MeasuredLayout | null {
  const doc = dialog.ownerDocument;
  const win = doc.defaultView;
  if (!win) return null;

  // inside: the dialog, or the largest scroll container in it.
  let best: Element | null = null;
  let bestArea = 0;
  const candidates = [dialog, ...Array.from(dialog.querySelectorAll('*')).slice(0, MAX_ELEMENTS)];
  for (const el of candidates) {
    if (!scrollsY(el)) continue;
    const area = el.clientWidth * el.clientHeight;
    if (area > bestArea) {
      best = el;
      bestArea = area;
    }
  }
  if (best) {
    return {
      scroller: best,
      layout: {
        mode: 'inside',
        dialog: cutToViewport(box(dialog.getBoundingClientRect()), win),
        band: clientBox(best),
        contentHeight: best.scrollHeight,
        maxScroll: Math.max(0, best.scrollHeight - best.clientHeight),
        scrollAtScan: best.scrollTop,
        moving: movingIds(result, dialog, best),
      },
    };
  }

  // around: a scrolling overlay holds a dialog taller than it shows, or the document does.
  const d = box(dialog.getBoundingClientRect());
  for (let a = dialog.parentElement; a && a !== doc.body && a !== doc.documentElement; a = a.parentElement) {
    if (!scrollsY(a)) continue;
    const band = clientBox(a);
    if (d.y >= band.y - 1 && d.y + d.height <= band.y + band.height + 1) return null;
    return {
      scroller: a,
      layout: { mode: 'around', dialog: d, band, contentHeight: a.scrollHeight, maxScroll: Math.max(0, a.scrollHeight - a.clientHeight), scrollAtScan: a.scrollTop, moving: [] },
    };
  }
  const page = doc.scrollingElement ?? doc.documentElement;
  const overflows = d.y < -1 || d.y + d.height > win.innerHeight + 1;
  if (!overflows || fixedOrInFixed(dialog) || page.scrollHeight <= win.innerHeight + 1) return null;
  return {
    scroller: null,
    layout: {
      mode: 'around',
      dialog: d,
      band: { x: 0, y: 0, width: win.innerWidth, height: win.innerHeight },
      contentHeight: page.scrollHeight,
      maxScroll: Math.max(0, page.scrollHeight - win.innerHeight),
      scrollAtScan: win.scrollY,
      moving: [],
    },
  };
}
