/* The popup on a Claude tab: the choice, the deadline countdown, the page's findings, Turn off. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import type { TabView } from '../../src/shared/messages';
import { HOUR_MS } from '../../src/shared/time';
import { NOW, answer, claude, click, control, makeBrowser, mount, record, report, servicesView, settle, type Mounted } from './popup-helpers';

const browser = vi.hoisted(() => ({}) as ReturnType<typeof makeBrowser>);
vi.mock('webextension-polyfill', () => ({ default: browser }));

let tab: TabView;
let popup: Mounted;

beforeEach(async () => {
  Object.assign(browser, makeBrowser());
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
  tab = { tabId: 7, report: report(), service: claude() };
  answer(browser, { tab: () => tab, services: () => servicesView() });
  popup = await mount(7);
  await settle();
});

afterEach(() => {
  popup.unmount();
  vi.useRealTimers();
});

describe('a Claude tab with the switch ON and a deadline', () => {
  it('asks the background about the tab named in ?tab=', () => {
    expect(browser.tabs.get).toHaveBeenCalledWith(7);
    expect(browser.tabs.query).not.toHaveBeenCalled();
    expect(browser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'popup→background:get-tab', tabId: 7 });
    expect(browser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'popup→background:get-services' });
  });

  it('shows the choice in words, with where and when it was seen', () => {
    expect(popup.text('choice')).toBe('ON');
    expect(popup.byTestId('choice')!.parentElement!.classList.contains('tone-on')).toBe(true);
    expect(popup.byTestId('choice')!.parentElement!.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    expect(popup.text('choice-seen')).toBe('last seen 3 hours ago on claude.ai/settings/data-privacy-controls (settings page)');
    expect(popup.root.querySelector('h1')!.textContent).toBe('Claude');
  });

  it('shows the deadline, a countdown from Date.now() and its source', async () => {
    expect(popup.text('deadline-date')).toBe('Decide by 8 October 2025');
    expect(popup.byTestId('deadline-date')!.querySelector('time')!.getAttribute('datetime')).toBe('2025-10-08');
    expect(popup.text('countdown')).toBe('12 days 4 hours left');
    expect(popup.byTestId('countdown')!.getAttribute('datetime')).toBe('P12DT4H');
    expect(popup.text('deadline-source')).toBe("from Anthropic's announcement");
    expect(popup.byTestId('deadline-source')!.querySelector('a')!.getAttribute('href')).toBe(
      'https://www.anthropic.com/news/updates-to-our-consumer-terms',
    );
    // It ticks on its own: an hour later it reads an hour less.
    await act(() => {
      vi.advanceTimersByTime(HOUR_MS);
    });
    expect(popup.text('countdown')).toBe('12 days 3 hours left');
    await act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(popup.text('countdown')).toBe('12 days 2 hours left');
  });

  it('says nothing of a postponed choice while the page\'s choice is not left on "Not now"', () => {
    expect(popup.byTestId('choice-postponed')).toBeNull();
  });

  it('a choice list left on "Not now": "You postponed the choice", and the stored choice is not replaced by OFF', async () => {
    popup.unmount();
    tab = { tabId: 7, report: report({ controls: [control({ kind: 'choice', state: 'unknown', deferred: true, findings: [] })] }), service: claude() };
    popup = await mount(7);
    await settle();
    expect(popup.text('choice-postponed')).toBe('You postponed the choice; training stays as it was.');
    expect(popup.text('choice')).toBe('ON');
  });

  it('says when a deadline has passed', async () => {
    vi.setSystemTime(NOW + 14 * 24 * HOUR_MS + 4 * HOUR_MS);
    await act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(popup.text('countdown')).toBe('passed 2 days ago');
  });

  it('opens the privacy setting in a new tab', async () => {
    const link = popup.byTestId('settings-link')!;
    expect(link.textContent).toBe('Settings › Privacy › Help improve Claude');
    await click(link);
    expect(browser.tabs.create).toHaveBeenCalledWith({ url: 'https://claude.ai/settings/data-privacy-controls' });
  });

  it("lists the page's training switch with its findings and the dialog's", () => {
    const items = popup.allByTestId('finding-control');
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item.dataset.controlId).toBe('cl-1');
    expect(item.querySelector('h3')!.textContent).toBe('You can help improve Claude');
    expect(item.textContent).toContain('Pre-set to ON');
    // Built from the finding's id and numbers with the catalogue, not from the report's English message.
    expect(item.textContent).toContain('The training switch is already ON before you have chosen anything.');
    expect(item.textContent).not.toContain('The training switch was already ON before you chose anything.');
    expect(item.textContent).toContain('The switch is only 28×16 px; the accessibility minimum for a target is 24×24 px.');
    expect([...item.querySelectorAll('.severity')].map((s) => s.textContent)).toEqual(['High', 'Medium']);
    expect(popup.root.textContent).toContain('This dialog blocks the page and offers no way to close it or decide later.');
    expect(popup.byTestId('turn-off')).not.toBeNull();
  });

  it('Show me asks the content script to point at the switch', async () => {
    browser.tabs.sendMessage.mockResolvedValue({ ok: true, message: 'The switch is outlined on the page.' });
    await click(popup.byTestId('show-me'));
    expect(browser.tabs.sendMessage).toHaveBeenCalledWith(7, { type: 'popup→content:show-me', controlId: 'cl-1' });
    expect(popup.text('show-me-result')).toBe('The switch is outlined on the page.');
  });

  it('Turn off reports the result and refreshes the choice to OFF', async () => {
    browser.tabs.sendMessage.mockImplementation(async () => {
      // The background records the change before the popup asks again.
      tab = {
        tabId: 7,
        report: report({ controls: [{ ...report().controls[0]!, state: 'off' }] }),
        service: claude({
          record: record({
            current: { state: 'off', at: new Date(NOW).toISOString(), url: 'https://claude.ai/new', source: 'turn-off' },
          }),
        }),
      };
      return { ok: true, before: 'on', after: 'off', message: 'Turned off. The switch now reads OFF.' };
    });
    expect(popup.byTestId('turn-off-result')!.getAttribute('aria-live')).toBe('polite');
    await click(popup.byTestId('turn-off'));
    expect(browser.tabs.sendMessage).toHaveBeenCalledWith(7, { type: 'popup→content:turn-off', controlId: 'cl-1' });
    expect(popup.text('turn-off-result')).toBe('Turned off. The switch now reads OFF.');
    expect(popup.text('choice')).toBe('OFF');
    expect(popup.text('choice-seen')).toBe('last seen just now on claude.ai/new (your Turn off)');
    expect(popup.byTestId('turn-off')).toBeNull();
    // Focus stays in the list rather than falling to <body> with the removed button.
    expect(document.activeElement).toBe(popup.byTestId('show-me'));
  });

  it('opens every service on demand', async () => {
    const toggle = popup.byTestId('all-services-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(popup.allByTestId('service-row')).toHaveLength(0);
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const rows = popup.allByTestId('service-row');
    expect(rows.map((r) => r.dataset.serviceId)).toEqual(['claude', 'chatgpt']);
    expect(popup.allByTestId('service-choice').map((c) => c.textContent)).toEqual(['ON', 'not seen yet']);
    expect(rows[0]!.textContent).toContain('Decide by 8 October 2025 · 12 days 4 hours left');
    expect(rows[1]!.textContent).toContain('No deadline known');
  });
});
