/** The real `BackgroundPort`: webextension-polyfill, as is. Only index.ts imports this. */
import browser from 'webextension-polyfill';
import type { AlarmsPort, BackgroundPort, NotificationsPort } from './port';

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
    alarms: () => (browser as Optional).alarms,
    notifications: () => (browser as Optional).notifications,
  };
}
