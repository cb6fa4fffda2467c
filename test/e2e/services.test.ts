/**
 * Every service with a rule, with the built extension in Chromium and each service's committed
 * fixture served under its real host names (src/rules/services/*.json, manifest.json matches):
 * the content script runs there, outlines each AI-training control, names the service in the
 * tab's report and sets the badge. Meta AI has no switch: nothing is outlined, and the report
 * carries the objection form as a surface with `objection: true`. Look-alikes on the services'
 * own hosts (Gemini's "Your past chats with Gemini") are scanned and left alone.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { overlayState, rectDistance, rectOf, useE2E, waitFor, type OverlayState, type Rect } from '../helpers/extension';
import { SERVICE_NEGATIVES, SERVICE_PAGES, type PageRef } from '../helpers/https-server';
import type { Report } from '../../src/engine/types';

const e2e = useE2E();

interface ServiceCase {
  /** The visible element of each AI-training control (light DOM), in any order. */
  controls: string[];
  badge: string;
}

const CASES: Record<Exclude<keyof typeof SERVICE_PAGES, 'meta'>, ServiceCase> = {
  gemini: {
    controls: ['button[jsname="turn-off"]', '#c-audio-recordings + .VfPpkd-YQoJzd'],
    badge: 'ON',
  },
  copilot: {
    controls: ['#sw-train-text + .fui-Switch__indicator', '#sw-train-voice + .fui-Switch__indicator'],
    badge: 'ON',
  },
  grok: { controls: ['.r-checkwrap > div[aria-hidden="true"]'], badge: 'ON' },
  linkedin: { controls: ['#ember215'], badge: 'ON' },
  perplexity: { controls: ['button[role="switch"][aria-labelledby="ai-data-retention-label"]'], badge: 'ON' },
  mistral: { controls: ['#train-on-interactions'], badge: 'ON' },
};

const where = (ref: PageRef): string => `${ref.host}${ref.path}`;

/** Waits until every expected control has a mark over it (marks may settle a frame late). */
async function marksOver(page: Page, selectors: string[]): Promise<{ state: OverlayState; targets: Rect[] }> {
  const targets: Rect[] = [];
  for (const sel of selectors) targets.push(await rectOf(page, sel));
  const covered = (s: OverlayState): boolean =>
    s.marks.length === selectors.length && targets.every((t) => s.marks.some((m) => rectDistance(m.rect, t) <= 2));
  const state = await waitFor(() => overlayState(page), covered);
  return { state, targets };
}

describe('every service with a rule, under its real host names', () => {
  it.each(Object.entries(CASES))('%s: outlines each AI-training control, names the service and sets the badge', async (service, c) => {
    for (const ref of SERVICE_PAGES[service as keyof typeof CASES]) {
      const { page, tabId } = await e2e.open(ref);
      const { state, targets } = await marksOver(page, c.controls);
      expect(state.hosts, `${where(ref)}: one overlay host`).toBe(1);
      expect(state.marks, `${where(ref)}: one mark per AI-training control`).toHaveLength(c.controls.length);
      for (const t of targets) {
        const near = state.marks.map((m) => rectDistance(m.rect, t));
        expect(Math.min(...near), `${where(ref)}: a mark over ${JSON.stringify(t)}`).toBeLessThanOrEqual(2);
      }
      const report = await waitFor(() => e2e.ext.tabReport(tabId), (r) => r !== null);
      expect(report?.service, where(ref)).toBe(service);
      const training = report!.controls.filter((x) => x.purpose === 'ai-training');
      expect(training.map((x) => x.id).sort(), `${where(ref)}: every mark names a training control`).toEqual(state.marks.map((m) => m.id).sort());
      expect(await waitFor(() => e2e.ext.badgeText(tabId), (t) => t !== ''), `${where(ref)}: badge`).toBe(c.badge);
      await page.close();
    }
  });

  it('meta: no switch and no highlight, but the tab\'s report shows the objection form', async () => {
    for (const ref of SERVICE_PAGES.meta) {
      const { page, tabId } = await e2e.open(ref);
      const report: Report | null = await waitFor(() => e2e.ext.tabReport(tabId), (r) => r !== null);
      expect(report, `${where(ref)}: the content script scanned and reported`).not.toBeNull();
      expect(report!.service).toBe('meta');
      expect(report!.controls.filter((x) => x.purpose === 'ai-training')).toEqual([]);
      const forms = report!.surfaces.filter((s) => s.objection === true);
      expect(forms, where(ref)).toHaveLength(1);
      expect(forms[0]).toMatchObject({ kind: 'consent-prompt', title: 'Object to Your Information Being Used for AI at Meta', primaryAction: null });
      const state = await overlayState(page);
      expect(state.marks, `${where(ref)}: marks`).toEqual([]);
      expect(state.callouts, `${where(ref)}: callouts`).toEqual([]);
      expect(await e2e.ext.badgeText(tabId), `${where(ref)}: badge`).toBe('');
      await page.close();
    }
  });

  it.each(Object.entries(SERVICE_NEGATIVES))('%s: a look-alike on the service\'s own host is scanned, not outlined', async (_name, ref) => {
    const { page, tabId } = await e2e.open(ref);
    const report = await waitFor(() => e2e.ext.tabReport(tabId), (r) => r !== null);
    expect(report, `${where(ref)}: the content script scanned and reported`).not.toBeNull();
    expect(report!.service).toBe(ref.service);
    expect(report!.controls.filter((x) => x.purpose === 'ai-training')).toEqual([]);
    const state = await overlayState(page);
    expect(state.marks).toEqual([]);
    expect(await e2e.ext.badgeText(tabId)).toBe('');
    await page.close();
  });
});
