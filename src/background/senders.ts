/**
 * Who may send what. A content script's messages are trusted only from a tab and only with the
 * tab id the browser names (`sender.tab.id`): a page can talk to its content script, so nothing
 * inside such a message decides which tab or site it concerns. Popup messages are trusted only
 * from this extension's own pages. Everything else is dropped without a reply.
 */
import {
  isMessage,
  type GetRulesMessage,
  type GetServicesMessage,
  type GetTabMessage,
  type PageMessage,
  type ReportMessage,
  type SetPrefsMessage,
  type TurnedOffMessage,
} from '../shared/messages';
import type { Sender } from './port';
import { isPageMessage } from './page-messages';

export interface Self {
  /** This extension's id. */
  id: string;
  /** `runtime.getURL('')`: the origin of this extension's pages, with a trailing slash. */
  base: string;
}

export type Trusted =
  | {
      from: 'content';
      /** From `sender.tab.id`, never from the message. */
      tabId: number;
      /** The sending page's URL as the browser names it. */
      pageUrl: string;
      message: ReportMessage | TurnedOffMessage | GetRulesMessage;
    }
  | { from: 'popup'; message: GetTabMessage | GetServicesMessage | SetPrefsMessage }
  /** From the popup or the options page: "Check all sites" and the user's rules. */
  | { from: 'page'; message: PageMessage };

function isWebPage(url: string): boolean {
  return url.startsWith('https://') || url.startsWith('http://');
}

const withoutHash = (url: string): string => url.replace(/#.*$/, '');

/**
 * Whether the sending document is the one the tab shows now. A report or turn-off from a
 * document the tab has left (being unloaded, kept in the back/forward cache, prerendered) would
 * put another page's state on this tab's badge and popup. Chromium names the document's
 * lifecycle; where it does not (Firefox), a document whose URL is not the tab's is not current.
 */
function currentDocument(sender: Sender, pageUrl: string): boolean {
  if (sender.documentLifecycle !== undefined) return sender.documentLifecycle === 'active';
  const tabUrl = sender.tab?.url;
  return typeof tabUrl !== 'string' || tabUrl === '' || withoutHash(tabUrl) === withoutHash(pageUrl);
}

/** The message with its trusted origin, or null when it must be ignored. Pure and synchronous. */
export function trust(message: unknown, sender: Sender, self: Self): Trusted | null {
  if (sender.id !== self.id) return null;
  const fromExtensionPage = typeof sender.url === 'string' && self.base.length > 0 && sender.url.startsWith(self.base);
  if (isPageMessage(message)) return fromExtensionPage ? { from: 'page', message } : null;
  if (!isMessage(message)) return null;
  switch (message.type) {
    case 'content→background:report':
    case 'content→background:turned-off':
    case 'content→background:get-rules': {
      if (fromExtensionPage) return null;
      const tabId = sender.tab?.id;
      if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) return null;
      // The manifest injects into top frames only; a frame's message would speak for the tab.
      if (sender.frameId !== undefined && sender.frameId !== 0) return null;
      const pageUrl = sender.url ?? sender.tab?.url;
      if (typeof pageUrl !== 'string' || !isWebPage(pageUrl)) return null;
      if (message.type !== 'content→background:get-rules' && !currentDocument(sender, pageUrl)) return null;
      return { from: 'content', tabId, pageUrl, message };
    }
    case 'popup→background:get-tab':
    case 'popup→background:get-services':
    case 'popup→background:set-prefs':
      return fromExtensionPage ? { from: 'popup', message } : null;
    default:
      // popup→content messages go to tabs, not here.
      return null;
  }
}
