/**
 * Every message between the parts of the extension, as one discriminated union. Names carry
 * their direction (`content→background:…`). Anything that arrives is validated before use:
 * a page can talk to its own content script's world, so the background trusts only the sender
 * the browser names, never a tab id inside a message from a content script.
 */
import type { Report, State } from '../engine/types';
import type { RedactionKind } from './evidence';
import type { ServiceRecord, Prefs } from './storage-schema';
import type { KeptAside } from './storage';
import type { Rule } from '../rules/schema';
import type { LexiconWords } from '../engine/lexicon-words';
import type { RuleFileProblem } from '../rules/user-rules';
import { isToContent } from './messages-to-content';

/** Where an observation of the user's choice was made. */
export type ObservationSource = 'terms-dialog' | 'settings-page' | 'turn-off' | 'page';

// ── content → background ────────────────────────────────────────────────────────────────
/** The background's answer to a report it handled (anything else: the content script sends it again). */
export interface ReportReceipt {
  received: true;
}
export const RECEIPT: ReportReceipt = { received: true };

export interface ReportMessage {
  type: 'content→background:report';
  /**
   * Its findings unworded (`message: ''`, `refs: []`): the background writes the English
   * sentences and sources into it (src/engine/findings-words.ts).
   */
  report: Report;
  /** The training control's state changed while this page was open (a click we saw). */
  changedInPage: boolean;
  /**
   * The rendered text of the reported surfaces, terms updates first: the background reads the
   * deadline from it (the content script does not carry the date reader). At most 20 000 chars.
   */
  texts?: string[];
}
export interface TurnedOffMessage {
  type: 'content→background:turned-off';
  controlId: string;
  /** The state read back after our click. */
  state: State;
  ok: boolean;
}

/**
 * What to scan with (reply: `RulesReply`): the rules, the built-in ones then the user's, and the
 * engine's word lists. The background holds both, so the content script does not carry a copy
 * of every service's rule and of the words in nine languages in every page.
 */
