/** The real `BackgroundPort`: webextension-polyfill, as is. Only index.ts imports this. */
import browser from 'webextension-polyfill';
import type { AlarmsPort, BackgroundPort, NotificationsPort } from './port';
import type { AllSitesPort, ContentScript } from './all-sites';

// The optional-permission namespaces are absent until granted, although the types say otherwise.
type Optional = { alarms?: AlarmsPort; notifications?: NotificationsPort };

export function browserPort(): BackgroundPort {
  return {
    runtime: { id: browser.runtime.id, getURL: (path) => browser.runtime.getURL(path) },
    storage: { local: browser.storage.local, session: browser.storage.session },
    tabs: {
      get: (tabId) => browser.tabs.get(tabId),
      create: (properties) => browser.tabs.create(properties),
    },
    action: {
      setBadgeText: (details) => browser.action.setBadgeText(details),
      setBadgeBackgroundColor: (details) => browser.action.setBadgeBackgroundColor(details),
    },
    permissions: { contains: (p) => browser.permissions.contains(p) },
    message: (key) => browser.i18n.getMessage(key),
    alarms: () => (browser as Optional).alarms,
    notifications: () => (browser as Optional).notifications,
  };
}

/** The real `AllSitesPort`: permissions, scripting and the built manifest. */
export function allSitesPort(): AllSitesPort {
  return {
    granted: (origins) => browser.permissions.contains({ origins }),
    manifestContentScripts: () => browser.runtime.getManifest().content_scripts ?? [],
    registered: async (ids) => (await browser.scripting.getRegisteredContentScripts({ ids })) as ContentScript[],
    register: (scripts) => browser.scripting.registerContentScripts(scripts),
    unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
  };
}
