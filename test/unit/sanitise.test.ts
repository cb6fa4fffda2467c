/** The DOM excerpt of an evidence record: what goes, what stays, and the cap. */
import { describe, it, expect } from 'vitest';
import { dropAttribute, EXCERPT_MAX_CHARS, sanitisedExcerpt } from '../../src/report/sanitise';

/** An inert document (DOMParser runs nothing), like the page DOM the excerpt reads. */
function dom(body: string): HTMLElement {
  return new DOMParser().parseFromString(`<!DOCTYPE html><body>${body}</body>`, 'text/html').body;
}

const ex = (body: string): string => sanitisedExcerpt(dom(`<div id="root">${body}</div>`).firstElementChild!);

describe('sanitisedExcerpt — dropped', () => {
  it.each(['script', 'style', 'iframe', 'object', 'template', 'noscript'])('<%s> with its content', (tag) => {
    // Built detached: nothing is loaded or run.
    const doc = document.implementation.createHTMLDocument('');
    const root = doc.createElement('div');
    const dropped = doc.createElement(tag);
    dropped.setAttribute('data-x', '1');
    dropped.append(`secret-${tag}`, doc.createElement('b'));
    const p = (t: string): HTMLElement => Object.assign(doc.createElement('p'), { textContent: t });
    root.append(p('a'), dropped, p('b'));
    expect(sanitisedExcerpt(root)).toBe('<div><p>a</p><p>b</p></div>');
  });

  it.each(['embed', 'link', 'meta', 'base'])('<%s>', (tag) => {
    expect(ex(`<p>a</p><${tag} src="x" href="y" content="z"><p>b</p>`)).toBe('<div id="root"><p>a</p><p>b</p></div>');
  });

  it('every on* attribute, whatever its case', () => {
    expect(ex('<img alt="" onerror="alert(1)" ONLOAD="x()"><button onclick="y()" type="button">Go</button>')).toBe(
      '<div id="root"><img alt=""><button type="button">Go</button></div>',
    );
  });

  it.each([
    ['href', 'javascript:alert(1)'],
    ['href', ' JaVaScRiPt:alert(1)'],
    ['href', 'java\tscript:alert(1)'],
    ['href', 'vbscript:msgbox(1)'],
    ['src', 'data:text/html,<script>alert(1)</script>'],
    ['data-x', 'javascript:alert(1)'],
    ['values', 'javascript:alert(1);0'],
  ])('[%s="%s"]', (name, value) => {
    const el = dom('<a>x</a>').firstElementChild!;
    el.setAttribute(name, value);
    expect(sanitisedExcerpt(el)).toBe('<a>x</a>');
  });

  it.each([
    ['a', 'href', 'https://tracker.example/p?u=alex'],
    ['a', 'href', '//tracker.example/p'],
    ['a', 'href', '/\\tracker.example/p'],
    ['a', 'href', 'mailto:alex@example.com'],
    ['img', 'src', 'http://tracker.example/pixel.png'],
    ['img', 'srcset', 'a.png 1x, https://tracker.example/b.png 2x'],
    ['form', 'action', 'https://evil.example/collect'],
    ['button', 'formaction', 'https://evil.example/collect'],
    ['video', 'poster', 'https://cdn.example/poster.jpg'],
  ])('an external address: <%s %s="%s">', (tag, name, value) => {
    const el = dom(`<${tag}></${tag}>`).firstElementChild!;
    el.setAttribute(name, value);
    expect(sanitisedExcerpt(el)).not.toContain(name);
  });

  it('xlink:href to javascript: in SVG, keeping SVG names as written', () => {
    const out = ex('<svg viewBox="0 0 2 2"><a xlink:href="javascript:alert(4)"><rect width="1" height="1"></rect></a><foreignObject></foreignObject></svg>');
    expect(out).toBe('<div id="root"><svg viewBox="0 0 2 2"><a><rect width="1" height="1"></rect></a><foreignObject></foreignObject></svg></div>');
  });

  it('a style attribute that loads something', () => {
    expect(ex('<div style="background:url(https://tracker.example/p.png)">a</div><div style="color: red">b</div>')).toBe(
      '<div id="root"><div>a</div><div style="color: red">b</div></div>',
    );
  });

  it('form values: text-like inputs lose value and checked, a textarea its text; a switch keeps its state', () => {
    const out = ex(
      '<input type="email" value="alex@example.com"><input value="typed"><input type="hidden" name="csrf" value="tok">' +
        '<input type="password" value="hunter2"><textarea name="n">private note</textarea>' +
        '<input type="checkbox" role="switch" checked value="on"><input type="radio" name="r" value="off">',
    );
    for (const secret of ['alex@example.com', 'typed', 'tok', 'hunter2', 'private note']) expect(out).not.toContain(secret);
    expect(out).toContain('<input type="hidden" name="csrf">');
    expect(out).toContain('<textarea name="n"></textarea>');
    expect(out).toContain('<input type="checkbox" role="switch" checked="" value="on">');
    expect(out).toContain('<input type="radio" name="r" value="off">');
  });

  it('comments', () => {
    expect(ex('<!-- user: alex@example.com --><p>a</p>')).toBe('<div id="root"><p>a</p></div>');
  });
});

