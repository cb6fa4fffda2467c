/**
 * The popup's only door to the rest of the extension. Every `browser.*` call the popup makes is
 * here, every reply is shape-checked, and every failure becomes a `PopupError` carrying one
 * plain sentence: the raw error (often a stack or "Receiving end does not exist") is never shown.
 */
import browser, { type Manifest } from 'webextension-polyfill';
import type {
  CaptureMessage,
  CaptureResult,
  DismissRecoveryMessage,
  GetRecoveriesMessage,
  RecoveriesView,
  GetServicesMessage,
  GetTabMessage,
  ServicesView,
  SetPrefsMessage,
  ShowMeMessage,
  ShowMeResult,
  SyncAllSitesMessage,
  TabView,
  TurnOffMessage,
  TurnOffResult,
} from '../shared/messages';
import type { Prefs } from '../shared/storage-schema';
import type { AllSitesStatus } from '../shared/all-sites';
import { allSitesGranted, changeAllSitesPermission } from '../shared/all-sites-permission';
import { t, w } from '../i18n/page-words';
import { isRecoveriesView, recoveryFile } from '../shared/recovery-file';

export { t, w };

/** The plain sentences for what can go wrong, in the user's language. */
export const SENTENCES = {
  get background() {
    return t('errorBackground');
  },
  get tabGone() {
    return t('errorTabGone');
  },
  get noTab() {
    return t('errorNoTab');
  },
  get content() {
    return t('errorContent');
  },
  get open() {
    return t('errorOpen');
  },
  get prefs() {
    return t('errorPrefs');
  },
  get permission() {
    return t('errorPermission');
  },
  get capture() {
    return t('errorCapture');
  },
  get allSites() {
    return t('allSitesError');
  },
};

export class PopupError extends Error {
  constructor(readonly sentence: string) {
    super(sentence);
    this.name = 'PopupError';
  }
}

/** The sentence to show for anything thrown by the functions below. */
export function sentenceFor(err: unknown, fallback: string): string {
  return err instanceof PopupError ? err.sentence : fallback;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function toBackground(message: GetTabMessage | GetServicesMessage | SetPrefsMessage | GetRecoveriesMessage | DismissRecoveryMessage): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message);
  } catch {
    throw new PopupError(SENTENCES.background);
  }
}

async function toContent(tabId: number, message: TurnOffMessage | ShowMeMessage): Promise<unknown> {
  try {
    return await browser.tabs.sendMessage(tabId, message);
  } catch (err) {
    // Chrome: "No tab with id: 7."; Firefox: "Invalid tab ID: 7". Anything else means no
    // content script answered (a page opened before install, or one it does not run on).
    const text = err instanceof Error ? err.message : String(err);
    throw new PopupError(/no tab with id|invalid tab id/i.test(text) ? SENTENCES.tabGone : SENTENCES.content);
  }
}

/** `requested` from `?tab=`, else the active tab of the current window. */
export async function resolveTabId(requested: number | null): Promise<number> {
  if (requested !== null) {
    if (!Number.isInteger(requested)) throw new PopupError(SENTENCES.tabGone);
    try {
      await browser.tabs.get(requested);
    } catch {
      throw new PopupError(SENTENCES.tabGone);
    }
    return requested;
  }
  let tabs;
  try {
    tabs = await browser.tabs.query({ active: true, currentWindow: true });
  } catch {
    throw new PopupError(SENTENCES.noTab);
  }
  const id = tabs[0]?.id;
  if (id === undefined) throw new PopupError(SENTENCES.noTab);
  return id;
}

export async function getTab(tabId: number): Promise<TabView> {
  const message: GetTabMessage = { type: 'popup→background:get-tab', tabId };
  const reply = await toBackground(message);
  if (!isObject(reply) || typeof reply.tabId !== 'number' || !('report' in reply) || !('service' in reply)) {
    throw new PopupError(SENTENCES.background);
  }
  return reply as unknown as TabView;
}

export async function getServices(): Promise<ServicesView> {
  const message: GetServicesMessage = { type: 'popup→background:get-services' };
  const reply = await toBackground(message);
  if (!isObject(reply) || !Array.isArray(reply.services) || !isObject(reply.prefs)) {
    throw new PopupError(SENTENCES.background);
  }
  return reply as unknown as ServicesView;
}

export async function setPrefs(prefs: Partial<Prefs>): Promise<void> {
  const message: SetPrefsMessage = { type: 'popup→background:set-prefs', prefs };
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    throw new PopupError(SENTENCES.prefs);
  }
}

function isResult(v: unknown): v is { ok: boolean; message: string } {
  return isObject(v) && typeof v.ok === 'boolean' && typeof v.message === 'string';
}

