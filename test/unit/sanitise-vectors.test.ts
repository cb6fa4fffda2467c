/**
 * The DOM excerpt against a corpus of known exfiltration vectors (test/helpers/exfiltration.ts):
 * whatever could load something when `dom.html` is opened is gone, token and all, and what loads
 * nothing (a relative link, a switch's plain style, a local SVG reference) stays. The same corpus
 * is opened in Chromium with every request counted in test/engine/exfiltration.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { sanitisedExcerpt } from '../../src/report/sanitise';
import { KEPT, VECTORS } from '../helpers/exfiltration';

const AT = 'http://127.0.0.1:9';

/**
 * Parsed inertly (DOMParser runs and loads nothing), as the page DOM the excerpt reads, with a
 * paragraph after it (added by DOM calls: happy-dom's parser lets an SVG <script> swallow the rest).
 */
function dialog(inner: string): Element {
  const root = new DOMParser().parseFromString(`<!DOCTYPE html><body><div role="dialog">${inner}</div></body>`, 'text/html').body.firstElementChild!;
  const after = root.ownerDocument.createElement('p');
  after.textContent = 'after';
  root.append(after);
  return root;
}

/** What in an excerpt, read back as HTML, could still load: an independent look at the output. */
function loaders(html: string): string[] {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}</body>`, 'text/html');
  const found: string[] = [];
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    const tag = el.localName.toLowerCase();
    if (/^(script|style|link|meta|base|iframe|object|embed|animate|set|animatemotion|animatetransform)$/.test(tag)) found.push(`<${tag}>`);
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (/^(src|srcset|poster|background|data|ping|action|formaction|lowsrc|dynsrc|to|from|values|by)$/.test(name)) found.push(`${tag}[${name}]`);
      if ((name === 'href' || name.endsWith(':href')) && !/^(a|area)$/.test(tag) && !a.value.startsWith('#')) found.push(`${tag}[${name}=${a.value}]`);
      if (/url\s*\(|image-set|\\|@import|var\s*\(/i.test(a.value)) found.push(`${tag}[${name}=${a.value}]`);
    }
  }
  return found;
}

describe('the DOM excerpt against known exfiltration vectors', () => {
  it('is checked against at least 30 of them', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(VECTORS.map((x) => x.id)).size).toBe(VECTORS.length);
  });

  it.each(VECTORS)('$id: $what', ({ id, html }) => {
    const out = sanitisedExcerpt(dialog(html(AT)));
    expect(out).not.toContain(id);
    expect(out).not.toContain('127.0.0.1');
    expect(loaders(out)).toEqual([]);
    // The rest of the dialog is still there.
    expect(out).toMatch(/<p>after<\/p><\/div>$/);
  });

  it('keeps what loads nothing: a relative link, a switch’s plain style, a reference inside the excerpt', () => {
    const out = sanitisedExcerpt(dialog(KEPT.join('')));
    for (const k of KEPT) expect(out).toContain(k);
  });

  it('all of them at once, and in an open shadow root', () => {
    const root = dialog(KEPT.join(''));
    const host = root.ownerDocument.createElement('div');
    root.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    // Parsed inertly, then moved into the shadow root (nothing here loads: the document has no window).
    for (const x of VECTORS) for (const n of Array.from(dialog(x.html(AT)).childNodes)) shadow.append(root.ownerDocument.adoptNode(n));
    const out = sanitisedExcerpt(root);
    expect(out).toContain('<template shadowrootmode="open">');
    for (const x of VECTORS) expect(out, x.id).not.toContain(x.id);
    expect(loaders(out)).toEqual([]);
    for (const k of KEPT) expect(out).toContain(k);
  });

  it('a style keeps only plain properties, written anew, and none at all when any part could load', () => {
    const b = (style: string): string => sanitisedExcerpt(dialog(`<b style="${style}">b</b>`).querySelector('b')!);
    expect(b('COLOR: Red;  opacity:.4 !important; width: calc(100% - 2px); font-family: x; --y: 1; top: env(x)')).toBe(
      '<b style="color: Red; opacity: .4 !important; width: calc(100% - 2px)">b</b>',
    );
    expect(b('color: red; background: url(x.png)')).toBe('<b>b</b>');
    expect(b('color: red; width: 1px\\3b background: u\\72l(x.png)')).toBe('<b>b</b>');
  });
});
