/**
 * A capture's order of work with fake browser calls and fake pixels: what the content script is
 * asked and when, the spacing of captureVisibleTab calls, the page always being restored, the
 * record and its manifest, the stamp in the annotated PNG, a full library returned unsaved with
 * a zip, and who may ask for a capture (the popup, the keyboard shortcut, never a page).
 */
import 'fake-indexeddb/auto';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { capture, CAPTURE_GAP_MS, SENTENCES, type CaptureDeps } from '../../src/background/capture';
import { onCommand, routeEvidence } from '../../src/background/evidence-router';
import { EvidenceStoreFullError, openEvidenceStore, type EvidenceStore } from '../../src/background/evidence-store';
import { readTextChunks } from '../../src/report/png-text';
import { parseStampText, STAMP_KEYWORD } from '../../src/report/stamp';
import { sha256Hex } from '../../src/report/sums';
import { BUILTIN_RULES } from '../../src/rules';
import type { CapturePrepareMessage, CaptureResult, Message, StitchLayout } from '../../src/shared/messages';
import type { CaptureTab } from '../../src/background/capture-port';
import { REFS } from '../../src/engine/findings-words';
import { contentSender, control, popupSender, report, surface } from './background-fakes';
import { fakeCapture, fakeImaging, prepared, type FakeCapture } from './evidence-fakes';

let n = 0;
let ids = 0;
const stores: EvidenceStore[] = [];
afterEach(() => {
  while (stores.length) stores.pop()!.close();
});

interface World {
  fake: FakeCapture;
  deps: CaptureDeps;
  store: EvidenceStore;
  sleeps: number[];
  warnings: string[];
  imaging: ReturnType<typeof fakeImaging>;
}

async function world(): Promise<World> {
  const fake = fakeCapture();
  const store = await openEvidenceStore(`capture-test-${++n}`);
  stores.push(store);
  let clock = Date.parse('2025-09-26T12:00:00Z');
  const sleeps: number[] = [];
  const warnings: string[] = [];
  const imaging = fakeImaging();
  const deps: CaptureDeps = {
    port: fake.port,
    rules: BUILTIN_RULES,
    store: async () => store,
    imaging,
    now: () => new Date(clock),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    randomId: () => `id-${n}-${++ids}`,
    warn: (m) => warnings.push(m),
  };
  return { fake, deps, store, sleeps, warnings, imaging };
}

const types = (sent: Message[]): string[] => sent.map((m) => m.type.replace('background→content:capture-', ''));