export async function showMe(tabId: number, controlId: string): Promise<ShowMeResult> {
  const message: ShowMeMessage = { type: 'popup→content:show-me', controlId };
  const reply = await toContent(tabId, message);
  if (!isResult(reply)) throw new PopupError(SENTENCES.content);
  return reply;
}

export async function turnOff(tabId: number, controlId: string): Promise<TurnOffResult> {
  const message: TurnOffMessage = { type: 'popup→content:turn-off', controlId };
  const reply = await toContent(tabId, message);
  if (!isResult(reply)) throw new PopupError(SENTENCES.content);
  return reply as TurnOffResult;
}

/** Captures the tab as evidence (the background does the work; it can take a few seconds). */
export async function capture(tabId: number): Promise<CaptureResult> {
  const message: CaptureMessage = { type: 'popup→background:capture', tabId };
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(message);
  } catch {
    throw new PopupError(SENTENCES.background);
  }
  if (!isObject(reply) || typeof reply.ok !== 'boolean' || typeof reply.saved !== 'boolean' || typeof reply.message !== 'string') {
    throw new PopupError(SENTENCES.capture);
  }
  return reply as unknown as CaptureResult;
}

/**
 * The optional permission notifications need. ("alarms" is a required permission: Firefox does
 * not allow it as an optional one, and it shows the user no warning.)
 */
const NOTIFY_PERMISSIONS: Manifest.OptionalPermission[] = ['notifications'];

/**
 * Asks for the optional permissions notifications need. Browsers grant this only while a user
 * gesture is being handled, so call it synchronously from the click/change handler, before
 * any `await`.
 */
export function requestNotifyPermissions(): Promise<boolean> {
  return browser.permissions.request({ permissions: NOTIFY_PERMISSIONS }).catch(() => false);
}

export async function openTab(url: string): Promise<void> {
  try {
    await browser.tabs.create({ url });
  } catch {
    throw new PopupError(SENTENCES.open);
  }
}

/**
 * Calls `onChange` (coalesced) whenever the background writes what the popup shows: a new
 * report for a tab, a service's choice, the prefs. Any key counts; the storage layout belongs
 * to the background, and a spare refresh costs one message.
 */
export function watchStorage(onChange: () => void, delayMs = 200): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listener = (_changes: unknown, area: string): void => {
    if (area !== 'local' && area !== 'session') return;
    clearTimeout(timer);
    timer = setTimeout(onChange, delayMs);
  };
  browser.storage.onChanged.addListener(listener);
  return () => {
    clearTimeout(timer);
    browser.storage.onChanged.removeListener(listener);
  };
}

export { allSitesGranted };

/**
 * Asks for (or gives back) access to all sites, then has the background register (or
 * unregister) the content script. The browser grants only while it handles the user's click, so
 * call this synchronously from the click handler: the request starts before any await.
 */
export function setAllSites(on: boolean): Promise<AllSitesStatus> {
  return changeAllSitesPermission(on).then(async () => {
    const message: SyncAllSitesMessage = { type: 'popup→background:sync-all-sites' };
    let reply: unknown;
    try {
      reply = await browser.runtime.sendMessage(message);
    } catch {
      throw new PopupError(SENTENCES.allSites);
    }
    if (!isObject(reply) || typeof reply.granted !== 'boolean' || typeof reply.registered !== 'boolean') throw new PopupError(SENTENCES.allSites);
    return reply as unknown as AllSitesStatus;
  });
}

// ── saved data set aside ────────────────────────────────────────────────────────────────

export async function getRecoveries(): Promise<RecoveriesView> {
  const reply = await toBackground({ type: 'popup→background:get-recoveries' });
  if (!isRecoveriesView(reply)) throw new PopupError(SENTENCES.background);
  return reply;
}

/** Hides the popup's notice of one value kept aside (it stays kept, and listed on the options page). */
export async function dismissRecovery(key: string): Promise<RecoveriesView> {
  const reply = await toBackground({ type: 'popup→background:dismiss-recovery', key });
  if (!isRecoveriesView(reply)) throw new PopupError(SENTENCES.background);
  return reply;
}

/**
 * A kept-aside value as a JSON file. Read straight from storage.local (the page may read it; the
 * background is its only writer): it can be large, and the message channel carries JSON anyway.
 */
export async function exportRecovery(key: string): Promise<{ fileName: string; blob: Blob }> {
  let kept: unknown;
  try {
    kept = (await browser.storage.local.get(key))[key];
  } catch {
    throw new PopupError(t('recoveryExportFailed'));
  }
  if (kept === undefined) throw new PopupError(t('recoveryExportFailed'));
  const file = recoveryFile(key, kept);
  return { fileName: file.fileName, blob: new Blob([file.text], { type: 'application/json' }) };
}
