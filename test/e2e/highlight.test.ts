/**
 * The content script's highlight and the badge, with the built extension in Chromium and the
 * fixtures served under the services' real host names (so the manifest's match patterns apply).
 *
 * Overlay contract: one element without attributes on <html> with a closed shadow root (read
 * through DevTools, see src/cli/overlay-reader.ts); per AI-training control C: a `.mark`
 * (position: fixed, over the visible control) and a `.callout` (data-state, its words as
 * generated content, `turn-off` / `show-me` / `dismiss` buttons, a `.result`). Nothing is drawn
 * when there is no AI-training control.
 */
import { describe, expect, it } from 'vitest';
import {
  clickOverlay,
  lateTiming,
  overlayState,
  rectDistance,
  rectOf,
  useE2E,
  waitFor,
  type OverlayState,
} from '../helpers/extension';
import { NEGATIVES, PAGES } from '../helpers/https-server';
import type { Page } from 'playwright-core';

const e2e = useE2E();

/** The page's settle time (the audit CLI's default --settle): a late dialog must be highlighted within it. */
const SETTLE_MS = 500;
const hasMark = (s: OverlayState): boolean => s.marks.length > 0;
const marked = (page: Page): Promise<OverlayState> => waitFor(() => overlayState(page), hasMark);

async function expectMarkOver(page: Page, switchSelector: string): Promise<OverlayState> {
  const state = await marked(page);
  expect(state.hosts, 'exactly one overlay host').toBe(1);
  expect(state.closed, 'the overlay host has a closed shadow root').toBe(true);
  expect(state.attributes, 'the overlay host has no attributes').toEqual([]);
  expect(state.marks).toHaveLength(1);
  const target = await rectOf(page, switchSelector);
  // The mark may settle on the next frame; poll its position for a moment.
  const mark = await waitFor(
    async () => (await overlayState(page)).marks[0]!.rect,
    (r) => rectDistance(r, target) <= 2,
    2_000,
  );
  expect(rectDistance(mark, target), `mark ${JSON.stringify(mark)} vs switch ${JSON.stringify(target)}`).toBeLessThanOrEqual(2);
  return state;
}

