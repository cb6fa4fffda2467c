/**
 * A sanitised excerpt of a piece of page DOM, as HTML source text, for an evidence record: no
 * scripts, styles, frames or embeds, no event handlers, no javascript: or external URLs, no
 * form values. Pure over a DOM node; runs inside the audited page (CLI) or the content script.
 *
 * The excerpt is kept as `dom.html`, and someone will open that file in a browser: opened, it
 * must not make a single request (a tracking pixel would tell the page's owner who looks at
 * the evidence, and when). So nothing that loads stays, whatever its address (a relative one
 * loads from beside the file): no `src`, `srcset`, `poster`, `background`, `data`, `ping`,
 * `action`…; `href` only on links (`<a>`, `<area>`) or as a `#fragment`; no SVG animation (it
 * can set any of those later); no CSS that can load — a `style` keeps only plain properties from
 * a short list whose values are words, numbers, colours and `calc()`; any attribute that holds
 * `url(`, `image-set(` or the like, or a CSS escape in SVG, goes. test/unit/sanitise-vectors.test.ts
 * and test/engine/exfiltration.test.ts check this against known vectors, the second by opening the
 * exported files in Chromium and counting requests.
 *
 * It serialises while it walks instead of cloning first and cleaning the clone: a clone made
 * in the live document is not inert (a cloned `<img src=x onerror=…>` starts loading and runs
 * its handler), and clones do not carry shadow roots. Nothing here creates a node, sets an
 * attribute or runs page code; the walk only reads.
 */

export const EXCERPT_MAX_CHARS = 20_000;

/** Dropped with everything inside them (lower case). */
const DROP = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'link', 'meta', 'base',
  'template', 'noscript', 'portal', 'fencedframe',
  // SVG animation: sets any attribute (href, fill: url()) after the excerpt was checked.
  'animate', 'set', 'animatemotion', 'animatetransform', 'animatecolor', 'discard',
]);

const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param']);

/** Attributes that load (or send) something, whatever their value: always dropped. */
const LOADS = new Set([
  'src', 'srcset', 'imagesrcset', 'poster', 'background', 'data', 'ping', 'action', 'formaction', 'manifest', 'codebase',
  'archive', 'lowsrc', 'dynsrc', 'srcdoc', 'classid', 'code', 'profile', 'icon',
  // SVG animation values (the elements are dropped too).
  'to', 'from', 'values', 'by',
]);

/** Attributes that hold an address but load nothing by themselves: kept when it stays in the page. */
const ADDRESS_ATTRS = new Set(['cite', 'longdesc', 'usemap']);

/** `href` as a link, where a relative address is what a person would follow, and loads nothing. */
const LINKS = new Set(['a', 'area']);

/** Elements that load what their `href` names, even a `#fragment` (the document itself again). */
const HREF_LOADS = new Set(['image', 'feimage']);

/** Properties a `style` may keep: the ones that show how a control is made hard to see. */
const STYLE_KEPT = new Set([
  'color', 'background-color', 'opacity', 'visibility', 'display', 'position', 'top', 'right', 'bottom', 'left', 'z-index',
  'width', 'height', 'min-width', 'min-height', 'max-width', 'max-height', 'overflow', 'overflow-x', 'overflow-y',
  'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding', 'padding-top', 'padding-right',
  'padding-bottom', 'padding-left', 'font-size', 'font-weight', 'font-style', 'line-height', 'text-align',
  'text-decoration', 'border-radius', 'border-width', 'border-style', 'border-color', 'pointer-events',
]);

/** Functions a kept style value may use: none of them can name a resource. */
const STYLE_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'calc', 'min', 'max', 'clamp']);

