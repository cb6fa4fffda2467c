/**
 * A reply streaming into a chat page (the benchmark's chat page, served as claude.ai): after a few
 * chunks the content script stops looking at each batch under the streaming element and looks at
 * that element once every QUIET_MS instead (src/content/stream.ts). What must still hold:
 * a dialog the page opens mid-stream is highlighted at once; a training switch that appears
 * inside the streaming element is highlighted within QUIET_MS; once the stream has stopped, every
 * batch is looked at again.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { overlayState, useE2E, waitFor } from '../helpers/extension';
import { chatPage } from '../../bench/pages';
import { QUIET_MS, STREAM_BATCHES } from '../../src/content/stream';

const PAGE = { host: 'claude.ai', path: '/stream-test' };
const html = chatPage({ elements: 3_000, dialog: false }).html;
const e2e = useE2E({ [`${PAGE.host}${PAGE.path}`]: () => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body: html }) });

/** One chunk every 40 ms: STREAM_BATCHES chunks make a stream; wait a little longer than that. */
const STREAMING_FOR_MS = STREAM_BATCHES * 40 + 600;

const marks = async (page: Page): Promise<number> => (await overlayState(page)).marks.length;

/** Appends a row with Claude's training switch into the element the reply streams into. */
const SWITCH_IN_REPLY = `(() => {
  const row = document.createElement('div');
  row.innerHTML = '<span id="in-reply-label">Help improve Claude</span> <button type="button" role="switch" aria-checked="true" data-state="checked" aria-labelledby="in-reply-label" style="display:inline-block;width:36px;height:20px"></button>';
  document.getElementById('reply').append(row);
  return performance.now();
})()`;

async function streaming(page: Page, ms: number): Promise<void> {
  await page.evaluate(`void window.__page.stream(${ms})`);
  await page.waitForTimeout(STREAMING_FOR_MS);
}

describe('a reply streaming in', () => {
  it('does not delay the highlight of a dialog the page opens mid-stream', async () => {
    const { page } = await e2e.open(PAGE);
    await page.waitForTimeout(800); // the first scan, at the first idle moment
    await streaming(page, 6_000);
    const t0 = Date.now();
    await page.evaluate('window.__page.insertDialog()');
    await waitFor(() => marks(page), (n) => n > 0, 5_000);
    const ms = Date.now() - t0;
    console.info(`[e2e] dialog opened mid-stream highlighted after ${ms} ms`);
    expect(ms, 'well before the streaming element is looked at again').toBeLessThan(QUIET_MS / 2);
    await page.close();
  });

  it('highlights a training switch that appears inside the streaming element within QUIET_MS', async () => {
    const { page } = await e2e.open(PAGE);
    await page.waitForTimeout(800);
    await streaming(page, 8_000);
    const t0 = Date.now();
    await page.evaluate(SWITCH_IN_REPLY);
    await waitFor(() => marks(page), (n) => n > 0, QUIET_MS + 3_000);
    const ms = Date.now() - t0;
    console.info(`[e2e] switch inside the streaming reply highlighted after ${ms} ms`);
    expect(ms).toBeLessThanOrEqual(QUIET_MS + 1_000);
    await page.close();
  });

  it('looks at every batch again once the stream has stopped', async () => {
    const { page } = await e2e.open(PAGE);
    await page.waitForTimeout(800);
    await page.evaluate(`window.__page.stream(${STREAMING_FOR_MS + 400})`); // resolves when the stream ends
    await page.waitForTimeout(2 * QUIET_MS + 300); // the last quiet period ends, and one with no batch
    const t0 = Date.now();
    await page.evaluate(SWITCH_IN_REPLY);
    await waitFor(() => marks(page), (n) => n > 0, 5_000);
    const ms = Date.now() - t0;
    console.info(`[e2e] switch after the stream highlighted after ${ms} ms`);
    expect(ms, 'at once, not at the next quiet check').toBeLessThan(QUIET_MS / 2);
    await page.close();
  });
});
