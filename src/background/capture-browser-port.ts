/** The real `CapturePort`: webextension-polyfill, as is. Only index.ts imports this. */
import browser, { type Tabs } from 'webextension-polyfill';
import type { CapturePort, CaptureTab } from './capture-port';
import { CAPTURE_FILE } from '../shared/content-files';

function tab(t: Tabs.Tab): CaptureTab {
  return { id: t.id ?? -1, windowId: t.windowId ?? -1, url: t.url ?? null, active: t.active };
}

export function captureBrowserPort(): CapturePort {
  return {
    extension: { id: browser.runtime.id, base: browser.runtime.getURL(''), version: browser.runtime.getManifest().version },
    tabs: {
      get: async (tabId) => tab(await browser.tabs.get(tabId)),
      active: async () => {
        const [t] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
        return t ? tab(t) : null;
      },
      captureVisibleTab: (windowId) => browser.tabs.captureVisibleTab(windowId, { format: 'png' }),
      sendMessage: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
      injectCapture: async (tabId) => {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [CAPTURE_FILE] });
      },
    },
    session: browser.storage.session,
  };
}
