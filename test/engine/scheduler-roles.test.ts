/**
 * The content script's scheduler (src/content/scheduler.ts) in real Chromium: the role index
 * its scans get (`rolesOf`) follows the page — a role set on an element already there (an
 * attribute mutation), elements added and removed — including changes made in the same task
 * just before a scan, which the observer has not delivered yet (the scan takes them in first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openLab, pageBundle, type Lab } from '../helpers/browser';

let lab: Lab;
let page: Page;
let bundle = '';

beforeAll(async () => {
  bundle = await pageBundle(`import { createScheduler } from './src/content/scheduler';\nglobalThis.__scheduler = { createScheduler };`);
  lab = await openLab();
  page = await lab.context.newPage();
});

afterAll(async () => lab?.close());

describe('the scheduler’s role index', () => {
  it('gives each scan the elements with a role as they are now, without querying the page', async () => {
    await page.setContent('<div id="a">a</div><span id="b" role="note"></span><div id="host"></div>');
    await page.addScriptTag({ content: bundle });
    const seen = await page.evaluate(() => {
      const { createScheduler } = (globalThis as unknown as { __scheduler: { createScheduler: (o: unknown) => { now(): void } } }).__scheduler;
      const calls: string[][] = [];
      const ac = new AbortController();
      const s = createScheduler({
        scan: (roots: Array<Document | ShadowRoot>, rolesOf: (r: Document | ShadowRoot) => Element[]) => {
          calls.push(roots.flatMap((r) => rolesOf(r).map((e) => e.id)));
          return { found: false, tracked: [] };
        },
        isOwn: () => false,
        signal: ac.signal,
      });
      s.now();
      // Same task, no microtask between: the observer has not delivered these yet.
      document.getElementById('a')!.setAttribute('role', 'switch');
      s.now();
      document.getElementById('b')!.remove();
      const added = document.createElement('p');
      const c = document.createElement('i');
      c.id = 'c';
      c.setAttribute('role', 'checkbox');
      added.append(c);
      document.body.prepend(added);
      s.now();
      const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
      const d = document.createElement('em');
      d.id = 'd';
      d.setAttribute('role', 'radio');
      root.append(d);
      // A root attached to an element already in the page shows in no mutation: not yet known.
      s.now();
      document.getElementById('a')!.removeAttribute('role');
      s.now();
      ac.abort();
      return calls;
    });
    expect(seen).toEqual([['b'], ['a', 'b'], ['c', 'a'], ['c', 'a'], ['c']]);
  });
});