describe('highlight on the services', () => {
  it('outlines the pre-set switch in the Claude terms dialog and explains it in a callout', async () => {
    const { page, tabId } = await e2e.open(PAGES.claudeDialog);
    const state = await expectMarkOver(page, '[role="dialog"] button[role="switch"]');
    const id = state.marks[0]!.id;
    const report = await waitFor(() => e2e.ext.tabReport(tabId), (r) => r !== null);
    const control = report?.controls.find((c) => c.id === id);
    expect(control, `mark ${id} names a control of the tab's report`).toBeTruthy();
    expect(control!.purpose).toBe('ai-training');

    const callout = state.callouts.find((c) => c.id === id);
    expect(callout, 'a callout for the marked control').toBeTruthy();
    expect(callout!.state).toBe('on');
    expect(callout!.text).toContain('Pre-set to ON');
    expect(callout!.text).toMatch(/28×16 px switch/);
    expect(callout!.text).toMatch(/Accept button is \d+× larger/);
    expect(callout!.actions).toEqual(expect.arrayContaining(['turn-off', 'show-me', 'dismiss']));
    // Our buttons take real pointer events above the page's modal backdrop.
    await clickOverlay(page, id, 'show-me');
    const shown = await waitFor(() => overlayState(page), (s) => s.callouts.some((c) => c.id === id && c.result !== ''));
    expect(shown.callouts.find((c) => c.id === id)?.result).not.toBe('');
    await page.close();
  });

  it('sets the badge to ON on the Claude dialog and OFF on the Claude settings page with the switch off', async () => {
    const dialog = await e2e.open(PAGES.claudeDialog);
    expect(await waitFor(() => e2e.ext.badgeText(dialog.tabId), (t) => t !== '')).toBe('ON');
    const settings = await e2e.open(PAGES.claudeSettings);
    expect(await waitFor(() => e2e.ext.badgeText(settings.tabId), (t) => t !== '')).toBe('OFF');
    const state = await marked(settings.page);
    expect(state.callouts[0]?.state).toBe('off');
    expect(state.callouts[0]?.actions ?? []).not.toContain('turn-off'); // only offered when on
    await dialog.page.close();
    await settings.page.close();
  });

  it('highlights a dialog inserted late, within the settle time of the insertion', async () => {
    const { page } = await e2e.open(PAGES.claudeLate, { timing: true });
    const timing = await waitFor(() => lateTiming(page), (t) => t.markAt !== null, 10_000);
    expect(timing.dialogAt, 'the fixture inserted its dialog').not.toBeNull();
    expect(timing.markAt, 'the late dialog was highlighted').not.toBeNull();
    const latency = timing.markAt! - timing.dialogAt!;
    console.info(`[e2e] late dialog highlighted ${latency.toFixed(1)} ms after insertion`);
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThanOrEqual(SETTLE_MS);
    await expectMarkOver(page, '[role="dialog"] button[role="switch"]');
    await page.close();
  });

  it('outlines ChatGPT\'s "Improve the model for everyone" switch (chatgpt.com and chat.openai.com)', async () => {
    for (const ref of [PAGES.chatgpt, PAGES.chatOpenai]) {
      const { page, tabId } = await e2e.open(ref);
      await expectMarkOver(page, '[role="dialog"] button[role="switch"][aria-labelledby="improve-model-label"]');
      expect(await waitFor(() => e2e.ext.badgeText(tabId), (t) => t !== '')).toBe('ON');
      await page.close();
    }
  });

  it('still draws the overlay on a page with a strict Content-Security-Policy', async () => {
    const { page } = await e2e.open(PAGES.claudeCsp);
    // The policy is in force: default-src 'none' refuses even a data: image (no network involved).
    const verdict = await page.evaluate(
      () =>
        new Promise<string>((done) => {
          document.addEventListener('securitypolicyviolation', (e) => done(`blocked by ${e.effectiveDirective}`), { once: true });
          const img = new Image();
          img.onload = () => done('loaded');
          img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        }),
    );
    expect(verdict).toBe('blocked by img-src');
    await expectMarkOver(page, '[role="dialog"] button[role="switch"]');
    await page.close();
  });
});

describe('no highlight where there is nothing to show', () => {
  it('draws nothing and leaves the badge empty on pages with toggles but no AI-training control', async () => {
    const opened = [];
    for (const ref of Object.values(NEGATIVES)) opened.push({ ref, ...(await e2e.open(ref)) });
    for (const { ref, page, tabId } of opened) {
      // The content script has scanned and reported (an empty report).
      const report = await waitFor(() => e2e.ext.tabReport(tabId), (r) => r !== null);
      expect(report, `${ref.host}${ref.path}: no report from the content script`).not.toBeNull();
      expect(report!.controls.filter((c) => c.purpose === 'ai-training'), `${ref.host}${ref.path}`).toEqual([]);
      const state = await overlayState(page);
      expect(state.marks, `${ref.host}${ref.path}: marks`).toEqual([]);
      expect(state.callouts, `${ref.host}${ref.path}: callouts`).toEqual([]);
      expect(await e2e.ext.badgeText(tabId), `${ref.host}${ref.path}: badge`).toBe('');
      await page.close();
    }
  });

  it('does not run at all on a host the manifest does not match (example-chat.test)', async () => {
    const other = await e2e.open(PAGES.unmatched);
    // The same page on claude.ai, opened after it, is scanned and reported: by then the content
    // script would have run on example-chat.test too.
    const same = await e2e.open(PAGES.claudeDialog);
    expect(await waitFor(() => e2e.ext.tabReport(same.tabId), (r) => r !== null)).not.toBeNull();
    await waitFor(() => overlayState(same.page), hasMark, 3_000);
    await other.page.waitForTimeout(300);
    expect((await overlayState(other.page)).hosts).toBe(0);
    expect(await e2e.ext.tabReport(other.tabId)).toBeNull();
    expect(await e2e.ext.badgeText(other.tabId)).toBe('');
    await other.page.close();
    await same.page.close();
  });
});