/** Whatever CSS can load through, once escapes and spaces are taken out. */
const CSS_LOADS = /url\(|image-set\(|image\(|cross-fade\(|element\(|src\(|paint\(|@import|expression\(|-moz-binding|behavior:/;

/** Input types whose value is what the user typed (or a hidden token): their value goes. */
const CHOICE_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'range', 'color']);

/** Strips what browsers ignore inside a scheme ("java\tscript:", "&#10;javascript:") before comparing. */
function squash(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
}

/** Scripting schemes, anywhere in any attribute (srcset lists, style url(), SVG values). */
const SCRIPTING = /(?:java|vb|live)script:|data:text\/html/;

/**
 * Whether an address (or any address in a list such as srcset) leaves the page: any scheme, or
 * protocol-relative (browsers read "\\" as "/" there). Fragments and relative paths stay.
 */
function leavesPage(value: string): boolean {
  return value.split(/[\s,]+/).some((part) => {
    const v = squash(part).replace(/\\/g, '/');
    return v.startsWith('//') || /^[a-z][a-z0-9+.-]*:/.test(v);
  });
}

/** CSS text with its escapes decoded (`\75 rl(` is `url(`) and its comments taken out, squashed. */
function cssPlain(value: string): string {
  const decoded = value
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) => {
      const code = Number.parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    })
    .replace(/\\(.)/g, '$1');
  return squash(decoded);
}

/**
 * The declarations of a `style` that can load nothing (STYLE_KEPT, plain values), written
 * anew; '' when none is left. Anything that could hide a second reading (quotes, escapes,
 * comments, at-rules, markup) drops the whole attribute.
 */
export function keptStyle(value: string): string {
  if (/["'\\@<>{}]|\/\*|\*\//.test(value) || CSS_LOADS.test(cssPlain(value))) return '';
  const out: string[] = [];
  for (const declaration of value.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const v = declaration.slice(colon + 1).trim();
    if (!STYLE_KEPT.has(property) || !/^[a-z0-9#%.,()\s+*/!-]+$/i.test(v)) continue;
    // Every function is a known one, and no bracket opens without one.
    const functions = [...v.matchAll(/([a-z-]*)\(/gi)].map((m) => m[1]!.toLowerCase());
    if (functions.some((f) => !STYLE_FUNCTIONS.has(f))) continue;
    out.push(`${property}: ${v.replace(/\s+/g, ' ')}`);
  }
  return out.join('; ');
}

/**
 * Whether an attribute of `element` (an input of `type`) stays out of the excerpt. `foreign`: the
 * element is read back as SVG or MathML, where attributes such as `fill` and `filter` are CSS.
 */
export function dropAttribute(element: string, type: string, name: string, value: string, foreign = false): boolean {
  const n = name.toLowerCase();
  // A name the HTML parser allowed but that would not read back as one attribute.
  // eslint-disable-next-line no-control-regex
  if (!/^[^\s"'<>/=\u0000-\u001f]+$/.test(n)) return true;
  if (n.startsWith('on')) return true;
  if (SCRIPTING.test(squash(value))) return true;
  if (LOADS.has(n)) return true;
  if (n === 'href' || n.endsWith(':href')) {
    if (HREF_LOADS.has(element)) return true;
    if (LINKS.has(element)) return leavesPage(value);
    return !squash(value).startsWith('#');
  }
  if (ADDRESS_ATTRS.has(n) && leavesPage(value)) return true;
  if (n === 'style') return keptStyle(value) === '';
  // SVG presentation attributes are CSS (fill="url(…)", filter, mask, cursor…), escapes and all.
  if (foreign && (value.includes('\\') || CSS_LOADS.test(cssPlain(value)))) return true;
  if (element === 'input' && !CHOICE_INPUTS.has(type) && (n === 'value' || n === 'checked')) return true;
  return false;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_FRAGMENT_NODE = 11;

const XHTML = 'http://www.w3.org/1999/xhtml';

export interface ExcerptOptions {
  /** At most this many characters (EXCERPT_MAX_CHARS). */
  maxChars?: number;
  /** Rewrites every text and every kept attribute value (redaction: names out) before it is escaped. */
  text?: (text: string) => string;
}

/**
 * The excerpt of `node` (an element, or a shadow root / fragment), at most `maxChars` long; when
 * cut, it ends with a comment that says so. Open shadow roots are included as declarative
 * `<template shadowrootmode="open">`.
 */
export function sanitisedExcerpt(node: Node, options: number | ExcerptOptions = {}): string {
  const { maxChars = EXCERPT_MAX_CHARS, text = (t: string) => t } = typeof options === 'number' ? { maxChars: options } : options;
  const out: string[] = [];
  let length = 0;
  // The walk stops as soon as the budget is spent: a huge settings page costs no more than the cap.
  const budget = maxChars + 1;
  const push = (s: string): boolean => {
    out.push(s);
    length += s.length;
    return length < budget;
  };

  const children = (parent: Node, foreign: boolean): boolean => {
    for (let c = parent.firstChild; c; c = c.nextSibling) if (!walk(c, foreign)) return false;
    return true;
  };

  // `foreign`: inside <svg> or <math> as the excerpt is read back (below a foreignObject too: stricter is fine).
  const walk = (n: Node, foreign: boolean): boolean => {
    if (n.nodeType === TEXT_NODE) return push(escapeText(text(n.nodeValue ?? '')));
    if (n.nodeType === DOCUMENT_FRAGMENT_NODE) return children(n, foreign);
    if (n.nodeType !== ELEMENT_NODE) return true; // comments, processing instructions
    const el = n as Element;
    // Compared in lower case, written as the DOM has it (SVG keeps viewBox, foreignObject).
    const tag = el.localName;
    const lower = tag.toLowerCase();
    if (DROP.has(lower) || !/^[a-z][a-z0-9-]*$/i.test(tag)) return true;
    const type = lower === 'input' ? (el.getAttribute('type') ?? 'text').trim().toLowerCase() : '';
    const inForeign = foreign || lower === 'svg' || lower === 'math' || (el.namespaceURI !== null && el.namespaceURI !== XHTML);
    let open = `<${tag}`;
    for (const a of Array.from(el.attributes)) {
      if (dropAttribute(lower, type, a.name, a.value, inForeign)) continue;
      const value = a.name.toLowerCase() === 'style' ? keptStyle(a.value) : text(a.value);
      open += ` ${a.name}="${escapeAttr(value)}"`;
    }
    if (!push(`${open}>`)) return false;
    if (VOID.has(lower)) return true;
    const shadow = el.shadowRoot;
    if (shadow) {
      if (!push('<template shadowrootmode="open">') || !children(shadow, inForeign) || !push('</template>')) return false;
    }
    // A textarea's text is its value.
    if (lower !== 'textarea' && !children(el, inForeign)) return false;
    return push(`</${tag}>`);
  };

  walk(node, false);
  const full = out.join('');
  if (full.length <= maxChars) return full;
  const note = `\n<!-- excerpt cut at ${maxChars} characters -->`;
  return full.slice(0, Math.max(0, maxChars - note.length)) + note;
}
