/**
 * Redaction's logic on a happy-dom document: which element is the avatar, which text is the
 * name, which values leave the report and the excerpt. (happy-dom has no layout: boxes are
 * stubbed here; the pixels are checked end to end in test/e2e/evidence.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findAccount, findRedactions, REDACTED, scrubReport, scrubText, scrubUrl, subtract, wholeWords } from '../../src/content/redact';
import { validReport } from '../../src/background/validate';
import type { Report } from '../../src/engine/types';
import { sanitisedExcerpt } from '../../src/report/sanitise';
import { control, report, surface } from './background-fakes';

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
    const span = page('<span title="Tom &amp; Jerry">Tom &amp; Jerry</span>').body.firstElementChild!;
    expect(sanitisedExcerpt(span, { text: (t) => scrubText(t, ['Tom & Jerry']) })).toBe(`<span title="${REDACTED}">${REDACTED}</span>`);
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

describe('names as whole words', () => {
  const scrub = (text: string, name: string): string => scrubText(text, [name]);
  it.each([
    // [name, text, expected]
    ['Al', 'Al: Allow Alan, also small Sal, AL and al.', `${REDACTED}: Allow Alan, also small Sal, ${REDACTED} and ${REDACTED}.`],
    ['Al', 'Al2 and 2Al and _Al_', `Al2 and 2Al and _${REDACTED}_`],
    ['Eve', 'Every Steve, Evelyn and Eve’s eve', `Every Steve, Evelyn and ${REDACTED}’s ${REDACTED}`],
    ['Dan', 'Danger: Jordan, Dana, Dan.', `Danger: Jordan, Dana, ${REDACTED}.`],
    ['Jean-Luc', 'Jean-Lucas, Jean-Luc, Jean-Luc’s', `Jean-Lucas, ${REDACTED}, ${REDACTED}’s`],
    ['Zoë', 'Zoëlle and Zoë', `Zoëlle and ${REDACTED}`],
    // A combining mark after the name makes it a longer word (René written as Rene + U+0301).
    ['Rene', 'Rene\u0301 and Rene', `Rene\u0301 and ${REDACTED}`],
    ['José', 'Josédio, José!', `Josédio, ${REDACTED}!`],
    ['Alex Rivera', 'Alex  Rivera and Alex\nRivera, not Alex Riveras', `${REDACTED} and ${REDACTED}, not Alex Riveras`],
    // Scripts without spaces between words: the name as it is, also inside a run of text.
    ['田中太郎', 'こんにちは田中太郎さん、田中さん', `こんにちは${REDACTED}さん、田中さん`],
    ['김철수', '김철수님, 김철', `${REDACTED}님, 김철`],
    ['王芳', '王芳的设置', `${REDACTED}的设置`],
  ])('%s in %j', (name, text, want) => {
    expect(scrub(text, name)).toBe(want);
  });

  it('builds one pattern for several names, longest first', () => {
    expect('Al Alex Rivera Allow'.replace(wholeWords(['Al', 'Alex Rivera'])!, '#')).toBe('# # Allow');
    expect(wholeWords([' ', ''])).toBeNull();
  });
});

describe('a scrubbed report', () => {
  const full = (): Report =>
    report({
      title: 'Claude — Al',
      target: 'https://claude.ai/u/Al/settings?name=Al%20Small',
      url: 'https://claude.ai/u/Al/settings?name=Al%20Small',
      controls: [
        control({
          id: 'on',
          label: 'Al, help improve Claude',
          description: 'Turn on to allow small models to train on your chats, Al.',
          state: 'on',
          findings: [
            { id: 'small-target', severity: 'medium', message: '', measured: { widthPx: 23, heightPx: 16, minimumPx: 24 }, refs: [] },
            { id: 'preselected', severity: 'high', message: '', measured: { state: 'on', surface: 'terms-update' }, refs: [] },
            { id: 'vague-label', severity: 'low', message: '', measured: { label: 'Al on' }, refs: [] },
          ],
          surfaceId: 'id',
        }),
        control({ id: 'c2', kind: 'checkbox', purpose: 'other', state: 'off', surfaceId: 'id', label: 'small print' }),
      ],
      surfaces: [
        surface({
          id: 'id',
          title: 'Al, we updated our terms',
          primaryAction: { label: 'Accept, Al', box: { x: 1, y: 2, width: 3, height: 4 } },
          findings: [{ id: 'bundled-consent', severity: 'high', message: '', measured: { action: 'Accept, Al', trainingState: 'on' }, refs: [] }],
        }),
      ],
      deadline: { date: '2025-10-08', text: 'Al, decide by October 8', source: 'page' },
      error: 'Al: nothing',
    });

  it.each([['Al'], ['on'], ['id'], ['small'], ['claude'], ['target'], ['switch'], ['terms'], ['high'], ['medium'], ['page'], ['Claude Al']])(
    'still validates, with its ids, kinds, states and numbers as they were, for the name %j',
    (name) => {
      const r = full();
      const out = scrubReport(r, [name]);
      expect(validReport(out, 'https://claude.ai/new'), 'the report validator takes it').not.toBeNull();
      expect(out.schema).toBe(r.schema);
      expect(out.service).toBe(r.service);
      expect(out.scannedAt).toBe(r.scannedAt);
      expect(out.viewport).toEqual(r.viewport);
      expect(out.engine).toEqual(r.engine);
      expect(out.controls.map((c) => [c.id, c.kind, c.purpose, c.state, c.surfaceId, c.box])).toEqual(r.controls.map((c) => [c.id, c.kind, c.purpose, c.state, c.surfaceId, c.box]));
      const findings = (x: Report) => [...x.controls, ...x.surfaces].flatMap((o) => o.findings.map((f) => [f.id, f.severity, f.refs, f.measured.state, f.measured.surface, f.measured.trainingState, f.measured.widthPx]));
      expect(findings(out)).toEqual(findings(r));
      expect(out.surfaces.map((x) => [x.id, x.kind, x.box, x.primaryAction?.box])).toEqual(r.surfaces.map((x) => [x.id, x.kind, x.box, x.primaryAction?.box]));
      expect([out.deadline?.date, out.deadline?.source]).toEqual(['2025-10-08', 'page']);
      expect(new URL(out.url).origin).toBe('https://claude.ai');
    },
  );

  it('rewrites the free text: labels, descriptions, titles, the deadline’s text, the error, quoted page text, the URL after its origin', () => {
    const out = scrubReport(full(), ['Al']);
    expect(out.title).toBe(`Claude — ${REDACTED}`);
    expect(out.url).toBe(`https://claude.ai/u/${REDACTED}/settings?name=${REDACTED}%20Small`);
    expect(out.target).toBe(out.url);
    expect(out.controls[0]!.label).toBe(`${REDACTED}, help improve Claude`);
    expect(out.controls[0]!.description).toBe(`Turn on to allow small models to train on your chats, ${REDACTED}.`);
    expect(out.controls[0]!.findings[2]!.measured.label).toBe(`${REDACTED} on`);
    expect(out.surfaces[0]!.title).toBe(`${REDACTED}, we updated our terms`);
    expect(out.surfaces[0]!.primaryAction!.label).toBe(`Accept, ${REDACTED}`);
    expect(out.surfaces[0]!.findings[0]!.measured.action).toBe(`Accept, ${REDACTED}`);
    expect(out.deadline!.text).toBe(`${REDACTED}, decide by October 8`);
    expect(out.error).toBe(`${REDACTED}: nothing`);
    expect(JSON.stringify(out)).not.toMatch(/\bAl\b/);
  });

  it('treats a field it does not know as text', () => {
    const out = scrubReport({ ...full(), extra: { note: 'Al was here', n: 1 } } as Report, ['Al']);
    expect((out as unknown as { extra: unknown }).extra).toEqual({ note: `${REDACTED} was here`, n: 1 });
  });

  it('a URL keeps its origin, even when the name is the host’s', () => {
    expect(scrubUrl('https://claude.ai/claude/x?u=claude', ['claude'])).toBe(`https://claude.ai/${REDACTED}/x?u=${REDACTED}`);
    expect(scrubUrl('https://x.example/p?n=Alex+Rivera&m=Alex%20Rivera', ['Alex Rivera'])).toBe(`https://x.example/p?n=${REDACTED}&m=${REDACTED}`);
    expect(scrubUrl('not a url, Al', ['Al'])).toBe(`not a url, ${REDACTED}`);
  });
});

describe('the text budget', () => {
  it('says the search is incomplete when it stops before the last text', () => {
    const doc = page(Array.from({ length: 30 }, (_, i) => `<p>text ${i}</p>`).join(''));
    expect(findRedactions(doc, { avatars: [], names: ['Alex Rivera'] }, [], 1000).complete).toBe(true);
    expect(findRedactions(doc, { avatars: [], names: ['Alex Rivera'] }, [], 10).complete).toBe(false);
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
