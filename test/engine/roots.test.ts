/**
 * The content script's list of roots (src/content/roots.ts) in real Chromium: shadow roots are
 * found at start, in added subtrees, and by a later full walk for the one case no mutation shows;
 * roots whose host left the page are dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLab, pageBundle, type Lab } from '../helpers/browser';

let lab: Lab;
let page: Page;
let bundle = '';

beforeAll(async () => {
  bundle = await pageBundle(`import { createRootTracker, REDISCOVER_MS } from './src/content/roots';\nglobalThis.__roots = { createRootTracker, REDISCOVER_MS };`);
  lab = await openLab();
  page = await lab.context.newPage();
});

afterAll(async () => lab?.close());

/** Runs `body` in a fresh page with the tracker bundle; `t` is the tracker made at the start. */
async function inPage<T>(html: string, body: string): Promise<T> {
  await page.setContent(html);
  await page.addScriptTag({ content: bundle });
  return page.evaluate(`(() => {
    const { createRootTracker, REDISCOVER_MS } = globalThis.__roots;
    const hostName = (r) => (r === document ? 'document' : r.host.id || r.host.localName);
    const names = (list) => list.map(hostName);
    const shadow = (id, html) => { const h = document.getElementById(id); const r = h.attachShadow({ mode: 'open' }); r.innerHTML = html; return r; };
    ${body}
  })()`) as Promise<T>;
}

