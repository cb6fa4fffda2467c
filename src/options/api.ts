/**
 * The options page's only door to the rest of the extension. It reads the evidence library
 * straight from IndexedDB (evidence-store.ts, read-only: images are megabytes, which runtime
 * messages cannot carry in Chrome) and asks the background, the library's only writer, to
 * delete records and change settings. Every failure becomes an `OptionsError` with one plain
 * sentence; raw errors are never shown.
 */
import browser from 'webextension-polyfill';
import {
  openEvidenceReader,
  watchEvidence,
  type EvidenceEntry,
  type EvidenceReader,
  type EvidenceSummary,
} from '../background/evidence-store';
import { exportName, libraryZip, recordZip, reportHtml } from '../background/evidence-export';
import type { DeleteResult } from '../background/evidence-router';
import type {
  DeleteRecoveryMessage,
  GetRecoveriesMessage,
  RecoveriesView,
  EvidenceDeleteMessage,
  EvidenceSettings,
  EvidenceSettingsMessage,
  GetUserRulesMessage,
  ImportUserRuleMessage,
  RemoveUserRuleMessage,
  SyncAllSitesMessage,
  UserRuleImportResult,
  UserRulesView,
} from '../shared/messages';
import { t, w } from '../i18n/page-words';
import type { AllSitesStatus } from '../shared/all-sites';
import { allSitesGranted, changeAllSitesPermission } from '../shared/all-sites-permission';
import { isRecoveriesView, recoveryFile } from '../shared/recovery-file';

export { t, w };

export const SENTENCES = {
  get library() {
    return t('errorLibrary');
  },
  get background() {
    return t('errorBackgroundPage');
  },
  get missing() {
    return t('errorMissing');
  },
  get export() {
    return t('errorExport');
  },
  get settings() {
    return t('errorPrefs');
  },
  get allSites() {
    return t('allSitesError');
  },
  get rules() {
    return t('rulesSaveFailed');
  },
};

export class OptionsError extends Error {
  constructor(readonly sentence: string) {
    super(sentence);
    this.name = 'OptionsError';
  }
}

export function sentenceFor(err: unknown, fallback: string): string {
  return err instanceof OptionsError ? err.sentence : fallback;
}

let reader: Promise<EvidenceReader> | null = null;
async function library(): Promise<EvidenceReader> {
  reader ??= openEvidenceReader().catch((e: unknown) => {
    reader = null;
    throw e;
  });
  try {
    return await reader;
  } catch {
    throw new OptionsError(SENTENCES.library);
  }
}

async function read<T>(f: (r: EvidenceReader) => Promise<T>): Promise<T> {
  const r = await library();
  try {
    return await f(r);
  } catch {
    throw new OptionsError(SENTENCES.library);
  }
}

export const listRecords = (): Promise<EvidenceSummary[]> => read((r) => r.list());
export const getSettings = (): Promise<EvidenceSettings> => read((r) => r.settings());

export async function getRecord(id: string): Promise<EvidenceEntry> {
  const entry = await read((r) => r.get(id));
  if (!entry) throw new OptionsError(SENTENCES.missing);
  return entry;
}

type ToBackground =
  | EvidenceDeleteMessage
  | EvidenceSettingsMessage
  | SyncAllSitesMessage
  | GetUserRulesMessage
  | ImportUserRuleMessage
  | RemoveUserRuleMessage
  | GetRecoveriesMessage
  | DeleteRecoveryMessage;

async function toBackground(message: ToBackground): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message);
  } catch {
    throw new OptionsError(SENTENCES.background);
  }
}

export async function deleteRecord(id: string): Promise<string> {
  const reply = (await toBackground({ type: 'options→background:evidence-delete', id })) as DeleteResult | undefined;
  if (!reply || typeof reply.message !== 'string') throw new OptionsError(SENTENCES.background);
  if (!reply.ok) throw new OptionsError(t('deleteFailed'));
  return reply.existed === false ? t('deleteGone') : t('deleteDone');
}

export async function setRedact(redact: boolean): Promise<EvidenceSettings> {
  const reply = (await toBackground({ type: 'options→background:evidence-settings', settings: { redact } })) as EvidenceSettings | undefined;
  if (!reply || typeof reply.redact !== 'boolean') throw new OptionsError(SENTENCES.settings);
  return reply;
}

export interface Download {
  fileName: string;
  blob: Blob;
}

async function exporting<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof OptionsError) throw e;
    throw new OptionsError(SENTENCES.export);
  }
}

export function exportRecordZip(entry: EvidenceEntry): Promise<Download> {
  return exporting(async () => ({ fileName: `${exportName(entry.record)}.zip`, blob: new Blob([(await recordZip(entry)) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }) }));
}

export function exportRecordHtml(entry: EvidenceEntry): Promise<Download> {
  return exporting(async () => ({ fileName: `${exportName(entry.record)}.html`, blob: new Blob([reportHtml(entry)], { type: 'text/html' }) }));
}

