/**
 * "Check all sites" and the user's own rules, with the built extension in Chromium.
 *
 * HOW THE PERMISSION IS GRANTED HERE. `permissions.request` for host access opens Chrome's
 * permission dialog, which headless Chromium shows but nothing can answer (no keyboard or
 * DevTools access to browser UI; Chromium's auto-confirm is a C++ test hook, and
 * --apps-gallery-install-auto-confirm-for-tests does not cover it). Chrome skips the dialog for
 * hosts the user already allowed in its own extension settings ("Site access" in
 * chrome://extensions, which calls `developerPrivate.addHostPermission`). So each grant below
 * first allows the hosts there — the browser's own UI, as a user would — and then clicks our real
 * switch (a real click, so a real user gesture): our click handler's `permissions.request` runs
 * and resolves true at once, `permissions.onAdded` fires in the worker, and the content script is
 * registered. Revoking is tested both ways: our switch (`permissions.remove`) and the browser's
 * UI (`developerPrivate.removeHostPermission` → `permissions.onRemoved`).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { overlayState, PAGE_SEES_HOST, useE2E, waitFor } from '../helpers/extension';
import { ALL_SITES_PAGES, PAGES } from '../helpers/https-server';
import type { Report } from '../../src/engine/types';

const e2e = useE2E();
const ORIGINS = ['https://*/*', 'http://*/*'];

interface Registered {
  id: string;
  js?: string[];
  matches?: string[];
  excludeMatches?: string[];
}

/** The extension's registered content scripts and the built manifest's static one, read in the worker. */
async function registration(): Promise<{ registered: Registered[]; manifest: { js?: string[]; matches?: string[] } }> {
  const w = await e2e.ext.worker();
  return w.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Registered[]> }; runtime: { getManifest(): { content_scripts?: { js?: string[]; matches?: string[] }[] } } } }).chrome;
    return { registered: await chrome.scripting.getRegisteredContentScripts(), manifest: chrome.runtime.getManifest().content_scripts?.[0] ?? {} };
  });
}

async function granted(): Promise<boolean> {
  const w = await e2e.ext.worker();
  return w.evaluate(
    (origins) => (globalThis as unknown as { chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } } }).chrome.permissions.contains({ origins }),
    ORIGINS,
  );
}

/** chrome://extensions, whose page script may call developerPrivate (the browser's own extension UI). */
async function siteAccess(action: 'addHostPermission' | 'removeHostPermission'): Promise<void> {
  const page = await e2e.ext.context.newPage();
  // The browser's own pages load their own resources; they are not the extension's requests.
  const own = (): void => void e2e.net.take((r) => r.url.startsWith('chrome://') || r.from.startsWith('chrome://'));
  page.on('close', own);
  await page.goto(`chrome://extensions/?id=${e2e.ext.extensionId}`);
  for (const host of ORIGINS) {
    await page.evaluate(
      ([id, h, a]) => (globalThis as unknown as { chrome: { developerPrivate: Record<string, (id: string, h: string) => Promise<void>> } }).chrome.developerPrivate[a]!(id, h),
      [e2e.ext.extensionId, host, action] as const,
    );
  }
  await page.close();
}

async function optionsPage(): Promise<Page> {
  const page = await e2e.ext.context.newPage();
  await page.goto(`chrome-extension://${e2e.ext.extensionId}/src/options/index.html`, { waitUntil: 'load' });
  return page;
}

const trainingCount = (r: Report | null): number => (r?.controls ?? []).filter((c) => c.purpose === 'ai-training').length;

async function settle(page: Page): Promise<void> {
  // The content script scans at the first idle moment (500 ms at most) and reports at once.
  await page.waitForTimeout(1500);
}

const RULE = {
  id: 'lumen',
  name: 'Lumen',
  vendor: 'Lumen Labs',
  hosts: ['example-chat.test'],
  siteNames: ['Lumen'],
  settings: { url: 'https://example-chat.test/settings/data', path: 'Settings › Data › Use my chats to train Lumen models', control: 'Use my chats to train Lumen models' },
  defaultState: 'on',
  phrases: { en: ['train Lumen models'] },
  deadlines: [],
};

