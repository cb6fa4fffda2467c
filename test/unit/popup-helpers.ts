/**
 * Shared by the popup component tests: a mocked `browser` (installed by each test file's
 * vi.mock of webextension-polyfill), sample replies, and a tiny renderer over happy-dom.
 */
import { vi } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../src/popup/App';
import type { Control, Report } from '../../src/engine/types';
import type { ServicesView, ServiceView, TabView } from '../../src/shared/messages';
import type { ServiceRecord } from '../../src/shared/storage-schema';
import { i18nFor } from './i18n-helpers';

export function makeBrowser() {
  return {
    runtime: { sendMessage: vi.fn() },
    tabs: { query: vi.fn(), get: vi.fn(), sendMessage: vi.fn(), create: vi.fn() },
    permissions: { request: vi.fn(), remove: vi.fn(), contains: vi.fn(async () => false) },
    storage: { onChanged: { addListener: vi.fn(), removeListener: vi.fn() } },
    i18n: i18nFor('en'),
  };
}
export type BrowserMock = ReturnType<typeof makeBrowser>;

export const NOW = Date.parse('2025-09-25T20:00:00Z'); // 12 days 4 hours before 2025-10-08T00:00Z

export function control(over: Partial<Control> = {}): Control {
  return {
    id: 'cl-1',
    label: 'You can help improve Claude',
    description: 'Allow the use of your chats and coding sessions to train and improve Anthropic AI models.',
    purpose: 'ai-training',
    state: 'on',
    kind: 'switch',
    box: { x: 400, y: 520, width: 28, height: 16 },
    findings: [
      {
        id: 'preselected',
        severity: 'high',
        message: 'The training switch was already ON before you chose anything.',
        measured: { state: 'on' },
        refs: ['GDPR Recital 32'],
      },
      {
        id: 'small-target',
        severity: 'medium',
        message: 'The switch is 28×16 px, smaller than the 24×24 px minimum target.',
        measured: { widthPx: 28, heightPx: 16 },
        refs: ['WCAG 2.2 SC 2.5.8'],
      },
    ],
    surfaceId: 's-1',
    ...over,
  };
}

export function report(over: Partial<Report> = {}): Report {
  return {
    schema: 'consent-lens/report@1',
    target: 'https://claude.ai/new',
    url: 'https://claude.ai/new',
    savedFrom: null,
    title: 'Claude',
    scannedAt: new Date(NOW - 60_000).toISOString(),
    service: 'claude',
    viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
    surfaces: [
      {
        id: 's-1',
        kind: 'terms-update',
        title: 'Updates to Consumer Terms and Policies',
        box: { x: 300, y: 100, width: 640, height: 560 },
        primaryAction: { label: 'Accept', box: { x: 340, y: 440, width: 560, height: 44 } },
        findings: [
          {
            id: 'forced-choice',
            severity: 'medium',
            message: 'The dialog cannot be closed or postponed.',
            measured: {},
            refs: [],
          },
        ],
      },
    ],
    controls: [control()],
    deadline: { date: '2025-10-08', text: 'will take effect on October 8, 2025', source: 'page' },
    engine: { version: '0.1.0', ms: 12 },
    ...over,
  };
}

export function record(over: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    current: {
      state: 'on',
      at: new Date(NOW - 3 * 3_600_000).toISOString(),
      url: 'https://claude.ai/settings/data-privacy-controls?tab=privacy',
      source: 'settings-page',
    },
    history: [],
    drift: null,
    deadline: null,
    ...over,
  };
}

export function claude(over: Partial<ServiceView> = {}): ServiceView {
  return {
    id: 'claude',
    name: 'Claude',
    vendor: 'Anthropic',
    settingsUrl: 'https://claude.ai/settings/data-privacy-controls',
    settingsPath: 'Settings › Privacy › Help improve Claude',
    defaultState: 'on',
    record: record(),
    deadline: {
      date: '2025-10-08',
      text: 'updated consumer terms take effect',
      source: 'rule',
      where: 'https://www.anthropic.com/news/updates-to-our-consumer-terms',
    },
    ...over,
  };
}

export function chatgpt(over: Partial<ServiceView> = {}): ServiceView {
  return {
    id: 'chatgpt',
    name: 'ChatGPT',
    vendor: 'OpenAI',
    settingsUrl: 'https://chatgpt.com/#settings/DataControls',
    settingsPath: 'Settings › Data controls › Improve the model for everyone',
    defaultState: 'on',
    record: null,
    deadline: null,
    ...over,
  };
}

export function servicesView(over: Partial<ServicesView> = {}): ServicesView {
  return { services: [claude(), chatgpt()], prefs: { notifications: false }, ...over };
}

/** Answers popup→background messages from the given (changeable) views. */
export function answer(browser: BrowserMock, views: { tab: () => TabView; services: () => ServicesView }): void {
  browser.tabs.get.mockResolvedValue({ id: 7 });
  browser.tabs.query.mockResolvedValue([{ id: 7 }]);
  browser.runtime.sendMessage.mockImplementation(async (m: { type: string }) => {
    if (m.type === 'popup→background:get-tab') return views.tab();
    if (m.type === 'popup→background:get-services') return views.services();
    return undefined;
  });
}

export interface Mounted {
  root: HTMLElement;
  byTestId: (id: string) => HTMLElement | null;
  allByTestId: (id: string) => HTMLElement[];
  text: (id: string) => string | null;
  unmount: () => void;
}

export async function mount(requestedTabId: number | null = 7): Promise<Mounted> {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(h(App, { requestedTabId }), root));
  const byTestId = (id: string): HTMLElement | null => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return {
    root,
    byTestId,
    allByTestId: (id) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)],
    text: (id) => byTestId(id)?.textContent ?? null,
    unmount: () => {
      render(null, root);
      root.remove();
    },
  };
}

/** Lets pending promises (mocked replies) settle and Preact re-render. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => Promise.resolve());
}

export async function click(el: HTMLElement | null): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(() => el.click());
  await settle();
}
