/**
 * A page that goes after our overlay (test/fixtures/hostile-overlay.html, its own script in its
 * own world), against the built extension in Chromium. Once our highlight is drawn, the page:
 *   - looks for us by every attribute, id, class, tag and text it can read, and with
 *     window.find(); it has wrapped, before anything ran, the DOM methods that would show it an
 *     extension's shadow root, stylesheet or words;
 *   - tries to get into the one element we add to <html>;
 *   - sends synthetic presses, clicks, taps and key presses to every element it can reach, and to
 *     every point where our callout takes clicks, also while a person has tabbed into it;
 *   - takes our host out (four ways), dresses it up (inline styles, attributes, its own
 *     stylesheet with !important, layered and not), and keeps taking it out for a second.
 * Nothing of that finds a word of ours, turns the switch off, records a "set by Consent Lens"
 * observation or changes what the user sees; a real click and a real Enter still work.
 *
 * We read the overlay through DevTools (src/cli/overlay-reader.ts): the page cannot.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixture } from '../../src/cli/https-fixture-server';
import { clickOverlay, overlayState, rectDistance, useE2E, waitFor, type OverlayState, type Rect } from '../helpers/extension';

const REF = { host: 'claude.ai', path: '/hostile/overlay' };
const e2e = useE2E({ [`${REF.host}${REF.path}`]: fixture('hostile-overlay.html', { behaviour: false }) });
const SWITCH = '[data-hostile-training]';

/** Runs one of the page's own attacks (window.__hostile in the fixture) in the page's world. */
function attack<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([n, a]) => (window as unknown as { __hostile: Record<string, (...x: unknown[]) => unknown> }).__hostile[n as string]!(...(a as unknown[])),
    [name, args] as const,
  ) as Promise<T>;
}

const frames = (page: Page, n = 3): Promise<void> =>
  page.evaluate((k) => new Promise<void>((done) => {
    const step = (left: number): void => void (left ? requestAnimationFrame(() => step(left - 1)) : done());
    step(k);
  }), n);

/** Our one host with its one mark over the switch and its callout, as the user sees it. */
async function drawn(page: Page, what = 'the highlight'): Promise<OverlayState> {
  const target = (await page.locator(SWITCH).boundingBox())!;
  const ok = (s: OverlayState): boolean =>
    s.hosts === 1 && s.marks.length === 1 && rectDistance(s.marks[0]!.rect, target) <= 2 && s.callouts.length === 1 && s.callouts[0]!.text.includes('Pre-set to ON');
  const s = await waitFor(() => overlayState(page), ok, 15_000);
  expect(ok(s), `${what}: ${JSON.stringify(s.read)}`).toBe(true);
  expect(s.closed, `${what}: the shadow root is closed`).toBe(true);
  expect(s.attributes, `${what}: the host has no attributes`).toEqual([]);
  const host = s.read[0]!;
  expect([host.display, host.visibility, host.opacity, host.hidden], `${what}: the host is shown`).toEqual(['block', 'visible', '1', false]);
  return s;
}

async function open(): Promise<Page> {
  const { page } = await e2e.open(REF);
  await drawn(page);
  return page;
}

/** The "set by Consent Lens" observations the background stored for Claude. */
async function turnOffs(): Promise<unknown[]> {
  return (await e2e.stored())?.services.claude?.history.filter((o) => o.source === 'turn-off') ?? [];
}

const switchState = (page: Page): Promise<string | null> => page.locator(SWITCH).getAttribute('aria-checked');

/** The callout as pixels (inside its border box: its shadow falls on the page). */
function shot(page: Page, r: Rect): Promise<Buffer> {
  return page.screenshot({ clip: { x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2 }, animations: 'disabled' });
}