describe('check all sites', () => {
  it('nothing runs on a host without a rule until the permission is granted', async () => {
    const { page, tabId } = await e2e.open(ALL_SITES_PAGES.genericTerms);
    await settle(page);
    expect((await overlayState(page)).hosts).toBe(0);
    expect(await e2e.ext.tabReport(tabId)).toBeNull();
    expect(await page.evaluate(PAGE_SEES_HOST), 'nothing was added to <html>').toBe(false);
    expect((await registration()).registered).toEqual([]);
    await page.close();
  });

  it('the popup\'s switch grants it; turning it off there revokes and unregisters, and the page is left alone', async () => {
    await siteAccess('addHostPermission');
    const { page: tab, tabId } = await e2e.open(PAGES.claudeDialog);
    const popup = await e2e.popup(tabId);
    const toggle = popup.getByTestId('all-sites-toggle');
    const note = popup.getByTestId('all-sites-note');
    await toggle.waitFor({ state: 'visible' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    expect(await waitFor(async () => (await note.textContent()) ?? '', (t) => t !== '', 10_000)).toBe(
      'Consent Lens now checks every site you open. Reload tabs that are already open to check them.',
    );
    expect(await toggle.isChecked()).toBe(true);
    await waitFor(registration, (r) => r.registered.length === 1, 10_000);

    const { page } = await e2e.open(ALL_SITES_PAGES.genericTerms);
    await waitFor(() => overlayState(page), (s) => s.marks.length > 0);
    expect((await overlayState(page)).marks).toHaveLength(1);

    await toggle.click();
    expect(await waitFor(async () => (await note.textContent()) ?? '', (t) => t.startsWith('Consent Lens checks only'), 10_000)).toBe(
      'Consent Lens checks only the services it has rules for.',
    );
    expect(await toggle.isChecked()).toBe(false);
    await waitFor(registration, (r) => r.registered.length === 0, 10_000);
    expect((await registration()).registered).toEqual([]);
    expect(await granted()).toBe(false);
    await page.reload({ waitUntil: 'load' });
    await settle(page);
    expect((await overlayState(page)).hosts).toBe(0);
    await page.close();
    await popup.close();
    await tab.close();
  });

  it('the options switch grants it again and registers the built content script; a reload highlights the dialog', async () => {
    const options = await optionsPage();
    const toggle = options.getByTestId('all-sites-toggle');
    await toggle.waitFor({ state: 'visible' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await waitFor(() => toggle.isChecked(), (c) => c, 10_000);
    expect(await granted()).toBe(true);

    const { registered, manifest } = await waitFor(registration, (r) => r.registered.length === 1, 10_000);
    expect(registered[0]).toMatchObject({ id: 'consent-lens-all-sites', js: manifest.js });
    expect([...(registered[0]!.matches ?? [])].sort()).toEqual([...ORIGINS].sort());
    expect([...(registered[0]!.excludeMatches ?? [])].sort()).toEqual([...(manifest.matches ?? [])].sort());
    await options.close();

    const { page, tabId } = await e2e.open(ALL_SITES_PAGES.genericTerms);
    const state = await waitFor(() => overlayState(page), (s) => s.marks.length > 0);
    expect(state.hosts).toBe(1);
    expect(state.marks).toHaveLength(1);
    const report = await waitFor(() => e2e.ext.tabReport(tabId), (r) => trainingCount(r) > 0);
    expect(report?.service).toBeNull();
    expect(trainingCount(report)).toBe(1);
    expect(report?.controls.find((c) => c.purpose === 'ai-training')?.state).toBe('on');
    await page.close();
  });

  it('the rule hosts still get exactly one copy of the content script', async () => {
    const { page } = await e2e.open(PAGES.claudeDialog);
    await waitFor(() => overlayState(page), (s) => s.marks.length > 0);
    await settle(page);
    expect((await overlayState(page)).hosts).toBe(1);
    await page.close();
  });

  it('an imported user rule names the service on its host', async () => {
    const options = await optionsPage();
    const input = options.getByTestId('user-rule-file');
    await input.setInputFiles({ name: 'lumen.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(RULE, null, 2)) });
    const status = options.getByTestId('user-rule-status');
    await waitFor(async () => (await status.textContent()) ?? '', (t) => t.includes('Imported'), 10_000);
    expect(await options.locator('[data-testid="user-rule"][data-rule-id="lumen"]').count()).toBe(1);
    expect(await options.getByTestId('user-rule-coverage').first().textContent()).toBe('Checked now.');
    expect((await e2e.stored())?.userRules?.map((r) => r.id)).toEqual(['lumen']);
    await options.close();

    const { tabId, page } = await e2e.open(ALL_SITES_PAGES.genericTerms);
    const report = await waitFor(() => e2e.ext.tabReport(tabId), (r) => r?.service === 'lumen');
    expect(report?.service).toBe('lumen');
    expect(trainingCount(report)).toBe(1);
    await page.close();
  });

  it('a bad rule file is refused with every problem listed, and the built-in rules keep working', async () => {
    const options = await optionsPage();
    const bad = '{\n  "id": "claude",\n  "name": "X",\n  "hosts": []\n  "vendor": "Y"\n}';
    await options.getByTestId('user-rule-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const problems = options.getByTestId('user-rule-problem');
    await problems.first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(await problems.allTextContents()).toEqual([expect.stringMatching(/^line 5, column 3: not valid JSON: /)]);

    const clash = { ...RULE, id: 'claude', hosts: [], settings: { ...RULE.settings, url: 'http://nope' } };
    await options.getByTestId('user-rule-file').setInputFiles({ name: 'clash.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(clash)) });
    await waitFor(() => problems.allTextContents(), (t) => t.some((x) => x.startsWith('id:')), 10_000);
    const listed = await problems.allTextContents();
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^hosts: needs at least one host/),
        expect.stringMatching(/^settings\.url: /),
        'id: "claude" is the id of a built-in rule; give your rule another id',
      ]),
    );
    expect((await e2e.stored())?.userRules?.map((r) => r.id)).toEqual(['lumen']);
    await options.close();

    const { page, tabId } = await e2e.open(PAGES.claudeDialog);
    const report = await waitFor(() => e2e.ext.tabReport(tabId), (r) => trainingCount(r) > 0);
    expect(report?.service).toBe('claude');
    await page.close();
  });

  it('revoking in the browser\'s own extension settings unregisters; the page is left alone after a reload', async () => {
    await siteAccess('removeHostPermission');
    await waitFor(registration, (r) => r.registered.length === 0, 10_000);
    expect(await granted()).toBe(false);
    const { page, tabId } = await e2e.open(ALL_SITES_PAGES.genericTerms);
    await settle(page);
    expect((await overlayState(page)).hosts).toBe(0);
    expect(await e2e.ext.tabReport(tabId)).toBeNull();
    await page.close();
  });
});