describe('sanitisedExcerpt — kept, and escaped', () => {
  it('relative and fragment links, aria and data attributes, classes', () => {
    const out = ex('<a href="/settings/data-privacy-controls" class="underline">Privacy Settings</a><a href="#x">x</a><button role="switch" aria-checked="true" data-state="checked"></button>');
    expect(out).toBe(
      '<div id="root"><a href="/settings/data-privacy-controls" class="underline">Privacy Settings</a><a href="#x">x</a><button role="switch" aria-checked="true" data-state="checked"></button></div>',
    );
  });

  it('text and attribute values are escaped, so markup in page text stays text', () => {
    const out = ex('<span title="a &quot;b&quot; <c> &amp; d">&lt;img src=x onerror=alert(1)&gt; &amp; "q"</span>');
    expect(out).toBe('<div id="root"><span title="a &quot;b&quot; &lt;c&gt; &amp; d">&lt;img src=x onerror=alert(1)&gt; &amp; "q"</span></div>');
    // Read back as HTML, it holds no element the page did not write as one.
    const back = new DOMParser().parseFromString(out, 'text/html').body;
    expect(back.querySelectorAll('img').length).toBe(0);
    expect(back.textContent).toBe('<img src=x onerror=alert(1)> & "q"');
  });

  it('void elements have no end tag', () => {
    expect(ex('<p>a<br>b</p><img alt=""><hr>')).toBe('<div id="root"><p>a<br>b</p><img alt=""><hr></div>');
  });

  it('an open shadow root as a declarative template, sanitised the same way', () => {
    const host = dom('<div id="host"></div>').firstElementChild!;
    const root = host.attachShadow({ mode: 'open' });
    const sw = host.ownerDocument.createElement('button');
    sw.setAttribute('role', 'switch');
    sw.setAttribute('onclick', 'alert(1)');
    sw.textContent = 'Train <models>';
    root.append(sw, host.ownerDocument.createElement('script'));
    expect(sanitisedExcerpt(host)).toBe('<div id="host"><template shadowrootmode="open"><button role="switch">Train &lt;models&gt;</button></template></div>');
  });

  it('does not change the page: reads only', () => {
    const root = dom('<div id="root"><script>1</script><input value="x" onclick="y()"></div>').firstElementChild!;
    const before = root.ownerDocument.body.cloneNode(true);
    sanitisedExcerpt(root);
    expect(root.ownerDocument.body.isEqualNode(before)).toBe(true);
  });
});

describe('sanitisedExcerpt — the cap', () => {
  it('is 20 000 characters by default and says where it cut', () => {
    expect(EXCERPT_MAX_CHARS).toBe(20_000);
    const out = ex(`<p>${'word '.repeat(10_000)}</p>`);
    expect(out.length).toBeLessThanOrEqual(20_000);
    expect(out.endsWith('<!-- excerpt cut at 20000 characters -->')).toBe(true);
  });

  it('leaves an excerpt under the cap whole', () => {
    const out = sanitisedExcerpt(dom('<p>short</p>').firstElementChild!, 12);
    expect(out).toBe('<p>short</p>');
  });

  it('stops walking once the budget is spent', () => {
    const body = dom(Array.from({ length: 5000 }, (_, i) => `<p>${i}</p>`).join('')).ownerDocument.body;
    const out = sanitisedExcerpt(body, 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out).toContain('<p>0</p>');
    expect(out).not.toContain('<p>4999</p>');
  });
});

describe('dropAttribute', () => {
  it('keeps ordinary attributes', () => {
    expect(dropAttribute('div', '', 'class', 'a b')).toBe(false);
    expect(dropAttribute('img', '', 'alt', 'icons/a.svg')).toBe(false);
    expect(dropAttribute('a', '', 'href', 'settings/privacy')).toBe(false);
    expect(dropAttribute('use', '', 'href', '#icon', true)).toBe(false);
    expect(dropAttribute('input', 'checkbox', 'checked', '')).toBe(false);
  });

  it('drops what loads even from a relative address: opened as a file, it would load from beside it', () => {
    expect(dropAttribute('img', '', 'src', 'icons/a.svg')).toBe(true);
    expect(dropAttribute('use', '', 'href', 'sprite.svg#icon', true)).toBe(true);
    expect(dropAttribute('image', '', 'href', '#self', true)).toBe(true);
  });

  it('drops names that would not read back as one attribute', () => {
    expect(dropAttribute('div', '', 'a"b', '1')).toBe(true);
  });
});
