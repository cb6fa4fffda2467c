/**
 * The highlight over a page's life: Show me on a hidden control, dismissing a callout and a new
 * dialog bringing it back, and the extension being reloaded under an open page.
 */
import { describe, expect, it } from 'vitest';
import { clickOverlay, overlayState, useE2E, waitFor, type OverlayState } from '../helpers/extension';
import { PAGES } from '../helpers/https-server';
import type { Page } from 'playwright-core';

const e2e = useE2E();
const hasMark = (s: OverlayState): boolean => s.marks.length > 0;
/** A real click on the first callout's button. */
const press = (page: Page, name: string): Promise<void> => clickOverlay(page, null, name);

describe('over a page’s life', () => {
  it('pins a hidden control to its dialog, and Show me opens the section that hides it', async () => {
    const { page } = await e2e.open(PAGES.claudeHidden);
    const before = await waitFor(() => overlayState(page), hasMark);
    const dialog = await page.locator('[role="dialog"]').first().boundingBox();
    // Pinned: the mark outlines the dialog, since the checkbox itself cannot be seen.
    expect(Math.abs(before.marks[0]!.rect.width - dialog!.width)).toBeLessThanOrEqual(2);
    expect(before.callouts[0]!.text).toMatch(/hidden/i);
    expect(await page.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

    await press(page, 'show-me');
    expect(await page.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const after = await waitFor(
      () => overlayState(page),
      (s) => s.marks.length > 0 && s.marks[0]!.rect.width < 40,
    );
    const box = await page.locator('details input[type="checkbox"]').boundingBox();
    expect(Math.abs(after.marks[0]!.rect.x - box!.x)).toBeLessThanOrEqual(2);
    expect(after.callouts[0]!.result).toMatch(/opened/i);
  });

  it('dismisses the callout for this dialog; a new dialog brings it back', async () => {
    const { page } = await e2e.open(PAGES.claudeDialog);
    await waitFor(() => overlayState(page), hasMark);
    await press(page, 'dismiss');
    const gone = await waitFor(() => overlayState(page), (s) => s.marks.length === 0);
    expect(gone.callouts).toHaveLength(0);
    // The app closes the dialog and later opens a fresh one (a new element, same markup).
    await page.evaluate(() => {
      const old = document.querySelector('[role="dialog"]')!;
      const fresh = old.cloneNode(true) as Element;
      old.remove();
      document.body.append(fresh);
    });
    const back = await waitFor(() => overlayState(page), hasMark);
    expect(back.callouts[0]!.text).toContain('Pre-set to ON');
  });

  it('when the extension is reloaded under an open page, the old copy stops quietly', async () => {
    const { page } = await e2e.open(PAGES.claudeDialog);
    await waitFor(() => overlayState(page), hasMark);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    const worker = await e2e.ext.worker();
    await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
    // The page keeps changing: the old content script sees it, finds its context gone, and stops.
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      const sw = document.querySelector('[role="dialog"] [role="switch"]')!;
      sw.setAttribute('aria-checked', 'false');
      sw.setAttribute('data-state', 'unchecked');
    });
    const after = await waitFor(() => overlayState(page), (s) => s.hosts === 0, 5_000);
    expect(after.hosts, 'the old overlay is taken down').toBe(0);
    expect(problems).toEqual([]);
    // The page itself still works.
    expect(await page.evaluate(() => document.querySelector('[role="dialog"] h2, [role="dialog"] h1')?.textContent ?? '')).toMatch(/Consumer Terms/);
  });
});
