/**
 * Text and non-text contrast of real elements: colours composited over what is really behind
 * them (transparent layers, opacity), as WCAG 1.4.3 and 1.4.11 ask.
 */
import { WHITE, composite, contrastRatio, round2, toHex, withOpacity, type ColourReader, type Rgba } from './colour';
import { composedAncestors, style } from './dom';
import { THRESHOLDS } from './thresholds';

export interface Backdrop {
  colour: Rgba;
  /** A background image or gradient lies under the element: the colour is an estimate. */
  approximate: boolean;
}

function ownOpacity(el: Element): number {
  const v = Number.parseFloat(style(el).opacity);
  return Number.isNaN(v) ? 1 : v;
}

/**
 * The opaque colour behind `el`'s content: its own and its ancestors' backgrounds composited,
 * nearest first, down to the first opaque one (or the white canvas).
 */
export function backdrop(el: Element, parseColour: ColourReader): Backdrop {
  const layers: Rgba[] = [];
  let approximate = false;
  for (const e of [el, ...composedAncestors(el)]) {
    const s = style(e);
    const opacity = ownOpacity(e);
    if (s.backgroundImage && s.backgroundImage !== 'none') approximate = true;
    const bg = parseColour(s.backgroundColor);
    if (bg && bg.a > 0) {
      const layer = withOpacity(bg, opacity);
      layers.push(layer);
      if (layer.a >= 0.999) break;
    }
  }
  let colour = WHITE;
  for (let i = layers.length - 1; i >= 0; i--) colour = composite(layers[i]!, colour);
  return { colour, approximate };
}

export interface TextMeasure {
  fontPx: number;
  fontWeight: number;
  colour: string;
  background: string;
  contrast: number;
  /** The WCAG threshold that applies to this text (4.5 or 3 for large text). */
  required: number;
  approximate: boolean;
}

/** The element holding the first piece of text of `el` that belongs to `label`. */
export function textHolder(el: Element, label: string): Element | null {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const want = label.toLowerCase();
  let first: Element | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = (n.nodeValue ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
    if (!t) continue;
    const parent = n.parentElement;
    if (!parent || parent.localName === 'style' || parent.localName === 'script') continue;
    first ??= parent;
    if (want.includes(t.slice(0, 40)) || t.includes(want.slice(0, 40))) return parent;
  }
  return first;
}

export function measureText(holder: Element, parseColour: ColourReader): TextMeasure {
  const s = style(holder);
  const fontPx = Number.parseFloat(s.fontSize) || 16;
  const fontWeight = Number.parseInt(s.fontWeight, 10) || 400;
  const fg = parseColour(s.color) ?? { r: 0, g: 0, b: 0, a: 1 };
  let opacity = 1;
  for (const e of [holder, ...composedAncestors(holder)]) opacity *= ownOpacity(e);
  const back = backdrop(holder, parseColour);
  const shown = composite(withOpacity(fg, opacity), back.colour);
  const large =
    fontPx >= THRESHOLDS.largeTextPx || (fontPx >= THRESHOLDS.largeBoldTextPx && fontWeight >= THRESHOLDS.boldWeight);
  return {
    fontPx,
    fontWeight,
    colour: toHex(shown),
    background: toHex(back.colour),
    contrast: round2(contrastRatio(shown, back.colour)),
    required: large ? THRESHOLDS.largeTextContrast : THRESHOLDS.textContrast,
    approximate: back.approximate,
  };
}

export interface ShapeMeasure {
  contrast: number;
  colour: string;
  background: string;
  approximate: boolean;
}

/**
 * Contrast of a control's visible part (its fill or border, whichever stands out more)
 * against what is behind it. Null for native widgets the browser draws itself.
 */
export function measureShape(visible: Element, parseColour: ColourReader): ShapeMeasure | null {
  const s = style(visible);
  if (
    (visible.localName === 'input' || visible.localName === 'select') &&
    s.appearance !== 'none' &&
    s.getPropertyValue('-webkit-appearance') !== 'none'
  ) {
    return null;
  }
  const parent = visible.parentElement ?? visible;
  const back = backdrop(parent === visible ? visible : parent, parseColour);
  const candidates: Rgba[] = [];
  const fill = parseColour(s.backgroundColor);
  if (fill && fill.a > 0) candidates.push(composite(fill, back.colour));
  for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
    const width = Number.parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`));
    const colour = parseColour(s.getPropertyValue(`border-${side.toLowerCase()}-color`));
    if (width >= 1 && colour && colour.a > 0) candidates.push(composite(colour, back.colour));
  }
  if (!candidates.length) return null;
  let best = candidates[0]!;
  let bestRatio = contrastRatio(best, back.colour);
  for (const c of candidates.slice(1)) {
    const r = contrastRatio(c, back.colour);
    if (r > bestRatio) {
      best = c;
      bestRatio = r;
    }
  }
  return { contrast: round2(bestRatio), colour: toHex(best), background: toHex(back.colour), approximate: back.approximate };
}