describe('a page that goes after our overlay', () => {
  it('finds nothing of ours by attribute, id, class, tag, text or window.find(), and cannot get in', async () => {
    const page = await open();
    const found = await attack<{ attributes: string[]; text: string[]; found: string[]; caught: string[] }>(page, 'search');
    expect(found.attributes, 'attributes, ids, classes and tags that name us').toEqual([]);
    expect(found.text, 'texts of the page that hold our words').toEqual([]);
    expect(found.found, 'our words, through window.find()').toEqual([]);
    expect(found.caught, 'what went through the page’s own DOM methods').toEqual([]);

    const reached = await attack<Array<Record<string, unknown>>>(page, 'reach');
    expect(reached, 'one element added to <html>, and nothing in it for the page').toEqual([
      { tag: 'div', attributes: [], shadowRoot: null, attach: 'NotSupportedError', childNodes: 0, innerHTML: '', getHTML: '', text: '|' },
    ]);

    // The user still reads every word, and so does assistive technology (generated content is in
    // the accessibility tree).
    const s = await overlayState(page);
    expect(s.callouts[0]!.text).toMatch(/^CONSENT LENS Pre-set to ON .*Turn off Show me ✕$/);
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Array<{ role?: { value?: string }; name?: { value?: string } }> };
    const named = nodes.map((n) => `${n.role?.value ?? ''}: ${n.name?.value ?? ''}`);
    expect(named).toEqual(expect.arrayContaining(['button: Turn off', 'button: Show me', 'note: Consent Lens']));
    expect(named.some((n) => n.includes('Pre-set to ON'))).toBe(true);
    await cdp.detach();
    await page.close();
  });

  it('synthetic clicks, taps and key presses on everything it can reach change nothing; a real Enter does', async () => {
    const page = await open();
    const before = await overlayState(page);
    expect(await switchState(page)).toBe('true');
    expect(await turnOffs()).toEqual([]);

    const sent = await attack<{ elements: number; events: number; points: number }>(page, 'barrage');
    await page.waitForTimeout(600); // Turn off waits 150 ms for the page, then reports
    expect(await switchState(page), 'the switch is as it was').toBe('true');
    expect(await turnOffs(), 'no "set by Consent Lens" observation').toEqual([]);
    // It did reach our host, and the points where the callout takes clicks (a page can hit-test).
    expect(sent.elements).toBeGreaterThan(10);
    expect(sent.points, 'points of the callout the page found by hit-testing').toBeGreaterThan(10);
    let after = await overlayState(page);
    expect(after.callouts.map((c) => [c.text, c.result, c.state])).toEqual(before.callouts.map((c) => [c.text, '', 'on']));

    // A person tabs into the callout; the page sends keys to what has focus: nothing.
    for (let i = 0; i < 12 && (await overlayState(page)).read[0]?.focused !== 'show-me'; i++) await page.keyboard.press('Tab');
    expect((await overlayState(page)).read[0]?.focused, 'Show me has the keyboard focus').toBe('show-me');
    const keys = await attack<{ active: string | null }>(page, 'keys');
    expect(keys.active, 'the page sees focus on our host, and no further').toBe('div');
    await page.waitForTimeout(300);
    after = await overlayState(page);
    expect(after.callouts[0]!.result, 'the page’s Enter and Space did nothing').toBe('');
    // The person's own Enter does.
    await page.keyboard.press('Enter');
    after = await waitFor(() => overlayState(page), (s) => s.callouts[0]?.result !== '');
    expect(after.callouts[0]!.result).not.toBe('');
    expect(await switchState(page)).toBe('true');
    expect(await turnOffs()).toEqual([]);
    await page.close();
  });

  it('takes its host back when the page removes, moves or replaces it, reading the same', async () => {
    const page = await open();
    const before = await overlayState(page);
    for (const how of ['remove', 'removeChild', 'move', 'replace']) {
      expect(await attack<boolean>(page, 'remove', how), how).toBe(true);
      const back = await drawn(page, `after ${how}`);
      expect(back.callouts[0]!.text, how).toBe(before.callouts[0]!.text);
      if (how === 'replace') await page.evaluate(() => document.querySelector('html > .decoy')?.remove());
    }
    await page.close();
  });

  it('the page’s styles and attributes on our host change nothing the user sees; a real click still works', async () => {
    const page = await open();
    await frames(page);
    const before = await overlayState(page);
    const rect = before.callouts[0]!.rect;
    const pixels = await shot(page, rect);

    await attack(page, 'restyle');
    await frames(page);
    const seen = await attack<Array<Record<string, string | string[]>>>(page, 'look');
    expect(seen, 'what the page itself computes for our host').toEqual([
      { attributes: [], display: 'block', visibility: 'visible', opacity: '1', transform: 'none', before: 'none' },
    ]);
    const after = await drawn(page, 'after the restyle');
    expect(rectDistance(after.callouts[0]!.rect, rect)).toBe(0);
    expect(after.callouts[0]!.text).toBe(before.callouts[0]!.text);
    expect((await shot(page, rect)).equals(pixels), 'the callout looks exactly as before').toBe(true);

    // The person's own click, with the real mouse, turns the switch off (the page set `inert`
    // on our host, which is gone again).
    await clickOverlay(page, after.callouts[0]!.id, 'turn-off');
    expect(await waitFor(() => switchState(page), (v) => v === 'false')).toBe('false');
    const done = await waitFor(() => overlayState(page), (s) => s.callouts[0]?.result !== '' && s.callouts[0]?.state === 'off');
    expect(done.callouts[0]!.result).not.toBe('');
    const recorded = await waitFor(turnOffs, (t) => t.length === 1);
    expect(recorded).toEqual([expect.objectContaining({ state: 'off', source: 'turn-off' })]);
    await page.close();
  });

  it('a page that keeps taking the host out gets it back at most once a frame, and for good when it stops', async () => {
    const page = await open();
    const fight = await attack<{ removals: number; frames: number }>(page, 'fight', 1000);
    console.info(`[hostile] overlay fight: the page removed our host ${fight.removals} times in ${fight.frames} frames`);
    expect(fight.removals, 'we did come back').toBeGreaterThan(2);
    expect(fight.removals, 'at most once a frame').toBeLessThanOrEqual(fight.frames + 2);
    await drawn(page, 'after the fight');
    await page.close();
  });
});
