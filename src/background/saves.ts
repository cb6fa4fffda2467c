/**
 * The background's changes to stored data: `update()` (src/shared/storage.ts), and a note in
 * storage.session when a save fails for lack of room, so the popup and the options page can
 * say so (the worker that failed may be gone by then). The first save that works again
 * removes the note.
 */
import { isQuotaError, serialise, update } from '../shared/storage';
import type { Stored } from '../shared/storage-schema';
import type { Deps } from './port';

/** storage.session: `{ at }`, when saving first failed for lack of room. */
export const SAVE_FAILED_KEY = 'consentLens:save-failed';

export async function updateStored(deps: Deps, change: (stored: Stored) => Stored): Promise<Stored> {
  const session = deps.port.storage.session;
  let wrote = false;
  try {
    const next = await update(deps.port.storage.local, (s) => {
      const n = change(s);
      wrote = n !== s;
      return n;
    });
    if (wrote) await serialise(session, () => session.remove(SAVE_FAILED_KEY)).catch(() => undefined);
    return next;
  } catch (e) {
    if (isQuotaError(e)) {
      const at = deps.now().toISOString();
      await serialise(session, async () => {
        if (!(await fullSince(session))) await session.set({ [SAVE_FAILED_KEY]: { at } });
      }).catch(() => undefined);
    }
    throw e;
  }
}

/** When saving first failed for lack of room, or null. */
export async function fullSince(session: Deps['port']['storage']['session']): Promise<string | null> {
  try {
    const note = (await session.get(SAVE_FAILED_KEY))[SAVE_FAILED_KEY] as { at?: unknown } | undefined;
    return typeof note?.at === 'string' ? note.at : null;
  } catch {
    return null;
  }
}
