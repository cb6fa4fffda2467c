/**
 * A sanitised excerpt of a piece of page DOM, as HTML source text, for an evidence record: no
 * scripts, styles, frames or embeds, no event handlers, no javascript: or external URLs, no
 * form values. Pure over a DOM node; runs inside the audited page (CLI) or the content script.
 *
 * It serialises while it walks instead of cloning first and cleaning the clone: a clone made
 * in the live document is not inert (a cloned `<img src=x onerror=…>` starts loading and runs
 * its handler), and clones do not carry shadow roots. Nothing here creates a node, sets an
 * attribute or runs page code; the walk only reads.
 */

export const EXCERPT_MAX_CHARS = 20_000;

/** Dropped with everything inside them. */
const DROP = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'link', 'meta', 'base',
  'template', 'noscript', 'portal', 'fencedframe',
]);

const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param']);

/** Attributes that hold an address (and `srcset`, a list of them). */
const URL_ATTRS = new Set([
  'src', 'href', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'cite', 'data', 'ping',
  'longdesc', 'manifest', 'codebase', 'archive', 'lowsrc', 'dynsrc', 'usemap', 'imagesrcset', 'srcdoc',
]);

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

/** Whether an attribute of `element` (an input of `type`) stays out of the excerpt. */
export function dropAttribute(element: string, type: string, name: string, value: string): boolean {
  const n = name.toLowerCase();
  // A name the HTML parser allowed but that would not read back as one attribute.
  // eslint-disable-next-line no-control-regex
  if (!/^[^\s"'<>/=\u0000-\u001f]+$/.test(n)) return true;
  if (n.startsWith('on')) return true;
  if (SCRIPTING.test(squash(value))) return true;
  if (URL_ATTRS.has(n) && leavesPage(value)) return true;
  if (n === 'style' && /url\s*\(|expression\s*\(|@import/i.test(value)) return true;
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

/**
 * The excerpt of `node` (an element, or a shadow root / fragment), at most `maxChars` long; when
 * cut, it ends with a comment that says so. Open shadow roots are included as declarative
 * `<template shadowrootmode="open">`.
 */
export function sanitisedExcerpt(node: Node, maxChars = EXCERPT_MAX_CHARS): string {
  const out: string[] = [];
  let length = 0;
  // The walk stops as soon as the budget is spent: a huge settings page costs no more than the cap.
  const budget = maxChars + 1;
  const push = (s: string): boolean => {
    out.push(s);
    length += s.length;
    return length < budget;
  };

  const children = (parent: Node): boolean => {
    for (let c = parent.firstChild; c; c = c.nextSibling) if (!walk(c)) return false;
    return true;
  };

  const walk = (n: Node): boolean => {
    if (n.nodeType === TEXT_NODE) return push(escapeText(n.nodeValue ?? ''));
    if (n.nodeType === DOCUMENT_FRAGMENT_NODE) return children(n);
    if (n.nodeType !== ELEMENT_NODE) return true; // comments, processing instructions
    const el = n as Element;
    // Compared in lower case, written as the DOM has it (SVG keeps viewBox, foreignObject).
    const tag = el.localName;
    const lower = tag.toLowerCase();
    if (DROP.has(lower) || !/^[a-z][a-z0-9-]*$/i.test(tag)) return true;
    const type = lower === 'input' ? (el.getAttribute('type') ?? 'text').trim().toLowerCase() : '';
    let open = `<${tag}`;
    for (const a of Array.from(el.attributes)) {
      if (dropAttribute(lower, type, a.name, a.value)) continue;
      open += ` ${a.name}="${escapeAttr(a.value)}"`;
    }
    if (!push(`${open}>`)) return false;
    if (VOID.has(lower)) return true;
    const shadow = el.shadowRoot;
    if (shadow) {
      if (!push('<template shadowrootmode="open">') || !children(shadow) || !push('</template>')) return false;
    }
    // A textarea's text is its value.
    if (lower !== 'textarea' && !children(el)) return false;
    return push(`</${tag}>`);
  };

  walk(node);
  const full = out.join('');
  if (full.length <= maxChars) return full;
  const note = `\n<!-- excerpt cut at ${maxChars} characters -->`;
  return full.slice(0, Math.max(0, maxChars - note.length)) + note;
}