/** Every record, one folder each, read one at a time. */
export async function exportAll(): Promise<Download> {
  const ids = (await listRecords()).map((s) => s.id);
  return exporting(async () => {
    async function* entries(): AsyncGenerator<EvidenceEntry> {
      for (const id of ids) {
        const entry = await read((r) => r.get(id));
        if (entry) yield entry;
      }
    }
    const date = new Date().toISOString().slice(0, 10);
    return { fileName: `consent-lens-evidence-${date}.zip`, blob: new Blob([(await libraryZip(entries())) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }) };
  });
}

/** How much the browser lets this extension keep, and how much it uses (when it says). */
export async function storageUse(): Promise<{ usage: number; quota: number } | null> {
  try {
    const e = await navigator.storage.estimate();
    return typeof e.usage === 'number' && typeof e.quota === 'number' ? { usage: e.usage, quota: e.quota } : null;
  } catch {
    return null;
  }
}

/** Refreshes when the background writes to the library, or when this page is shown again. */
export function watchLibrary(onChange: () => void): () => void {
  const stop = watchEvidence(onChange);
  const visible = (): void => {
    if (document.visibilityState === 'visible') onChange();
  };
  document.addEventListener('visibilitychange', visible);
  return () => {
    stop();
    document.removeEventListener('visibilitychange', visible);
  };
}

// ── "Check all sites" ───────────────────────────────────────────────────────────────────

export { allSitesGranted };

/**
 * Asks for (or gives back) access to all sites, then has the background bring the registered
 * content script in line. Call it synchronously from the click handler: the browser grants only
 * while it handles the user's input.
 */
export function setAllSites(on: boolean): Promise<AllSitesStatus> {
  return changeAllSitesPermission(on).then(async () => {
    const reply = (await toBackground({ type: 'options→background:sync-all-sites' })) as AllSitesStatus | undefined;
    if (!reply || typeof reply.granted !== 'boolean') throw new OptionsError(SENTENCES.allSites);
    return reply;
  });
}

/** Calls `onChange` when the permission changes, also from the browser's own extension settings. */
export function watchPermissions(onChange: () => void): () => void {
  browser.permissions.onAdded.addListener(onChange);
  browser.permissions.onRemoved.addListener(onChange);
  return () => {
    browser.permissions.onAdded.removeListener(onChange);
    browser.permissions.onRemoved.removeListener(onChange);
  };
}

// ── the user's rules ────────────────────────────────────────────────────────────────────

function isRulesView(v: unknown): v is UserRulesView {
  const x = v as Partial<UserRulesView> | undefined;
  return !!x && Array.isArray(x.rules) && Array.isArray(x.builtinHosts) && typeof x.allSites === 'boolean';
}

export async function getUserRules(): Promise<UserRulesView> {
  const reply = await toBackground({ type: 'options→background:get-user-rules' });
  if (!isRulesView(reply)) throw new OptionsError(SENTENCES.background);
  return reply;
}

export async function importUserRule(text: string): Promise<UserRuleImportResult> {
  const reply = (await toBackground({ type: 'options→background:import-user-rule', text })) as UserRuleImportResult | undefined;
  if (!reply || typeof reply.ok !== 'boolean') throw new OptionsError(SENTENCES.background);
  return reply;
}

export async function removeUserRule(id: string): Promise<UserRulesView> {
  const reply = await toBackground({ type: 'options→background:remove-user-rule', id });
  if (!isRulesView(reply)) throw new OptionsError(SENTENCES.rules);
  return reply;
}

// ── saved data set aside ────────────────────────────────────────────────────────────────

export async function getRecoveries(): Promise<RecoveriesView> {
  const reply = await toBackground({ type: 'options→background:get-recoveries' });
  if (!isRecoveriesView(reply)) throw new OptionsError(SENTENCES.background);
  return reply;
}

export async function deleteRecovery(key: string): Promise<RecoveriesView> {
  const reply = await toBackground({ type: 'options→background:delete-recovery', key });
  if (!isRecoveriesView(reply)) throw new OptionsError(SENTENCES.background);
  return reply;
}

/** A kept-aside value as a JSON file, read straight from storage.local (the background is its only writer). */
export async function exportRecovery(key: string): Promise<Download> {
  let kept: unknown;
  try {
    kept = (await browser.storage.local.get(key))[key];
  } catch {
    throw new OptionsError(t('recoveryExportFailed'));
  }
  if (kept === undefined) throw new OptionsError(t('recoveryExportFailed'));
  const file = recoveryFile(key, kept);
  return { fileName: file.fileName, blob: new Blob([file.text], { type: 'application/json' }) };
}

/** Calls `onChange` when storage.local changes (something kept aside, restored, deleted). */
export function watchLocal(onChange: () => void): () => void {
  const listener = (_changes: unknown, area: string): void => {
    if (area === 'local') onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