describe('capture', () => {
  it('prepares, captures the visible tab once, restores the page, and saves a stamped record', async () => {
    const w = await world();
    const result = await capture(w.deps, 7);
    expect(result).toMatchObject({ ok: true, saved: true, method: 'viewport', parts: 1, unsaved: null });
    expect(result.message).toBe('Saved to the evidence library: the visible tab; email masked.');
    expect(types(w.fake.sent)).toEqual(['restore', 'prepare', 'restore', 'notice']);
    expect(w.fake.sent[1]).toEqual({ type: 'background→content:capture-prepare', redact: true, copied: { url: 'https://claude.ai/new', deadline: null } });
    expect(w.fake.captures).toHaveLength(1);
    expect(w.imaging.composed).toEqual([{ frames: 1, masks: 1, height: 800 }]);

    const saved = await w.store.get(result.id!);
    const { record, files } = saved!;
    expect(record.provenance).toMatchObject({
      url: 'https://claude.ai/new',
      capturedAt: '2025-09-26T12:00:00.000Z',
      service: 'claude',
      tool: { name: 'extension', version: '0.1.0' },
      capture: { method: 'viewport', parts: 1 },
      redaction: { enabled: true, masked: ['email'], regions: 1 },
    });
    expect(record.files.map((f) => f.name)).toEqual(['report.json', 'dom.html', 'raw.png', 'annotated.png']);
    for (const f of record.files) expect(await sha256Hex(files[f.name]!)).toBe(f.sha256);
    expect(record.provenance.rawSha256).toBe(await sha256Hex(files['raw.png']!));
    const stamp = parseStampText(readTextChunks(files['annotated.png']!).find((c) => c.keyword === STAMP_KEYWORD)!.text);
    expect(stamp).toEqual({ rawSha256: record.provenance.rawSha256, url: 'https://claude.ai/new', time: '2025-09-26T12:00:00.000Z', service: 'claude', version: '0.1.0' });
    expect(JSON.parse(new TextDecoder().decode(files['report.json']))).toEqual(record.report);
    expect((await w.store.list())[0]?.thumbnail?.type).toBe('image/jpeg');
  });

  it('writes the findings\' sentences itself into the record, its report.json and the annotated picture, over whatever the page sent', async () => {
    const w = await world();
    const sent = report({
      controls: [
        control({
          findings: [
            { id: 'preselected', severity: 'high', message: '', measured: { state: 'on', surface: 'terms-update' }, refs: [] },
            { id: 'small-target', severity: 'medium', message: 'Forged.', measured: { widthPx: 23.3, heightPx: 16, minimumPx: 24, widthPxExact: 23.296875 }, refs: ['forged'] },
          ],
        }),
      ],
      surfaces: [surface({ findings: [{ id: 'forced-choice', severity: 'medium', message: '', measured: { modal: true, dismissOption: false }, refs: [] }] })],
    });
    w.fake.answers['background→content:capture-prepare'] = () => prepared({ report: sent });
    const result = await capture(w.deps, 7);
    const { record, files } = (await w.store.get(result.id!))!;
    const preselected = 'The training switch is already ON before you have chosen anything.';
    const small = 'The switch is only 23.2×16 px; the accessibility minimum for a target is 24×24 px.';
    const forced = 'This dialog blocks the page and offers no way to close it or decide later.';
    expect(record.report.controls[0]!.findings.map((f) => [f.message, f.refs])).toEqual([
      [preselected, REFS.preselected],
      [small, REFS['small-target']],
    ]);
    expect(record.report.surfaces[0]!.findings.map((f) => [f.message, f.refs])).toEqual([[forced, REFS['forced-choice']]]);
    expect(JSON.parse(new TextDecoder().decode(files['report.json']))).toEqual(record.report);
    const annotation = w.imaging.annotations[0]!;
    expect(annotation.marks[0]!.findings).toEqual([
      `[high] ${preselected} (state on, surface terms-update)`,
      `[medium] ${small} (widthPx 23.3, heightPx 16, minimumPx 24)`,
    ]);
    expect(annotation.lines).toContain(`Updates to Consumer Terms and Policies: ${forced}`);
  });

  it('does not mask when redaction is off, and says so', async () => {
    const w = await world();
    await w.store.setSettings({ redact: false });
    const result = await capture(w.deps, 7);
    expect(w.fake.sent[1]).toEqual({ type: 'background→content:capture-prepare', redact: false, copied: { url: 'https://claude.ai/new', deadline: null } });
    expect(w.imaging.composed[0]!.masks).toBe(0);
    expect(result.message).toMatch(/redaction off/);
    expect((await w.store.get(result.id!))!.record.provenance.redaction).toEqual({ enabled: false, masked: [], regions: 0 });
  });

  it('takes an email address out of the tab’s URL when redaction is on (provenance, stamp, report), and keeps it when off', async () => {
    const url = 'https://claude.ai/settings?authuser=jane.doe%40example.com&x=1';
    const urlPlain = 'https://claude.ai/u/jane.doe@example.com/settings';
    const stampUrl = (files: Record<string, Uint8Array>) => parseStampText(readTextChunks(files['annotated.png']!).find((c) => c.keyword === STAMP_KEYWORD)!.text)?.url;
    for (const [tabUrl, want] of [
      [url, 'https://claude.ai/settings?authuser=[redacted]&x=1'],
      [urlPlain, 'https://claude.ai/u/[redacted]/settings'],
    ] as const) {
      const w = await world();
      w.fake.tab = { ...w.fake.tab, url: tabUrl };
      w.fake.answers['background→content:capture-prepare'] = () => prepared({ report: report({ url: tabUrl }) });
      const result = await capture(w.deps, 7);
      expect(result.saved, result.message).toBe(true);
      const { record, files } = (await w.store.get(result.id!))!;
      expect(record.provenance.url).toBe(want);
      expect(stampUrl(files)).toBe(want);
      expect(record.report.url).toBe(want);
      expect(JSON.stringify(record)).not.toContain('jane.doe');
      // The service is still known from the real URL.
      expect(record.provenance.service).toBe('claude');
    }
    const w = await world();
    await w.store.setSettings({ redact: false });
    w.fake.tab = { ...w.fake.tab, url };
    w.fake.answers['background→content:capture-prepare'] = () => prepared({ report: report({ url }) });
    const result = await capture(w.deps, 7);
    const { record, files } = (await w.store.get(result.id!))!;
    expect(record.provenance.url).toBe(url);
    expect(stampUrl(files)).toBe(url);
  });

  it('stitches a scrolling dialog: one capture per step, at most two a second, then restores', async () => {
    const w = await world();
    const layout: StitchLayout = {
      mode: 'inside',
      dialog: { x: 400, y: 100, width: 500, height: 600 },
      band: { x: 432, y: 200, width: 436, height: 400 },
      contentHeight: 1000,
      maxScroll: 600,
      scrollAtScan: 0,
      moving: [],
    };
    w.fake.answers['background→content:capture-prepare'] = () => prepared({ stitch: layout });
    w.fake.answers['background→content:capture-scroll'] = (m) => ({ scroll: (m as { to: number }).to, regions: [], redactionComplete: true });
    const result = await capture(w.deps, 7);
    expect(result).toMatchObject({ saved: true, method: 'stitched', parts: 3 });
    expect(types(w.fake.sent)).toEqual(['restore', 'prepare', 'scroll', 'scroll', 'scroll', 'restore', 'notice']);
    expect(w.fake.sent.filter((m) => m.type === 'background→content:capture-scroll').map((m) => (m as { to: number }).to)).toEqual([0, 400, 600]);
    expect(w.fake.captures).toHaveLength(3);
    // The clock does not move on its own here, so every later capture waits a full gap.
    expect(w.sleeps).toEqual([CAPTURE_GAP_MS, CAPTURE_GAP_MS]);
    expect(w.imaging.composed).toEqual([{ frames: 3, masks: 0, height: 1200 }]);
  });

  it('tries once more, a second later, when the browser says it was asked too often', async () => {
    const w = await world();
    w.fake.failCapture = (k) => (k === 1 ? new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.') : null);
    const result = await capture(w.deps, 7);
    expect(result.saved).toBe(true);
    expect(w.fake.captures).toHaveLength(2);
    expect(w.sleeps[0]).toBe(1000);
  });

  it('puts the page back even when the capture fails, and says why in plain words', async () => {
    const w = await world();
    w.fake.failCapture = () => new Error("Either the '<all_urls>' or 'activeTab' permission is required.");
    const result = await capture(w.deps, 7);
    expect(result).toMatchObject({ ok: false, saved: false, message: SENTENCES.notAllowed });
    expect(types(w.fake.sent)).toEqual(['restore', 'prepare', 'restore', 'notice']);
    expect(await w.store.list()).toEqual([]);
  });

  it('loads the capture code once our content script has answered, before asking it to prepare, and stops in plain words when the browser refuses', async () => {
    const w = await world();
    expect((await capture(w.deps, 7)).saved).toBe(true);
    expect(w.fake.injected).toEqual([1]);
    expect(types(w.fake.sent).slice(0, 2)).toEqual(['restore', 'prepare']);
    const sentBefore = w.fake.sent.length;
    w.fake.failInject = () => new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.');
    const result = await capture(w.deps, 7);
    expect(result).toMatchObject({ ok: false, saved: false, message: SENTENCES.notAllowed });
    // The page was asked nothing beyond the opening restore: nothing to put back.
    expect(types(w.fake.sent.slice(sentBefore))).toEqual(['restore']);
    expect(w.fake.injected).toEqual([1]);
    expect(w.fake.captures).toHaveLength(1);
    w.fake.failInject = () => new Error('No tab with id: 7.');
    expect((await capture(w.deps, 7)).message).toBe(SENTENCES.tabGone);
  });

  it('refuses a tab that is not in front, one it cannot see, and a page without our content script', async () => {
    const w = await world();
    w.fake.tab = { ...w.fake.tab, active: false };
    expect((await capture(w.deps, 7)).message).toBe(SENTENCES.notFront);
    w.fake.tab = { ...w.fake.tab, active: true, url: null };
    expect((await capture(w.deps, 7)).message).toBe(SENTENCES.notAllowed);
    w.fake.tab = { ...w.fake.tab, url: 'https://example.org/' };
    w.fake.answers = {};
    expect((await capture(w.deps, 7)).message).toBe(SENTENCES.notOurs);
    // A page where our content script does not run gets no capture code either.
    expect(w.fake.injected).toEqual([]);
    expect((await capture(w.deps, 99)).message).toBe(SENTENCES.tabGone);
    expect(w.fake.captures).toHaveLength(0);
  });

  it('does not trust a report about another site, nor odd numbers from the page', async () => {
    const w = await world();
    w.fake.answers['background→content:capture-prepare'] = () => prepared({ report: report({ url: 'https://evil.example/' }) });
    expect((await capture(w.deps, 7)).message).toBe(SENTENCES.badAnswer);
    w.fake.answers['background→content:capture-prepare'] = () => ({ ...prepared(), viewport: { width: 1e9, height: 800, devicePixelRatio: 1 } });
    expect((await capture(w.deps, 7)).message).toBe(SENTENCES.badAnswer);
    expect(w.fake.captures).toHaveLength(0);
    // The overlay it may have hidden is shown again.
    expect(types(w.fake.sent)).toContain('restore');
  });

  it('returns a capture the library cannot take as a zip to download, and says why', async () => {
    const w = await world();
    w.deps.store = async () => ({
      ...w.store,
      add: async () => {
        throw new EvidenceStoreFullError(new DOMException('quota', 'QuotaExceededError'));
      },
      settings: async () => ({ redact: true }),
    });
    const result: CaptureResult = await capture(w.deps, 7);
    expect(result).toMatchObject({ ok: true, saved: false });
    expect(result.message).toMatch(/full, so this capture was not saved.*download it instead/i);
    expect(result.unsaved?.fileName).toMatch(/^consent-lens-claude-2025-09-26T12-00-00Z-id-\d+-\d+\.zip$/);
    const zip = unzipSync(new Uint8Array(Buffer.from(result.unsaved!.zipBase64, 'base64')));
    expect(Object.keys(zip).sort()).toEqual(['SHA256SUMS', 'annotated.png', 'dom.html', 'raw.png', 'record.json', 'report.html', 'report.json']);
    // The page hears it too (the keyboard shortcut has no popup).
    const notice = w.fake.sent.at(-1) as { type: string; ok: boolean; message: string };
    expect(notice).toMatchObject({ type: 'background→content:capture-notice', ok: false });
    expect(notice.message).toBe(result.message);
  });

  it('fills in the deadline the background read for the tab', async () => {
    const w = await world();
    await w.fake.session.set({ 'tab:7': { at: '2025-09-26T11:59:00Z', report: report({ deadline: { date: '2025-10-08', text: 'October 8, 2025', source: 'page' } }) } });
    const result = await capture(w.deps, 7);
    expect((await w.store.get(result.id!))!.record.report.deadline).toEqual({ date: '2025-10-08', text: 'October 8, 2025', source: 'page' });
  });
});

describe('redaction fails closed', () => {
  const stitched: StitchLayout = {
    mode: 'inside',
    dialog: { x: 400, y: 100, width: 500, height: 600 },
    band: { x: 432, y: 200, width: 436, height: 400 },
    contentHeight: 1000,
    maxScroll: 600,
    scrollAtScan: 0,
    moving: [],
  };

  it('stores nothing, takes no picture and says so when the page could not search all of itself for the account', async () => {
    const w = await world();
    w.fake.answers['background→content:capture-prepare'] = () => prepared({ redactionComplete: false });
    const result = await capture(w.deps, 7);
    expect(result).toMatchObject({ ok: false, saved: false, id: null, why: 'redactionIncomplete', message: SENTENCES.redactionIncomplete, unsaved: null });
    expect(result.message).toMatch(/^Redaction is incomplete/);
    expect(w.fake.captures).toHaveLength(0);
    expect(await w.store.list()).toEqual([]);
    // The page is put back and hears why.
    expect(types(w.fake.sent)).toEqual(['restore', 'prepare', 'restore', 'notice']);
    expect(w.fake.sent.at(-1)).toMatchObject({ ok: false, message: SENTENCES.redactionIncomplete });
  });

  it('stops a stitched capture whose later part could not be searched, and stores nothing', async () => {
    const w = await world();
    w.fake.answers['background→content:capture-prepare'] = () => prepared({ stitch: stitched });
    w.fake.answers['background→content:capture-scroll'] = (m) => {
      const to = (m as { to: number }).to;
      return { scroll: to, regions: [], redactionComplete: to < 400 };
    };
    const result = await capture(w.deps, 7);
    expect(result).toMatchObject({ ok: false, saved: false, why: 'redactionIncomplete' });
    expect(w.fake.captures).toHaveLength(1);
    expect(await w.store.list()).toEqual([]);
    expect(types(w.fake.sent)).toEqual(['restore', 'prepare', 'scroll', 'scroll', 'restore', 'notice']);
  });

  it('with redaction off there is nothing to complete', async () => {
    const w = await world();
    await w.store.setSettings({ redact: false });
    w.fake.answers['background→content:capture-prepare'] = () => prepared({ redactionComplete: false });
    expect((await capture(w.deps, 7)).saved).toBe(true);
  });

  it('scrubs what it copies into the record itself: the deadline it read and the tab’s URL come back from the page scrubbed', async () => {
    const w = await world();
    const tabUrl = 'https://claude.ai/project/Alex-Rivera/chat?u=Alex%20Rivera';
    w.fake.tab = { ...w.fake.tab, url: tabUrl };
    await w.fake.session.set({ 'tab:7': { at: '2025-09-26T11:59:00Z', report: report({ url: tabUrl, deadline: { date: '2025-10-08', text: 'Alex Rivera, decide by October 8, 2025', source: 'page' } }) } });
    let asked: CapturePrepareMessage['copied'] | null = null;
    w.fake.answers['background→content:capture-prepare'] = (m) => {
      asked = (m as CapturePrepareMessage).copied;
      // What the page does (capture-session.ts): the same values out of these texts as out of the report.
      const scrub = (t: string) => t.replace(/Alex(-| |%20)Rivera/g, '[redacted]');
      return prepared({
        report: report({ url: scrub(tabUrl), target: scrub(tabUrl) }),
        copied: { url: scrub(asked.url), deadline: asked.deadline === null ? null : scrub(asked.deadline) },
      });
    };
    const result = await capture(w.deps, 7);
    expect(result.saved, result.message).toBe(true);
    expect(asked).toEqual({ url: tabUrl, deadline: 'Alex Rivera, decide by October 8, 2025' });
    const { record, files } = (await w.store.get(result.id!))!;
    expect(record.report.deadline).toEqual({ date: '2025-10-08', text: '[redacted], decide by October 8, 2025', source: 'page' });
    const want = 'https://claude.ai/project/[redacted]/chat?u=[redacted]';
    expect(record.provenance.url).toBe(want);
    expect(record.report.url).toBe(want);
    expect(parseStampText(readTextChunks(files['annotated.png']!).find((c) => c.keyword === STAMP_KEYWORD)!.text)?.url).toBe(want);
    expect(w.imaging.annotations[0]!.lines.join('\n')).not.toContain('Alex');
    for (const text of [JSON.stringify(record), new TextDecoder().decode(files['report.json'])]) expect(text).not.toMatch(/Alex/);
  });

  it('does not trust copied texts that name another site', async () => {
    const w = await world();
    w.fake.answers['background→content:capture-prepare'] = () => prepared({ copied: { url: 'https://evil.example/new', deadline: null } });
    expect((await capture(w.deps, 7)).message).toBe(SENTENCES.badAnswer);
    expect(await w.store.list()).toEqual([]);
  });
});

describe('a capture is only ever of the tab it started on', () => {
  const stitched: StitchLayout = {
    mode: 'inside',
    dialog: { x: 400, y: 100, width: 500, height: 600 },
    band: { x: 432, y: 200, width: 436, height: 400 },
    contentHeight: 1000,
    maxScroll: 600,
    scrollAtScan: 0,
    moving: [],
  };

  it.each([
    ['another tab comes to the front', (t: CaptureTab): CaptureTab => ({ ...t, active: false })],
    ['the page goes to another address', (t: CaptureTab): CaptureTab => ({ ...t, url: 'https://claude.ai/chat/other' })],
    ['the tab moves to another window', (t: CaptureTab): CaptureTab => ({ ...t, windowId: 2 })],
  ])('a stitched capture stops before the next part when %s, says so, and stores nothing', async (_, change) => {
    const w = await world();
    w.fake.answers['background→content:capture-prepare'] = () => prepared({ stitch: stitched });
    w.fake.answers['background→content:capture-scroll'] = (m) => {
      const to = (m as { to: number }).to;
      if (to === 400) w.fake.tab = change(w.fake.tab);
      return { scroll: to, regions: [], redactionComplete: true };
    };
    const result = await capture(w.deps, 7);
    expect(result).toMatchObject({ ok: false, saved: false, why: 'pageChanged', message: SENTENCES.pageChanged });
    expect(w.fake.captures).toHaveLength(1);
    expect(w.imaging.composed).toEqual([]);
    expect(await w.store.list()).toEqual([]);
    expect(types(w.fake.sent)).toEqual(['restore', 'prepare', 'scroll', 'scroll', 'restore', 'notice']);
  });

  it('a picture taken while the tab was switched is not kept either (checked after the last part)', async () => {
    const w = await world();
    w.fake.failCapture = () => {
      w.fake.tab = { ...w.fake.tab, active: false };
      return null;
    };
    const result = await capture(w.deps, 7);
    expect(result).toMatchObject({ saved: false, why: 'pageChanged' });
    expect(await w.store.list()).toEqual([]);
  });
});

describe('who may ask', () => {
  it('the popup may; a content script (a page) may not', async () => {
    const w = await world();
    expect(routeEvidence({ type: 'popup→background:capture', tabId: 7 }, contentSender(7, 'https://claude.ai/new'), w.deps)).toBeUndefined();
    expect(routeEvidence({ type: 'options→background:evidence-delete', id: 'x' }, contentSender(7, 'https://claude.ai/new'), w.deps)).toBeUndefined();
    expect(routeEvidence({ type: 'popup→background:get-tab', tabId: 7 }, popupSender(), w.deps)).toBeUndefined(); // router.ts's
    const result = (await routeEvidence({ type: 'popup→background:capture', tabId: 7 }, popupSender(), w.deps)) as CaptureResult;
    expect(result.saved).toBe(true);
    expect(await routeEvidence({ type: 'options→background:evidence-delete', id: result.id! }, popupSender(), w.deps)).toEqual({ ok: true, existed: true, message: 'The capture was deleted.' });
    expect(await routeEvidence({ type: 'options→background:evidence-settings', settings: { redact: false, extra: 1 } as never }, popupSender(), w.deps)).toEqual({ redact: false });
  });

  it('the keyboard shortcut captures the tab it was pressed on, or the active one', async () => {
    const w = await world();
    expect(await onCommand(w.deps, 'something-else', { id: 7 })).toBeNull();
    expect((await onCommand(w.deps, 'capture-evidence', { id: 7 }))?.saved).toBe(true);
    expect((await onCommand(w.deps, 'capture-evidence', undefined))?.saved).toBe(true);
    expect(await w.store.list()).toHaveLength(2);
  });
});
