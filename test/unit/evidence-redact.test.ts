/**
 * Redaction's logic on a happy-dom document: which element is the avatar, which text is the
 * name, which values leave the report and the excerpt. (happy-dom has no layout: boxes are
 * stubbed here; the pixels are checked end to end in test/e2e/evidence.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findAccount, findRedactions, REDACTED, scrubReport, scrubText, subtract } from '../../src/content/redact';
import { control, report } from './background-fakes';

function box(el: Element, width: number, height: number, x = 0, y = 0): void {
  const rect = { x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) } as DOMRect;
  (el as unknown as { getBoundingClientRect: () => DOMRect }).getBoundingClientRect = () => rect;
}

function page(body: string): Document {
  document.body.textContent = '';
  // Test markup, written here, not page text.
  const parsed = new DOMParser().parseFromString(body, 'text/html');
  for (const n of Array.from(parsed.body.childNodes)) document.body.append(document.importNode(n, true));
  return document;
}

afterEach(() => {
  document.body.textContent = '';
});

describe('finding the account', () => {
  it('finds an initials badge in the sidebar and the name beside it, not the plan', () => {
    const doc = page(`<nav>
      <div id="block"><div id="avatar" style="border-radius: 9999px">AR</div>
        <div><div>Alex Rivera</div><div>Pro plan</div></div></div>
      <a href="/new">New chat</a></nav>`);
    box(doc.getElementById('avatar')!, 32, 32);
    box(doc.getElementById('block')!, 240, 44);
    const account = findAccount(doc);
    expect(account.avatars.map((a) => a.id)).toEqual(['avatar']);
    expect(account.names).toEqual(['Alex Rivera']);
  });

  it('finds a marked avatar picture in an account button, and a name that starts like a plan', () => {
    const doc = page(`<main><button data-testid="user-menu-button" id="block">
      <img id="pic" alt="" src="data:," style="border-radius: 50%">
      <span>Max Mustermann</span><span>max@example.org</span></button></main>`);
    box(doc.getElementById('pic')!, 28, 28);
    box(doc.getElementById('block')!, 220, 40);
    box(doc.getElementById('block')!.parentElement!, 1200, 800);
    const account = findAccount(doc);
    expect(account.avatars.map((a) => a.id)).toEqual(['pic']);
    expect(account.names).toEqual(['Max Mustermann']);
    const found = findRedactions(doc, account);
    expect(found.values).toEqual(['max@example.org', 'Max Mustermann']);
    expect(found.regions).toEqual([{ kind: 'avatar', x: 0, y: 0, width: 30, height: 30 }]); // padded by 2, cut at the viewport's edge
    expect(found.kinds).toEqual(['avatar']);
  });

  it('takes no square, unrounded, unmarked picture for an avatar, and no menu word for a name', () => {
    const doc = page(`<nav><div id="block"><img id="logo" alt="" src="data:,"><span>Settings</span></div></nav>`);
    box(doc.getElementById('logo')!, 32, 32);
    box(doc.getElementById('block')!, 200, 40);
    expect(findAccount(doc)).toEqual({ avatars: [], names: [] });
  });

  it('finds email addresses in text and in text inputs, wherever they are', () => {
    const doc = page(`<p>Signed in as a.b+c@mail.example.co.uk</p><input id="i" value="x@y.example">`);
    box(doc.getElementById('i')!, 200, 30, 10, 10);
    const found = findRedactions(doc, { avatars: [], names: [] });
    expect(found.values.sort()).toEqual(['a.b+c@mail.example.co.uk', 'x@y.example']);
    expect(found.regions).toContainEqual({ kind: 'email', x: 8, y: 8, width: 204, height: 34 });
  });
});

describe('scrubbing', () => {
  it('replaces the values (any case) and any email address in text and in HTML source', () => {
    expect(scrubText('Alex Rivera (ALEX RIVERA) wrote to bob@example.com', ['Alex Rivera'])).toBe(`${REDACTED} (${REDACTED}) wrote to ${REDACTED}`);
    expect(scrubText('<span title="Tom &amp; Jerry">Tom &amp; Jerry</span>', ['Tom & Jerry'], true)).toBe(`<span title="${REDACTED}">${REDACTED}</span>`);
  });

  it('takes the values out of every string of a report, and nothing else', () => {
    const r = report({ title: 'Claude — Alex Rivera', controls: [control({ label: 'Help improve Claude', description: 'Signed in as alex@example.com' })] });
    const out = scrubReport(r, ['Alex Rivera', 'alex@example.com']);
    expect(out.title).toBe(`Claude — ${REDACTED}`);
    expect(out.controls[0]!.description).toBe(`Signed in as ${REDACTED}`);
    expect(out.controls[0]!.label).toBe('Help improve Claude');
    expect(out.controls[0]!.box).toEqual(r.controls[0]!.box);
    expect(out.url).toBe(r.url);
  });
});

describe('keeping masks off the dialog', () => {
  it('cuts a rectangle around a hole', () => {
    const r = { x: 0, y: 0, width: 100, height: 20 };
    expect(subtract(r, { x: 200, y: 0, width: 10, height: 10 })).toEqual([r]);
    expect(subtract(r, { x: 60, y: -10, width: 100, height: 100 })).toEqual([{ x: 0, y: 0, width: 60, height: 20 }]);
    expect(subtract(r, { x: 40, y: 5, width: 20, height: 10 })).toEqual([
      { x: 0, y: 0, width: 100, height: 5 },
      { x: 0, y: 15, width: 100, height: 5 },
      { x: 0, y: 5, width: 40, height: 10 },
      { x: 60, y: 5, width: 40, height: 10 },
    ]);
  });
});
