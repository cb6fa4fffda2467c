/* The popup's other faces: drift, nothing to check, loading, and errors as one plain sentence. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SENTENCES } from '../../src/popup/api';
import { NOW, answer, chatgpt, claude, click, makeBrowser, mount, record, report, servicesView, settle, type Mounted } from './popup-helpers';

const browser = vi.hoisted(() => ({}) as ReturnType<typeof makeBrowser>);
vi.mock('webextension-polyfill', () => ({ default: browser }));

let popup: Mounted | null = null;

beforeEach(() => {
  Object.assign(browser, makeBrowser());
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
});

afterEach(() => {
  popup?.unmount();
  popup = null;
  vi.useRealTimers();
});

async function open(requested: number | null = 7): Promise<Mounted> {
  popup = await mount(requested);
  await settle();
  return popup;
}

describe('drift', () => {
  it('warns, in an alert, that the setting changed without the user', async () => {
    const drift = {
      from: 'off' as const,
      to: 'on' as const,
      previousAt: '2025-09-01T10:00:00Z',
      at: new Date(NOW - 2 * 3_600_000).toISOString(),
      url: 'https://claude.ai/settings/data-privacy-controls',
    };
    answer(browser, {
      tab: () => ({ tabId: 7, report: null, service: claude({ record: record({ drift }) }) }),
      services: () => servicesView(),
    });
    const p = await open();
    const warning = p.byTestId('drift-warning')!;
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toBe(
      'Changed without you: was OFF on 1 September 2025, now ON (seen 2 hours ago on claude.ai/settings/data-privacy-controls)',
    );
    expect(p.text('choice')).toBe('ON');
  });

  it('shows no warning when nothing drifted', async () => {
    answer(browser, { tab: () => ({ tabId: 7, report: report(), service: claude() }), services: () => servicesView() });
    const p = await open();
    expect(p.byTestId('drift-warning')).toBeNull();
  });
});

describe('nothing to check', () => {
  it('on a page of no known service, says which services are covered', async () => {
    answer(browser, { tab: () => ({ tabId: 7, report: null, service: null }), services: () => servicesView() });
    const p = await open();
    expect(p.text('no-report')).toContain('Nothing to check on this page');
    expect(p.text('no-report')).toContain('Consent Lens checks Claude and ChatGPT.');
    expect(p.byTestId('choice')).toBeNull();
    expect(p.byTestId('countdown')).toBeNull();
    expect(p.byTestId('finding-control')).toBeNull();
  });

  it('on a known service with no report yet, still shows the last known choice', async () => {
    answer(browser, {
      tab: () => ({ tabId: 7, report: null, service: chatgpt() }),
      services: () => servicesView(),
    });
    const p = await open();
    expect(p.text('no-report')).toContain('Nothing to check on this page');
    expect(p.text('no-report')).not.toContain('Consent Lens checks');
    expect(p.text('choice')).toBe('Unknown');
    expect(p.text('choice-seen')).toBe('not seen yet; new accounts start ON');
    expect(p.byTestId('deadline-date')).toBeNull();
  });

  it('on a page whose report has no training switch', async () => {
    answer(browser, {
      tab: () => ({ tabId: 7, report: report({ controls: [], surfaces: [], deadline: null }), service: claude({ deadline: null }) }),
      services: () => servicesView(),
    });
    const p = await open();
    expect(p.text('no-report')).toContain('No AI-training switch is showing on this page.');
  });

  it('uses a deadline read on an unknown page, naming the page it came from', async () => {
    answer(browser, {
      tab: () => ({ tabId: 7, report: report({ service: null, url: 'https://chat.example.org/terms' }), service: null }),
      services: () => servicesView(),
    });
    const p = await open();
    expect(p.text('deadline-date')).toBe('Decide by 8 October 2025');
    expect(p.text('deadline-source')).toBe('from the page you visited on chat.example.org');
  });
});

describe('loading', () => {
  it('shows a skeleton with the same panels until the replies arrive', async () => {
    let reply!: () => void;
    browser.tabs.get.mockResolvedValue({ id: 7 });
    browser.runtime.sendMessage.mockImplementation(
      (m: { type: string }) =>
        new Promise((resolve) => {
          const prev = reply;
          reply = () => {
            prev?.();
            resolve(m.type === 'popup→background:get-tab' ? { tabId: 7, report: report(), service: claude() } : servicesView());
          };
        }),
    );
    const p = await mount(7);
    popup = p;
    await settle();
    const busy = p.root.querySelector('[aria-busy="true"]');
    expect(busy).not.toBeNull();
    const skeletonPanels = [...p.root.querySelectorAll('section')].map((s) => s.className);
    expect(skeletonPanels).toEqual(['panel choice-panel', 'panel deadline-panel', 'panel page-panel']);
    reply();
    await settle();
    expect(p.root.querySelector('[aria-busy="true"]')).toBeNull();
    const loadedPanels = [...p.root.querySelectorAll('section')].map((s) => s.className).slice(0, 3);
    expect(loadedPanels).toEqual(skeletonPanels);
  });

  it('uses the active tab of the current window when no tab is named', async () => {
    answer(browser, { tab: () => ({ tabId: 7, report: null, service: null }), services: () => servicesView() });
    await open(null);
    expect(browser.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(browser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'popup→background:get-tab', tabId: 7 });
  });
});

describe('errors: one plain sentence, never a stack', () => {
  it('background unreachable', async () => {
    browser.tabs.get.mockResolvedValue({ id: 7 });
    browser.runtime.sendMessage.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    const p = await open();
    expect(p.text('popup-error')).toBe(SENTENCES.background);
    expect(p.byTestId('popup-error')!.getAttribute('role')).toBe('alert');
    expect(p.root.textContent).not.toMatch(/Receiving end|Error|at /);
  });

  it('background answers nothing (an older or broken worker)', async () => {
    browser.tabs.get.mockResolvedValue({ id: 7 });
    browser.runtime.sendMessage.mockResolvedValue(undefined);
    const p = await open();
    expect(p.text('popup-error')).toBe(SENTENCES.background);
  });

  it('the tab named in ?tab= is gone', async () => {
    browser.tabs.get.mockRejectedValue(new Error('No tab with id: 7.'));
    const p = await open();
    expect(p.text('popup-error')).toBe('This tab is no longer open.');
    expect(browser.runtime.sendMessage).not.toHaveBeenCalled();
  });

  it('a ?tab= that is not a tab id', async () => {
    const p = await open(Number.NaN);
    expect(p.text('popup-error')).toBe('This tab is no longer open.');
  });

  it('no content script for Show me or Turn off', async () => {
    answer(browser, { tab: () => ({ tabId: 7, report: report(), service: claude() }), services: () => servicesView() });
    browser.tabs.sendMessage.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    const p = await open();
    await click(p.byTestId('show-me'));
    expect(p.text('popup-error')).toBe(SENTENCES.content);
    expect(p.text('show-me-result')).toBe('');
    await click(p.byTestId('turn-off'));
    expect(p.allByTestId('popup-error')).toHaveLength(1);
    expect(p.text('popup-error')).toBe(SENTENCES.content);
    expect(p.text('turn-off-result')).toBe('');
    // The rest of the popup stays usable.
    expect(p.text('choice')).toBe('ON');
  });

  it('the tab closed before Turn off', async () => {
    answer(browser, { tab: () => ({ tabId: 7, report: report(), service: claude() }), services: () => servicesView() });
    browser.tabs.sendMessage.mockRejectedValue(new Error('No tab with id: 7.'));
    const p = await open();
    await click(p.byTestId('turn-off'));
    expect(p.text('popup-error')).toBe('This tab is no longer open.');
  });
});