export interface GetRulesMessage {
  type: 'content→background:get-rules';
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

// ── "Check all sites" and the user's rules: popup / options page → background ─────────────
/**
 * After the page asked for (or gave back) the all-sites permission: bring the registered
 * content script in line with it and answer an AllSitesStatus. (permissions.onAdded/onRemoved do
 * the same; this lets the page show the outcome.)
 */
export interface SyncAllSitesMessage {
  type: 'popup→background:sync-all-sites' | 'options→background:sync-all-sites';
}
/** The user's rules (reply: UserRulesView). */
export interface GetUserRulesMessage {
  type: 'options→background:get-user-rules';
}
/** A rule file's text, to check and keep (reply: UserRuleImportResult). */
export interface ImportUserRuleMessage {
  type: 'options→background:import-user-rule';
  text: string;
}
/** Forget one of the user's rules (reply: UserRulesView). */
export interface RemoveUserRuleMessage {
  type: 'options→background:remove-user-rule';
  id: string;
}

// ── saved data set aside (src/shared/storage.ts): popup / options page → background ───────
/** What was kept aside, and whether saving works (reply: RecoveriesView). */
export interface GetRecoveriesMessage {
  type: 'popup→background:get-recoveries' | 'options→background:get-recoveries';
}
/** Hide the popup's notice of one kept-aside value; it stays kept and listed (reply: RecoveriesView). */
export interface DismissRecoveryMessage {
  type: 'popup→background:dismiss-recovery';
  key: string;
}
/** Delete one kept-aside value, at the user's word on the options page (reply: RecoveriesView). */
export interface DeleteRecoveryMessage {
  type: 'options→background:delete-recovery';
  key: string;
}
export interface RecoveriesView {
  /** Every value kept aside, newest first. */
  recoveries: KeptAside[];
  /** Why the saved data could be neither read nor kept aside (English; shown as text), or null. */
  problem: string | null;
  /** When saving first failed for lack of room (ISO), null once a save works again. */
  fullSince: string | null;
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

// ── evidence: popup / options page → background ─────────────────────────────────────────
/** Capture the tab (it must be the visible tab of its window; the popup's click grants activeTab). */
export interface CaptureMessage {
  type: 'popup→background:capture';
  tabId: number;
}
/** Delete one record from the evidence library (the background is the library's only writer). */
export interface EvidenceDeleteMessage {
  type: 'options→background:evidence-delete';
  id: string;
}
export interface EvidenceSettingsMessage {
  type: 'options→background:evidence-settings';
  settings: Partial<EvidenceSettings>;
}

// ── evidence: background → content (browser.tabs.sendMessage, top frame) ─────────────────
/** Scan now, hide our overlay, measure what must be masked and how the dialog scrolls. */
export interface CapturePrepareMessage {
  type: 'background→content:capture-prepare';
  redact: boolean;
  /**
   * What the background itself copies into the record (the tab's URL, the deadline text it read
   * from the page earlier): scrubbed with the same values as the report, and sent back in
   * `CapturePrepared.copied`, so the values never leave the page.
   */
  copied: CopiedTexts;
}

export interface CopiedTexts {
  url: string;
  deadline: string | null;
}
/** Scroll the dialog's scroll container (or the document) to `to` px, then answer. */
export interface CaptureScrollMessage {
  type: 'background→content:capture-scroll';
  to: number;
}
/** The pictures are taken: put the scroll position and our overlay back as they were. */
export interface CaptureRestoreMessage {
  type: 'background→content:capture-restore';
}
/** Tell the user in the page how the capture went (a short notice; the keyboard path has no popup). */
export interface CaptureNoticeMessage {
  type: 'background→content:capture-notice';
  ok: boolean;
  message: string;
}

export type Message =
  | ReportMessage
  | TurnedOffMessage
  | GetRulesMessage
  | GetTabMessage
  | GetServicesMessage
  | SetPrefsMessage
  | TurnOffMessage
  | ShowMeMessage
  | CaptureMessage
  | EvidenceDeleteMessage
  | EvidenceSettingsMessage
  | CapturePrepareMessage
  | CaptureScrollMessage
  | CaptureRestoreMessage
  | CaptureNoticeMessage;

/**
 * Messages only extension pages send to the background. Checked by `isPageMessage`
 * (src/background/page-messages.ts), not `isMessage`, so the content script does not carry them.
 */
export type PageMessage = SyncAllSitesMessage | GetUserRulesMessage | ImportUserRuleMessage | RemoveUserRuleMessage | GetRecoveriesMessage | DismissRecoveryMessage | DeleteRecoveryMessage;

// ── replies ─────────────────────────────────────────────────────────────────────────────
/**
 * Reply to content→background:get-rules. The content script checks both before use
 * (`mergeRules`, `useWords`) and does not scan without the words.
 */
export interface RulesReply {
  rules: readonly Rule[];
  /** src/engine/lexicon-words.ts, compiled by the content script (src/engine/lexicon.ts). */
  words: LexiconWords;
}

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

/** A region to mask, in CSS px relative to the viewport at the moment it was measured. */
export interface MaskRegion {
  kind: RedactionKind;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How the dialog scrolls, measured by the content script when a capture starts (CSS px,
 * viewport coordinates at that moment). `inside`: the scroll container is the dialog or lies
 * within it (what is above and below it in the dialog stays put). `around`: the dialog scrolls
 * inside a container or the document (the dialog moves as a whole).
 */
export interface StitchLayout {
  mode: 'inside' | 'around';
  /** The dialog's box, cut to the viewport for `inside`; its full box for `around`. */
  dialog: { x: number; y: number; width: number; height: number };
  /** The scroll container's visible client area (the viewport for the document). */
  band: { x: number; y: number; width: number; height: number };
  /** The container's scrollHeight and the largest scrollTop it allows. */
  contentHeight: number;
  maxScroll: number;
  /** scrollTop (scrollY for the document) when the report was scanned. */
  scrollAtScan: number;
  /** Report ids (controls, and `primaryActionKey(surfaceId)` for accept actions) whose boxes move with the container. */
  moving: string[];
}

/** How StitchLayout.moving names a surface's accept action. */
export const primaryActionKey = (surfaceId: string): string => `primary:${surfaceId}`;

/** Reply to background→content:capture-prepare. */
export interface CapturePrepared {
  /**
   * A fresh scan, made at capture time, with redacted values replaced by "[redacted]"; its
   * findings unworded, like every report a content script sends.
   */
  report: Report;
  /** The dialog's sanitised DOM excerpt (src/report/sanitise.ts), redacted the same way. */
  domExcerpt: string;
  /** window.scrollX / scrollY at the scan: report boxes are document coordinates. */
  scroll: { x: number; y: number };
  viewport: { width: number; height: number; devicePixelRatio: number };
  userAgent: string;
  /** What to mask in the view as it is now. Empty when redaction is off. */
  regions: MaskRegion[];
  /**
   * False when redaction is on and its search ran out of budget before the whole page was
   * searched: masks may be missing, and the background stores nothing.
   */
  redactionComplete: boolean;
  /** The prepare message's `copied`, scrubbed when redaction is on. */
  copied: CopiedTexts;
  /** Null: one viewport capture shows the whole dialog. */
  stitch: StitchLayout | null;
}

/** Reply to background→content:capture-scroll. */
export interface CaptureScrolled {
  /** The scroll position reached (the browser clamps it). */
  scroll: number;
  regions: MaskRegion[];
  /** As in CapturePrepared, for the view at this scroll position. */
  redactionComplete: boolean;
}

/** The evidence settings (options page). */
export interface EvidenceSettings {
  /** Mask the signed-in account's name, email addresses and avatar before anything is stored. */
  redact: boolean;
}

/** Reply to popup→background:capture. */
export interface CaptureResult {
  /** The pictures and the record were made. */
  ok: boolean;
  /** The record is in the evidence library. */
  saved: boolean;
  id: string | null;
  /** One plain sentence for the user: what was kept, or what went wrong and why. */
  message: string;
  method: 'viewport' | 'stitched' | null;
  parts: number;
  /**
   * When the capture was made but could not be saved (storage full), the record as a zip, so
   * that nothing is lost: base64, to be offered as a download.
   */
  unsaved: { fileName: string; zipBase64: string } | null;
  /**
   * Why it failed or was not saved, so the popup can say it in the user's language (`message`
   * is English: it goes into the in-page notice and the logs).
   */
  why?: CaptureWhy;
  /** For a capture that was made: what redaction did. */
  redaction?: { enabled: boolean; regions: number; masked: RedactionKind[] };
}

export type CaptureWhy =
  | 'tabGone'
  | 'notFront'
  | 'notAllowed'
  | 'notOurs'
  | 'busy'
  | 'badAnswer'
  | 'redactionIncomplete'
  | 'pageChanged'
  | 'full'
  | 'notSaved'
  | 'failed';

/** Reply to options→background:get-user-rules and :remove-user-rule. */
export interface UserRulesView {
  rules: Rule[];
  /** The built-in rules' hosts (a user rule's host among them is checked without "Check all sites"). */
  builtinHosts: string[];
  allSites: boolean;
}

/** Reply to options→background:import-user-rule. */
export type UserRuleImportResult =
  | ({ ok: true; rule: Rule; replaced: boolean } & UserRulesView)
  | { ok: false; problems: RuleFileProblem[]; saveFailed?: boolean };

/** Reply to popup→background:get-services. */
export interface ServicesView {
  services: ServiceView[];
  prefs: Prefs;
}

const TYPES = new Set<Message['type']>([
  'content→background:report',
  'content→background:turned-off',
  'content→background:get-rules',
  'popup→background:get-tab',
  'popup→background:get-services',
  'popup→background:set-prefs',
  'popup→content:turn-off',
  'popup→content:show-me',
  'popup→background:capture',
  'options→background:evidence-delete',
  'options→background:evidence-settings',
  'background→content:capture-prepare',
  'background→content:capture-scroll',
  'background→content:capture-restore',
  'background→content:capture-notice',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Shape check of an incoming message; fields are checked again where they are used. */
export function isMessage(m: unknown): m is Message {
  if (!isObject(m) || typeof m.type !== 'string' || !TYPES.has(m.type as Message['type'])) return false;
  switch (m.type as Message['type']) {
    case 'content→background:report':
      return (
        isObject(m.report) &&
        typeof m.changedInPage === 'boolean' &&
        (m.texts === undefined || (Array.isArray(m.texts) && m.texts.every((t) => typeof t === 'string')))
      );
    case 'content→background:turned-off':
      return typeof m.controlId === 'string' && typeof m.state === 'string' && typeof m.ok === 'boolean';
    case 'content→background:get-rules':
      return true;
    case 'popup→background:get-tab':
      return Number.isInteger(m.tabId);
    case 'popup→background:get-services':
      return true;
    case 'popup→background:set-prefs':
      return isObject(m.prefs);
    case 'popup→background:capture':
      return Number.isInteger(m.tabId);
    case 'options→background:evidence-delete':
      return typeof m.id === 'string';
    case 'options→background:evidence-settings':
      return isObject(m.settings);
    case 'popup→content:turn-off':
    case 'popup→content:show-me':
    case 'background→content:capture-prepare':
    case 'background→content:capture-scroll':
    case 'background→content:capture-restore':
    case 'background→content:capture-notice':
      return isToContent(m);
  }
}
