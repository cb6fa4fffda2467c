/**
 * Drift: the Claude privacy settings page is served with "Help improve Claude" OFF on the
 * first visit and ON on the next (a server-side rewrite of the fixture). Nothing the user did
 * here explains the change, so the popup must warn. A file of its own: a fresh profile with
 * no earlier choices in storage.
 */
import { describe, expect, it } from 'vitest';
import { useE2E, waitFor } from '../helpers/extension';
import { driftRoutes, PAGES } from '../helpers/https-server';

const e2e = useE2E(driftRoutes());

describe('drift between two visits of the settings page', () => {
  it('records OFF, then ON, and the popup shows the drift warning', async () => {
    const visit = await e2e.open(PAGES.claudeSettings);
    expect(await waitFor(() => e2e.ext.badgeText(visit.tabId), (t) => t !== '')).toBe('OFF');
    const first = await waitFor(() => e2e.stored(), (s) => s?.services.claude?.current?.state === 'off');
    expect(first?.services.claude?.current?.state, 'the background stored the OFF it saw').toBe('off');
    expect(await visit.page.locator('button[aria-labelledby="model-improvement-label"]').getAttribute('aria-checked')).toBe('false');

    await e2e.revisit(visit); // second visit: the server now serves the switch ON
    expect(await visit.page.locator('button[aria-labelledby="model-improvement-label"]').getAttribute('aria-checked')).toBe('true');
    expect(await waitFor(() => e2e.ext.badgeText(visit.tabId), (t) => t === 'ON')).toBe('ON');
    const second = await waitFor(() => e2e.stored(), (s) => !!s?.services.claude?.drift);
    expect(second?.services.claude?.drift, 'the background recorded the drift').toMatchObject({ from: 'off', to: 'on' });

    const popup = await e2e.popup(visit.tabId);
    await popup.getByTestId('drift-warning').first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(((await popup.getByTestId('choice').first().textContent()) ?? '').trim()).toBe('ON');
    await popup.close();
    await visit.page.close();
  });
});
