/**
 * Drift within one visit (src/content/drift.ts, src/background/reports.ts): the Claude privacy
 * settings page, served with "Help improve Claude" OFF.
 * - The page's own script turns it ON after load (hydration, a server push): not the person's
 *   doing, so the popup warns of drift.
 * - The person clicks it ON (a trusted click): their own choice, no warning.
 * - Our Turn off on a switch that ignores clicks: nothing is recorded as set by Consent Lens,
 *   and the drift warning stays.
 * Each test starts from empty storage.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useE2E, waitFor, type E2E } from '../helpers/extension';
import { DEFAULT_ROUTES, PAGES } from '../helpers/https-server';
import { fixture, type RouteHandler } from '../../src/cli/https-fixture-server';
import type { Stored } from '../../src/shared/storage-schema';

const SWITCH = 'button[aria-labelledby="model-improvement-label"]';

/** The page's own scripts, chosen by the query: `flip` turns the switch ON 1.5 s after load; `stubborn` makes it ignore clicks. */
const PAGE_SCRIPTS = `<script>
(function () {
  var q = new URLSearchParams(location.search);
  if (q.has('stubborn')) {
    window.addEventListener('click', function (e) {
      if (e.target && e.target.closest && e.target.closest('${SWITCH}')) { e.stopImmediatePropagation(); e.preventDefault(); }
    }, true);
  }
  if (q.has('flip')) {
    setTimeout(function () {
      var s = document.querySelector('${SWITCH}');
      s.setAttribute('aria-checked', 'true');
      s.setAttribute('data-state', 'checked');
      s.querySelectorAll('[data-state]').forEach(function (t) { t.setAttribute('data-state', 'checked'); });
    }, 1500);
  }
})();
</script>`;

const settings: RouteHandler = (ctx) => fixture('claude-settings-privacy.html', { transform: (html) => html.replace(/<\/head>/i, `${PAGE_SCRIPTS}</head>`) })(ctx);
const key = `${PAGES.claudeSettings.host}${PAGES.claudeSettings.path}`;
const e2e: E2E = useE2E({ ...DEFAULT_ROUTES, [key]: settings });

const claude = async (): Promise<Stored['services'][string] | undefined> => (await e2e.stored())?.services.claude;

beforeEach(async () => {
  const w = await e2e.ext.worker();
  await w.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> } } } }).chrome.storage.local.clear());
});

async function openSettings(query: string) {
  const visit = await e2e.open({ host: PAGES.claudeSettings.host, path: `${PAGES.claudeSettings.path}${query}` });
  await waitFor(claude, (r) => r?.current?.state === 'off');
  return visit;
}

describe('drift within one visit', () => {
  it('the page\'s script turns the switch ON after load: drift, and the popup warns', async () => {
    const visit = await openSettings('?flip');
    const rec = await waitFor(claude, (r) => r?.current?.state === 'on', 10_000);
    expect(rec?.current?.changedInPage, 'not the person\'s change').toBeUndefined();
    expect(rec?.drift).toMatchObject({ from: 'off', to: 'on' });
    const popup = await e2e.popup(visit.tabId);
    await popup.getByTestId('drift-warning').first().waitFor({ state: 'visible', timeout: 10_000 });
    await popup.close();
    await visit.page.close();
  });

  it('the person clicks it ON: their own choice, no drift', async () => {
    const visit = await openSettings('');
    await visit.page.click(SWITCH);
    const rec = await waitFor(claude, (r) => r?.current?.state === 'on', 10_000);
    expect(rec?.current?.changedInPage).toBe(true);
    expect(rec?.drift).toBeNull();
    const popup = await e2e.popup(visit.tabId);
    await popup.getByTestId('choice').first().waitFor({ state: 'visible' });
    expect(await popup.getByTestId('drift-warning').count()).toBe(0);
    await popup.close();
    await visit.page.close();
  });

  it('our Turn off on a switch that ignores clicks: nothing set by Consent Lens, the warning stays', async () => {
    const visit = await openSettings('?flip&stubborn');
    const drifted = await waitFor(claude, (r) => !!r?.drift, 10_000);
    expect(drifted?.drift).toMatchObject({ from: 'off', to: 'on' });
    const popup = await e2e.popup(visit.tabId);
    await popup.getByTestId('turn-off').first().click();
    const result = popup.getByTestId('turn-off-result');
    await result.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await visit.page.locator(SWITCH).getAttribute('aria-checked')).toBe('true');
    // Give a wrongly sent turn-off time to arrive; then the record must be as it was.
    await new Promise((r) => setTimeout(r, 1000));
    const after = await claude();
    expect(after?.drift).toMatchObject({ from: 'off', to: 'on' });
    expect(after?.history.some((o) => o.source === 'turn-off')).toBe(false);
    expect(after?.current?.source).not.toBe('turn-off');
    await popup.close();
    await visit.page.close();
  });
});
