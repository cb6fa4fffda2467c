/**
 * Every message between the parts of the extension, as one discriminated union. Names carry
 * their direction (`content→background:…`). Anything that arrives is validated before use:
 * a page can talk to its own content script's world, so the background trusts only the sender
 * the browser names, never a tab id inside a message from a content script.
 */
import type { Report, State } from '../engine/types';
import type { ServiceRecord, Prefs } from './storage-schema';

/** Where an observation of the user's choice was made. */
export type ObservationSource = 'terms-dialog' | 'settings-page' | 'turn-off' | 'page';

// ── content → background ────────────────────────────────────────────────────────────────
export interface ReportMessage {
  type: 'content→background:report';
  report: Report;
  /** The training control's state changed while this page was open (a click we saw). */
  changedInPage: boolean;
}
export interface TurnedOffMessage {
  type: 'content→background:turned-off';
  controlId: string;
  /** The state read back after our click. */
  state: State;
  ok: boolean;
}

// ── popup → background ──────────────────────────────────────────────────────────────────
export interface GetTabMessage {
  type: 'popup→background:get-tab';
  tabId: number;
}
export interface GetServicesMessage {
  type: 'popup→background:get-services';
}
export interface SetPrefsMessage {
  type: 'popup→background:set-prefs';
  prefs: Partial<Prefs>;
}

// ── popup → content (browser.tabs.sendMessage) ───────────────────────────────────────────
export interface TurnOffMessage {
  type: 'popup→content:turn-off';
  controlId: string;
}
export interface ShowMeMessage {
  type: 'popup→content:show-me';
  controlId: string;
}

export type Message =
  | ReportMessage
  | TurnedOffMessage
  | GetTabMessage
  | GetServicesMessage
  | SetPrefsMessage
  | TurnOffMessage
  | ShowMeMessage;

// ── replies ─────────────────────────────────────────────────────────────────────────────
export interface TurnOffResult {
  ok: boolean;
  before: State;
  after: State;
  /** One plain sentence for the user: it worked, or why not. */
  message: string;
}

export interface ShowMeResult {
  ok: boolean;
  message: string;
}

export interface DeadlineView {
  /** YYYY-MM-DD */
  date: string;
  text: string;
  source: 'page' | 'rule';
  /** The page URL the date was read on, or the rule's documented source. */
  where: string;
}

export interface ServiceView {
  id: string;
  name: string;
  vendor: string;
  settingsUrl: string;
  /** "Settings › Privacy › Help improve Claude" */
  settingsPath: string;
  /** The service's default for consumer accounts. */
  defaultState: 'on' | 'off' | 'unknown';
  record: ServiceRecord | null;
  deadline: DeadlineView | null;
}

/** Reply to popup→background:get-tab. */
export interface TabView {
  tabId: number;
  /** The latest report from the tab, or null when the content script has not reported. */
  report: Report | null;
  /** The tab's service, when its URL belongs to one. */
  service: ServiceView | null;
}

/** Reply to popup→background:get-services. */
export interface ServicesView {
  services: ServiceView[];
  prefs: Prefs;
}

const TYPES = new Set<Message['type']>([
  'content→background:report',
  'content→background:turned-off',
  'popup→background:get-tab',
  'popup→background:get-services',
  'popup→background:set-prefs',
  'popup→content:turn-off',
  'popup→content:show-me',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Shape check of an incoming message; fields are checked again where they are used. */
export function isMessage(m: unknown): m is Message {
  if (!isObject(m) || typeof m.type !== 'string' || !TYPES.has(m.type as Message['type'])) return false;
  switch (m.type as Message['type']) {
    case 'content→background:report':
      return isObject(m.report) && typeof m.changedInPage === 'boolean';
    case 'content→background:turned-off':
      return typeof m.controlId === 'string' && typeof m.state === 'string' && typeof m.ok === 'boolean';
    case 'popup→background:get-tab':
      return Number.isInteger(m.tabId);
    case 'popup→background:get-services':
      return true;
    case 'popup→background:set-prefs':
      return isObject(m.prefs);
    case 'popup→content:turn-off':
    case 'popup→content:show-me':
      return typeof m.controlId === 'string';
  }
}
