/**
 * The extension in German: Chromium started with `--lang=de` and LANGUAGE=de (see
 * LaunchOptions.lang in src/cli/extension-browser.ts). On Linux, `--lang` picks the extension's
 * message catalogue, while `i18n.getUILanguage()` follows LANGUAGE — and only when Chromium has
 * the German locale pack (`locales/de.pak`; Debian ships it in chromium-l10n), else it stays
 * en-US. The popup formats dates and numbers for the catalogue it was given (src/i18n/words.ts),
 * so it is German either way; the UI language is checked when the pack is there.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { overlayState, useE2E, waitFor } from '../helpers/extension';
import { DEFAULT_ROUTES, PAGES } from '../helpers/https-server';
import { findChromium } from '../../src/cli/chromium';
import { BUILTIN_RULES } from '../../src/rules';
import type { Report } from '../../src/engine/types';
import { catalogue } from '../unit/i18n-helpers';

const e2e = useE2E(DEFAULT_ROUTES, { lang: 'de' });
/** 2025-10-08T00:00Z (the Claude deadline) is 11 days 12 hours away. */
const CLOCK = new Date('2025-09-26T12:00:00Z');

const text = async (page: Page, id: string): Promise<string> => {
  const el = page.getByTestId(id).first();
  await el.waitFor({ state: 'visible', timeout: 10_000 });
  return ((await el.textContent()) ?? '').replace(/\s+/g, ' ').trim();
};

/**
 * Words of the English catalogue that no German message contains: if one of them shows in the
 * German popup, a string did not come from the catalogue (or the English one was picked).
 */
function englishOnlyWords(): Set<string> {
  const words = (s: string): string[] => s.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  const german = new Set(Object.values(catalogue('de')).flatMap((e) => words(e.message)));
  return new Set(Object.values(catalogue('en')).flatMap((e) => words(e.message)).filter((w) => !german.has(w)));
}

/** The page's and the rules' own words (labels, titles, setting paths) are shown as they are: cut them out first. */
function withoutPageText(all: string, report: Report): string {
  const given = [
    ...report.controls.flatMap((c) => [c.label, c.description ?? '']),
    ...report.surfaces.flatMap((s) => [s.title, s.primaryAction?.label ?? '']),
    ...BUILTIN_RULES.flatMap((r) => [r.name, r.vendor, r.settings.path]),
    report.deadline?.text ?? '',
  ].filter((s) => s.length > 0);
  let out = all;
  for (const g of given.sort((a, b) => b.length - a.length)) out = out.split(g).join(' ');
  return out;
}

describe('the extension in German', () => {
  it('renders the popup fully in German, with German dates, numbers and countdown', async () => {
    const { page, tabId } = await e2e.open(PAGES.claudeDialog);
    const report = await waitFor(() => e2e.ext.tabReport(tabId), (r) => (r?.controls ?? []).some((c) => c.purpose === 'ai-training'));
    expect(report).not.toBeNull();
    const popup = await e2e.popup(tabId, { fixedTime: CLOCK });

    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
    const ui = await popup.evaluate(() => (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage());
    const pack = join(dirname(realpathSync(findChromium())), 'locales', 'de.pak');
    if (existsSync(pack)) expect(ui).toMatch(/^de\b/);

    expect(await text(popup, 'choice')).toBe('AN');
    expect(await text(popup, 'countdown')).toBe('noch 11 Tage und 12 Stunden');
    expect(await text(popup, 'deadline-date')).toBe('Entscheiden Sie bis zum 8. Oktober 2025');
    expect(await text(popup, 'choice-seen')).toMatch(/^zuletzt gesehen gerade eben auf claude\.ai\/new \(Dialog zu den Nutzungsbedingungen\)$/);
    expect(await popup.locator('#choice-heading').textContent()).toBe('Training mit Ihren Chats');
    expect(await text(popup, 'show-me')).toBe('Zeigen');
    expect(await text(popup, 'turn-off')).toBe('Ausschalten');
    const callout = ((await popup.locator('.callout').first().textContent()) ?? '').trim();
    expect(callout).toMatch(/^Vorab auf AN gestellt · Schalter mit 28×16 px · Kontrast der Beschriftung 2,\d+:1 · die Schaltfläche „Accept“ ist \d+-mal so groß/);
    const findings = await popup.locator('.finding__message').allTextContents();
    expect(findings).toContain('Der Schalter für das Training steht schon auf AN, bevor Sie irgendetwas ausgewählt haben.');

    await popup.getByTestId('all-services-toggle').click();
    await popup.getByTestId('service-row').first().waitFor({ state: 'visible' });
    const all = await popup.evaluate(() => document.body.innerText);
    const english = englishOnlyWords();
    const left = [...new Set(withoutPageText(all, report!).toLowerCase().match(/[a-z]{4,}/g) ?? [])].filter((w) => english.has(w));
    expect(left, `English catalogue words in the German popup:\n${all}`).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('writes the callout in the page in German', async () => {
    const { page } = await e2e.open(PAGES.claudeDialog);
    const state = await waitFor(() => overlayState(page), (s) => s.callouts.length > 0);
    const c = state.callouts[0]!;
    expect(c.text).toContain('Vorab auf AN gestellt');
    expect(c.text).toContain('Ausschalten');
    expect(c.text).toContain('Zeigen');
    await page.close();
  });

  it('titles the options page in German', async () => {
    const page = await e2e.ext.context.newPage();
    await page.goto(`chrome-extension://${e2e.ext.extensionId}/src/options/index.html`, { waitUntil: 'load' });
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Consent Lens · Beweisarchiv');
    expect(await page.title()).toBe('Consent Lens · Beweisarchiv');
    expect(await page.getByTestId('all-sites-toggle').locator('xpath=..').textContent()).toBe('Alle Websites prüfen');
    await page.close();
  });
});
