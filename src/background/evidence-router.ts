/**
 * The evidence messages (capture, delete, settings) and the keyboard shortcut. A second
 * runtime.onMessage listener beside router.ts: anything not for it gets `undefined` at once.
 * These come only from the extension's own pages (the popup, the options page), never from a
 * content script: a page must not be able to trigger a capture or delete the user's records.
 */
import { isMessage, type CaptureResult, type EvidenceSettings } from '../shared/messages';
import { capture, type CaptureDeps } from './capture';
import type { Sender } from './port';
import { isTabId } from './validate';

export const CAPTURE_COMMAND = 'capture-evidence';

export interface DeleteResult {
  ok: boolean;
  /** Whether there was such a capture to delete (the page words the outcome in the user's language). */
  existed?: boolean;
  message: string;
}

export type EvidenceReply = CaptureResult | DeleteResult | EvidenceSettings;

function fromOwnPage(sender: Sender, deps: CaptureDeps): boolean {
  const { id, base } = deps.port.extension;
  return sender.id === id && typeof sender.url === 'string' && base.length > 0 && sender.url.startsWith(base);
}

/** The known, well-typed fields of a settings change. */
export function settingsChange(x: unknown): Partial<EvidenceSettings> {
  const out: Partial<EvidenceSettings> = {};
  const redact = (x as { redact?: unknown } | null)?.redact;
  if (typeof redact === 'boolean') out.redact = redact;
  return out;
}

async function deleteRecord(deps: CaptureDeps, id: string): Promise<DeleteResult> {
  try {
    const existed = await (await deps.store()).delete(id);
    return { ok: true, existed, message: existed ? 'The capture was deleted.' : 'That capture was already gone.' };
  } catch (e) {
    deps.warn('could not delete a capture', e);
    return { ok: false, message: 'The capture could not be deleted. Try again.' };
  }
}

export function routeEvidence(message: unknown, sender: Sender, deps: CaptureDeps): Promise<EvidenceReply> | undefined {
  if (!isMessage(message) || !fromOwnPage(sender, deps)) return undefined;
  switch (message.type) {
    case 'popup→background:capture':
      return isTabId(message.tabId) ? capture(deps, message.tabId) : undefined;
    case 'options→background:evidence-delete':
      return deleteRecord(deps, message.id);
    case 'options→background:evidence-settings':
      return deps.store().then((s) => s.setSettings(settingsChange(message.settings)));
    default:
      return undefined;
  }
}

/** The keyboard shortcut: the browser grants activeTab for the tab it was pressed on. */
export async function onCommand(deps: CaptureDeps, command: string, tab: { id?: number } | undefined): Promise<CaptureResult | null> {
  if (command !== CAPTURE_COMMAND) return null;
  let tabId = tab?.id;
  if (tabId === undefined) {
    try {
      tabId = (await deps.port.tabs.active())?.id;
    } catch {
      tabId = undefined;
    }
  }
  if (tabId === undefined || !isTabId(tabId)) return null;
  // The outcome reaches the user as a notice in the page (capture.ts).
  return capture(deps, tabId);
}
