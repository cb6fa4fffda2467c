/**
 * The one typed schema of what the extension keeps in `storage.local`, with its version.
 * Per-tab reports live in `storage.session` (see TAB_KEY) and are not versioned: they die
 * with the browser session.
 */
import type { State } from '../engine/types';
import type { ObservationSource } from './messages';
import type { Rule } from '../rules/schema';

export const STORAGE_KEY = 'consentLens';
export const STORAGE_VERSION = 2;
export const TAB_KEY = (tabId: number): string => `tab:${tabId}`;
/** How many observations a service keeps (oldest dropped first). */
export const HISTORY_LIMIT = 100;

/** One sighting of the user's choice on a service. */
export interface Observation {
  state: State;
  /** ISO 8601, UTC */
  at: string;
  url: string;
  source: ObservationSource;
  /**
   * Set (true) when the user changed the control in the page, as the content script saw it.
   * Such an observation is the user's own choice, so a later settings page is compared with it
   * (see `drift`). Optional: absent means false. Added without a version bump.
   */
  changedInPage?: boolean;
}

/** The setting changed between two visits without an action we saw. */
export interface Drift {
  from: State;
  to: State;
  /** When the changed state was seen (ISO). */
  at: string;
  url: string;
  /** When the earlier state had been seen (ISO). */
  previousAt: string;
}

export interface SeenDeadline {
  date: string;
  text: string;
  source: 'page' | 'rule';
  seenAt: string;
  url: string;
}

export interface ServiceRecord {
  /** The last observation with a known state (on/off/mixed), or null. */
  current: Observation | null;
  /** Every observation that changed something, oldest first, at most HISTORY_LIMIT. */
  history: Observation[];
  /** Set when a later visit found the setting changed without an action seen by us; cleared when the user acts. */
  drift: Drift | null;
  /** The latest deadline a page showed for this service. */
  deadline: SeenDeadline | null;
  /**
   * When we last notified about a terms dialog with the training switch ON for this service
   * (ISO), so the worker, which may be restarted at any moment, notifies at most once a day.
   * Optional: absent means never. Added without a version bump.
   */
  termsNotifiedAt?: string;
}

export interface Prefs {
  /** Opt-in: notify about new terms dialogs and coming deadlines. */
  notifications: boolean;
}

export interface StoredV1 {
  version: 1;
  services: Record<string, ServiceRecord>;
  prefs: Prefs;
}

/**
 * v2 adds the user's own rules (imported on the options page), each valid against the rule
 * schema and none with a built-in rule's id; the background merges them after the built-in
 * ones (src/rules/merge.ts) and sends them to the content script with the words.
 */
export interface StoredV2 {
  version: 2;
  services: Record<string, ServiceRecord>;
  prefs: Prefs;
  userRules: Rule[];
}

export type Stored = StoredV2;

export function emptyStore(): Stored {
  return { version: STORAGE_VERSION, services: {}, prefs: { notifications: false }, userRules: [] };
}

export function emptyRecord(): ServiceRecord {
  return { current: null, history: [], drift: null, deadline: null };
}
