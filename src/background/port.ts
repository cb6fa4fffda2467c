/**
 * The slice of the extension APIs the background uses, as an interface the code is given
 * (`Deps`) rather than a global it imports. `browser-port.ts` adapts webextension-polyfill to
 * it; unit tests pass a fake. Nothing here holds state.
 */
import type { Rule } from '../rules/schema';
import type { StorageArea } from '../shared/storage';
import type { AllSitesPort } from './all-sites';
import type { MessageKey } from '../i18n/catalogue';
import type { Words } from '../i18n/words';

/** Who sent a runtime message, as the browser names it. */
export interface Sender {
  /** The sending extension's id. */
  id?: string;
  /** The sending document's URL (a page for a content script, an extension page for the popup). */
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  /** Chromium: the sending document's id and lifecycle ('active', 'cached', 'pending_deletion', 'prerender'). */
  documentId?: string;
  documentLifecycle?: string;
}

export interface TabInfo {
  id?: number;
  url?: string;
}

export interface Alarm {
  name: string;
  scheduledTime: number;
}

export interface AlarmsPort {
  create(name: string, info: { when: number }): Promise<void>;
  getAll(): Promise<Alarm[]>;
  clear(name: string): Promise<boolean>;
}

export interface NotificationsPort {
  create(
    id: string,
    options: { type: 'basic'; iconUrl: string; title: string; message: string },
  ): Promise<string>;
  clear(id: string): Promise<boolean>;
}

export interface BackgroundPort {
  runtime: {
    /** This extension's id. */
    id: string;
    getURL(path: string): string;
  };
  storage: { local: StorageArea; session: StorageArea };
  tabs: {
    get(tabId: number): Promise<TabInfo>;
    create(properties: { url: string }): Promise<unknown>;
  };
  action: {
    setBadgeText(details: { tabId: number; text: string }): Promise<void>;
    setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  };
  permissions: {
    contains(permissions: { permissions: string[] }): Promise<boolean>;
  };
  /** `i18n.getMessage`: a catalogue message in the browser's language ('' when unknown); absent in tests. */
  message?(key: MessageKey): string;
  /** Undefined while the optional "alarms" permission is not granted. */
  alarms(): AlarmsPort | undefined;
  /** Undefined while the optional "notifications" permission is not granted. */
  notifications(): NotificationsPort | undefined;
}

export interface Deps {
  port: BackgroundPort;
  rules: readonly Rule[];
  /** The words in the browser's language (notifications); absent in tests, which read English. */
  words?: Words;
  /** "Check all sites" (permissions, scripting); absent in tests that do not need it. */
  allSites?: AllSitesPort;
  now(): Date;
  /** Where failures that must not reach a sender are reported. */
  warn(message: string, error?: unknown): void;
}