describe('the content script’s roots', () => {
  it('finds closed shadow roots too when told how to see them (as the content script is, by the browser), at start and when they arrive', async () => {
    const r = await inPage<{ plain: string[]; seeing: string[]; fresh: string[] }>(
      '<div id="a"></div><div id="b"></div>',
      `const closed = new WeakMap();
       const close = (host, html) => { const root = host.attachShadow({ mode: 'closed' }); root.innerHTML = html; closed.set(host, root); return root; };
       close(document.getElementById('a'), '<span id="inner"></span>').getElementById('inner').attachShadow({ mode: 'open' });
       shadow('b', '<p>b</p>');
       const shadowOf = (el) => closed.get(el) ?? el.shadowRoot;
       const plain = names(createRootTracker(document, 0).list());
       const t = createRootTracker(document, 0, undefined, shadowOf);
       const seeing = names(t.list());
       const late = document.createElement('div'); late.id = 'late';
       close(late, '<p>late</p>');
       const box = document.createElement('section'); box.append(late); document.body.append(box);
       const fresh = names(t.added(box));
       return { plain, seeing, fresh };`,
    );
    expect(r.plain).toEqual(['document', 'b']);
    expect(r.seeing).toEqual(['document', 'a', 'b', 'inner']);
    expect(r.fresh).toEqual(['late']);
  });

  it('keeps the elements with a role per root, in document order, exactly as a query would find them', async () => {
    const r = await inPage<Record<string, string[] | boolean>>(
      '<div id="top" role="main"><p id="p1">x</p><div id="host"></div><span id="s" role="note"></span></div>',
      `shadow('host', '<div id="in" role="switch"></div>');
       const t = createRootTracker(document, 0);
       const ids = (list) => list.map((e) => e.id);
       const host = document.getElementById('host');
       const sr = host.shadowRoot;
       const same = () => [...t.list()].every((root) => ids(t.rolesOf(root)).join() === ids([...root.querySelectorAll('[role]')]).join());
       const out = { start: ids(t.rolesOf(document)), inShadow: ids(t.rolesOf(sr)) };
       // Added before an element that is already there: document order, not order of arrival.
       const box = document.createElement('section');
       box.innerHTML = '<b id="new1" role="dialog"><i id="new2" role="switch"></i></b>';
       document.getElementById('top').before(box);
       t.added(box);
       out.added = ids(t.rolesOf(document));
       // A role set later, from an attribute mutation; one removed; one element removed.
       document.getElementById('p1').setAttribute('role', 'checkbox');
       t.roleChanged(document.getElementById('p1'));
       document.getElementById('s').removeAttribute('role');
       document.getElementById('new2').remove();
       out.changed = ids(t.rolesOf(document));
       // Moved to the front (re-added): back in document order.
       const p1 = document.getElementById('p1');
       document.body.prepend(p1);
       t.added(p1);
       out.moved = ids(t.rolesOf(document));
       // A subtree too big to walk here: the next rediscovery asks again.
       const big = document.createElement('div');
       big.innerHTML = '<span></span>'.repeat(2100) + '<em id="deep" role="switch"></em>';
       document.body.append(big);
       t.added(big);
       out.missedBeforeWalk = !ids(t.rolesOf(document)).includes('deep');
       out.stale = t.stale(0, false);
       t.rediscover(1);
       out.afterWalk = ids(t.rolesOf(document));
       out.same = same();
       return out;`,
    );
    expect(r.start).toEqual(['top', 's']);
    expect(r.inShadow).toEqual(['in']);
    expect(r.added).toEqual(['new1', 'new2', 'top', 's']);
    expect(r.changed).toEqual(['new1', 'top', 'p1']);
    expect(r.moved).toEqual(['p1', 'new1', 'top']);
    expect(r.missedBeforeWalk).toBe(true);
    expect(r.stale).toBe(true);
    expect(r.afterWalk).toEqual(['p1', 'new1', 'top', 'deep']);
    expect(r.same).toBe(true);
  });

  it('leaves out the roots it is told to ignore (our overlay’s), at start and when they arrive', async () => {
    const r = await inPage<{ start: string[]; later: string[]; fresh: string[] }>(
      '<div id="ours"></div><div id="page"></div>',
      `shadow('ours', '<button aria-pressed="true">mark</button>');
       shadow('page', '<p>page</p>');
       const ignore = (root) => root.host.id.startsWith('ours');
       const t = createRootTracker(document, 0, ignore);
       const start = names(t.list());
       const more = document.createElement('div'); more.id = 'ours-too';
       more.attachShadow({ mode: 'open' }).innerHTML = '<p>x</p>';
       const theirs = document.createElement('div'); theirs.id = 'theirs';
       theirs.attachShadow({ mode: 'open' }).innerHTML = '<p>y</p>';
       const box = document.createElement('section'); box.append(more, theirs); document.body.append(box);
       const fresh = names(t.added(box));
       return { start, later: names(t.list()), fresh };`,
    );
    expect(r.start).toEqual(['document', 'page']);
    expect(r.fresh).toEqual(['theirs']);
    expect(r.later).toEqual(['document', 'page', 'theirs']);
  });

  it('finds the open shadow roots already in the page, nested ones too, and not closed ones', async () => {
    const r = await inPage<string[]>(
      '<div id="a"></div><div id="b"></div><div id="c"></div>',
      `shadow('a', '<span id="inner"></span>').getElementById('inner').attachShadow({ mode: 'open' });
       shadow('b', '<p>b</p>');
       document.getElementById('c').attachShadow({ mode: 'closed' });
       const t = createRootTracker(document, 0);
       return names(t.list());`,
    );
    expect(r).toEqual(['document', 'a', 'b', 'inner']);
  });

  it('finds shadow roots in an added element and in an added subtree, each once', async () => {
    const r = await inPage<{ leaf: string[]; tree: string[]; again: string[]; plain: string[]; list: string[] }>(
      '<main id="m"></main>',
      `const t = createRootTracker(document, 0);
       const leaf = document.createElement('chat-card'); leaf.id = 'leaf';
       leaf.attachShadow({ mode: 'open' }).innerHTML = '<button role="switch"></button>';
       document.getElementById('m').append(leaf);
       const tree = document.createElement('section');
       tree.innerHTML = '<div><div id="deep"></div></div><p>text</p>';
       tree.querySelector('#deep').attachShadow({ mode: 'open' });
       document.getElementById('m').append(tree);
       const plain = document.createElement('p');
       document.getElementById('m').append(plain);
       return { leaf: names(t.added(leaf)), tree: names(t.added(tree)), again: names(t.added(tree)), plain: names(t.added(plain)), list: names(t.list()) };`,
    );
    expect(r).toEqual({ leaf: ['leaf'], tree: ['deep'], again: [], plain: [], list: ['document', 'leaf', 'deep'] });
  });

  it('leaves a root attached to an element already in the page to the next full walk, and says when one is due', async () => {
    const r = await inPage<{ listed: string[]; staleSoon: boolean; staleLater: boolean; found: string[]; staleAfter: boolean }>(
      '<div id="late"></div>',
      `const t = createRootTracker(document, 1000);
       const host = document.getElementById('late');
       host.attachShadow({ mode: 'open' });
       return {
         listed: names(t.list()),
         staleSoon: t.stale(1000 + REDISCOVER_MS - 1),
         staleLater: t.stale(1000 + REDISCOVER_MS),
         found: names(t.rediscover(1000 + REDISCOVER_MS)),
         staleAfter: t.stale(1000 + REDISCOVER_MS + 1),
       };`,
    );
    expect(r).toEqual({ listed: ['document'], staleSoon: false, staleLater: true, found: ['late'], staleAfter: false });
  });

  it('does not walk a huge added subtree in the observer: it asks for a full walk instead', async () => {
    const r = await inPage<{ added: string[]; stale: boolean; found: string[] }>(
      '<main id="m"></main>',
      `const t = createRootTracker(document, 0);
       const big = document.createElement('div');
       for (let i = 0; i < 3000; i++) big.append(document.createElement('span'));
       const last = big.lastElementChild; last.id = 'last';
       last.attachShadow({ mode: 'open' });
       document.getElementById('m').append(big);
       const added = names(t.added(big));
       const stale = t.stale(1);
       return { added, stale, found: names(t.rediscover(1)) };`,
    );
    expect(r).toEqual({ added: [], stale: true, found: ['last'] });
  });

  it('says whether a later walk is worth it: only while a custom element is not yet defined', async () => {
    const r = await inPage<{ none: boolean; undefinedOne: boolean; defined: boolean; inShadow: boolean }>(
      '<div id="a"></div><main id="m"></main>',
      `const t = createRootTracker(document, 0);
       const none = t.mayUpgrade();
       const el = document.createElement('late-card');
       document.getElementById('m').append(el);
       const undefinedOne = t.mayUpgrade();
       customElements.define('late-card', class extends HTMLElement {});
       const defined = t.mayUpgrade();
       shadow('a', '<other-card></other-card>');
       t.rediscover(1);
       const inShadow = t.mayUpgrade();
       return { none, undefinedOne, defined, inShadow };`,
    );
    expect(r).toEqual({ none: false, undefinedOne: true, defined: false, inShadow: true });
  });

  it('drops the roots of hosts that left the page; invalidate() makes a walk due', async () => {
    const r = await inPage<{ before: string[]; after: string[]; stale: boolean }>(
      '<div id="a"></div><div id="b"></div>',
      `shadow('a', ''); shadow('b', '');
       const t = createRootTracker(document, 0);
       const before = names(t.list());
       document.getElementById('a').remove();
       const after = names(t.list());
       t.invalidate();
       return { before, after, stale: t.stale(1, false) };`,
    );
    expect(r).toEqual({ before: ['document', 'a', 'b'], after: ['document', 'b'], stale: true });
  });
});
