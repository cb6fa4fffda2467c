/**
 * The popup, opened as a page for a given tab (`src/popup/index.html?tab=TABID`), and the
 * callout's "Turn off" action. Popup contract: elements by `data-testid` — choice ("ON", "OFF",
 * "Mixed", "Unknown"), choice-seen, deadline-date, countdown, deadline-source, settings-link,
 * finding-control[data-control-id], show-me, turn-off, all-services-toggle,
 * service-row[data-service-id], service-choice, no-report, popup-error, …
 *
 * The tests in this file share one browser profile and run in order: the Claude choice is ON
 * until the "Turn off" test turns it off.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickOverlay, overlayState, useE2E, waitFor } from '../helpers/extension';
import { PAGES } from '../helpers/https-server';
import type { Report } from '../../src/engine/types';

const e2e = useE2E();

/** 2025-10-08T00:00Z (the Claude deadline the dialog states) is 11 days 12 hours away. */
const CLOCK = new Date('2025-09-26T12:00:00Z');


const byId = (page: Page, id: string) => page.getByTestId(id).first();

async function textOf(page: Page, id: string): Promise<string> {
  await byId(page, id).waitFor({ state: 'visible', timeout: 10_000 });
  return ((await byId(page, id).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

function trainingIds(report: Report | null): string[] {
  return (report?.controls ?? []).filter((c) => c.purpose === 'ai-training').map((c) => c.id);
}

async function reported(tabId: number): Promise<Report> {
  const report = await waitFor(() => e2e.ext.tabReport(tabId), (r) => trainingIds(r).length > 0);
  expect(trainingIds(report), 'the content script reported the training control').not.toEqual([]);
  return report!;
}

describe('popup for a tab', () => {
  it('shows the choice (ON), the deadline and a countdown for the Claude terms dialog', async () => {
    const { page, tabId } = await e2e.open(PAGES.claudeDialog);
    const report = await reported(tabId);
    const popup = await e2e.popup(tabId, { fixedTime: CLOCK });

    expect(await textOf(popup, 'choice')).toBe('ON');
    expect(await textOf(popup, 'choice-seen')).toContain('claude.ai/new');
    expect(await textOf(popup, 'countdown')).toBe('11 days 12 hours left');
    expect(await textOf(popup, 'deadline-date')).toContain('8 October 2025');
    expect(await textOf(popup, 'deadline-source')).toContain('claude.ai');
    expect(await byId(popup, 'settings-link').getAttribute('href')).toBe('https://claude.ai/settings/data-privacy-controls');

    const ids = await popup.getByTestId('finding-control').evaluateAll((els) => els.map((e) => e.getAttribute('data-control-id')));
    expect(ids).toEqual(trainingIds(report));
    await byId(popup, 'show-me').waitFor({ state: 'visible' });
    await byId(popup, 'turn-off').waitFor({ state: 'visible' });
    expect(await popup.getByTestId('popup-error').count()).toBe(0);
    expect(await popup.getByTestId('no-report').count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('lists Claude and ChatGPT in the all-services view', async () => {
    const { page, tabId } = await e2e.open(PAGES.claudeDialog);
    await reported(tabId);
    const popup = await e2e.popup(tabId);
    await byId(popup, 'all-services-toggle').click();
    await popup.locator('[data-testid="service-row"][data-service-id="chatgpt"]').waitFor({ state: 'visible', timeout: 10_000 });
    const rows = await popup.getByTestId('service-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-service-id')));
    expect(rows).toEqual(expect.arrayContaining(['claude', 'chatgpt']));
    const claude = popup.locator('[data-testid="service-row"][data-service-id="claude"] [data-testid="service-choice"]');
    expect(((await claude.textContent()) ?? '').trim()).toBe('ON');
    await popup.close();
    await page.close();
  });

  it('says so when the content script has not reported for the tab (a host with no rule)', async () => {
    const { page, tabId } = await e2e.open(PAGES.unmatched);
    const popup = await e2e.popup(tabId);
    await byId(popup, 'no-report').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await popup.getByTestId('choice').count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('"Turn off" in the callout turns the page\'s switch off, and the popup then shows OFF', async () => {
    const { page, tabId } = await e2e.open(PAGES.claudeDialog);
    const [id] = trainingIds(await reported(tabId));
    const pageSwitch = page.locator('[role="dialog"] button[role="switch"]');
    expect(await pageSwitch.getAttribute('aria-checked')).toBe('true');

    await waitFor(() => overlayState(page), (s) => s.callouts.some((c) => c.id === id));
    await clickOverlay(page, id!, 'turn-off'); // a real click on our button, never on the page's switch

    expect(await waitFor(() => pageSwitch.getAttribute('aria-checked'), (v) => v === 'false')).toBe('false');
    const after = await waitFor(() => overlayState(page), (s) => s.callouts.some((c) => c.id === id && c.state === 'off' && !!c.result));
    const c = after.callouts.find((x) => x.id === id);
    expect(c?.state).toBe('off');
    expect(c?.result ?? '').not.toBe('');
    expect(await waitFor(() => e2e.ext.badgeText(tabId), (t) => t === 'OFF')).toBe('OFF');

    const popup = await e2e.popup(tabId);
    expect(await waitFor(() => textOf(popup, 'choice'), (t) => t === 'OFF')).toBe('OFF');
    await popup.close();
    await page.close();
  });
});

describe('popup accessibility (axe-core)', () => {
  const require = createRequire(import.meta.url);
  let axePath: string | null = null;
  try {
    axePath = require.resolve('axe-core/axe.min.js');
  } catch {
    axePath = null;
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical violations (${colorScheme})`, async () => {
      expect(axePath, 'axe-core is not installed: npm install --save-dev axe-core').not.toBeNull();
      const source = await readFile(axePath!, 'utf8');
      const { page, tabId } = await e2e.open(PAGES.claudeDialog);
      await reported(tabId);
      const popup = await e2e.popup(tabId, { colorScheme, fixedTime: CLOCK });
      await byId(popup, 'choice').waitFor({ state: 'visible', timeout: 10_000 });
      // Evaluated through the DevTools protocol, so the extension page's CSP does not stop it.
      await popup.evaluate(`${source}\n;0`);
      const check = async (view: string): Promise<string[]> => {
        const found = await popup.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
        });
        return found.map((f) => `[${view}] ${f}`);
      };
      const problems = await check('tab');
      await byId(popup, 'all-services-toggle').click();
      await byId(popup, 'service-row').waitFor({ state: 'visible', timeout: 10_000 });
      problems.push(...(await check('all services')));
      expect(problems).toEqual([]);
      await popup.close();
      await page.close();
    });
  }
});


