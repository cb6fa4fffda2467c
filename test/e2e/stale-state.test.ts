/**
 * The popup and badge match what is on screen (src/content/index.ts, watchNavigation): the
 * content script sends its report again when the page moves to another URL by the History API
 * or a hash change, with no DOM change that would make it scan. (The back/forward cache restore
 * is test/unit/content-start.test.ts's: Chromium keeps no page that uses extension messaging in
 * that cache — DevTools' Page.backForwardCacheNotUsed names EmbedderExtensionMessaging — so only
 * Firefox restores one.)
 */
import { describe, expect, it } from 'vitest';
import { useE2E, waitFor } from '../helpers/extension';
import { PAGES } from '../helpers/https-server';
import { TAB_KEY } from '../../src/shared/storage-schema';
import type { Report } from '../../src/engine/types';

const e2e = useE2E();

/** The report the background keeps for a tab (what the popup shows). */
async function tabReport(tabId: number): Promise<Report | null> {
  const w = await e2e.ext.worker();
  return w.evaluate(async (key) => {
    const chrome = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, { report: Report } | undefined>> } } } }).chrome;
    return (await chrome.storage.session.get(key))[key]?.report ?? null;
  }, TAB_KEY(tabId));
}

describe('the report follows the page', () => {
  it('pushState and replaceState to another URL, with no DOM change: the report is sent again for it', async () => {
    const visit = await e2e.open(PAGES.claudeDialog);
    await waitFor(() => tabReport(visit.tabId), (r) => r?.url === visit.url);
    await visit.page.evaluate(() => history.pushState({}, '', '/new?step=2'));
    expect((await waitFor(() => tabReport(visit.tabId), (r) => !!r?.url.endsWith('/new?step=2')))?.url).toMatch(/\/new\?step=2$/);
    await visit.page.evaluate(() => history.replaceState({}, '', '/new?step=3'));
    expect((await waitFor(() => tabReport(visit.tabId), (r) => !!r?.url.endsWith('/new?step=3')))?.url).toMatch(/\/new\?step=3$/);
    await visit.page.close();
  });

  it('a hash change: the report is sent again for the new URL', async () => {
    const visit = await e2e.open(PAGES.claudeDialog);
    await waitFor(() => tabReport(visit.tabId), (r) => r?.url === visit.url);
    await visit.page.evaluate(() => {
      location.hash = 'review';
    });
    expect((await waitFor(() => tabReport(visit.tabId), (r) => !!r?.url.endsWith('#review')))?.url).toMatch(/#review$/);
    await visit.page.close();
  });
});
