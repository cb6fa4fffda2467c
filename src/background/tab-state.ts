/**
 * Each tab's latest report, in `storage.session` under TAB_KEY(tabId): it lives as long as the
 * browser session, survives the worker being stopped, and is never written to disk. Cleared
 * when the tab closes or goes to another page.
 */
import type { Report } from '../engine/types';
import { serialise, type StorageArea } from '../shared/storage';
import { TAB_KEY } from '../shared/storage-schema';
import { BADGE_NONE, setBadge } from './badge';
import type { Deps } from './port';

export interface TabEntry {
  report: Report;
  /** When the background received it (ISO). */
  at: string;
}

function isEntry(x: unknown): x is TabEntry {
  if (typeof x !== 'object' || x === null) return false;
  const { report, at } = x as { report?: unknown; at?: unknown };
  return typeof at === 'string' && typeof report === 'object' && report !== null && !Array.isArray(report);
}

export function writeTab(session: StorageArea, tabId: number, entry: TabEntry): Promise<void> {
  return serialise(session, () => session.set({ [TAB_KEY(tabId)]: entry }));
}

export async function readTab(session: StorageArea, tabId: number): Promise<TabEntry | null> {
  const key = TAB_KEY(tabId);
  const found = (await serialise(session, () => session.get(key)))[key];
  return isEntry(found) ? found : null;
}

export async function onTabRemoved(deps: Deps, tabId: number): Promise<void> {
  const session = deps.port.storage.session;
  try {
    await serialise(session, () => session.remove(TAB_KEY(tabId)));
  } catch (e) {
    deps.warn('could not forget a closed tab', e);
  }
}

/**
 * The tab's URL changed: its report described another page, unless the new page already
 * reported (a single-page app can report before the browser tells us its URL changed).
 */
export async function onTabNavigated(deps: Deps, tabId: number, url: string): Promise<void> {
  const session = deps.port.storage.session;
  const key = TAB_KEY(tabId);
  try {
    const cleared = await serialise(session, async () => {
      const found = (await session.get(key))[key];
      if (isEntry(found) && found.report.url === url) return false;
      await session.remove(key);
      return true;
    });
    if (cleared) await setBadge(deps.port, tabId, BADGE_NONE);
  } catch (e) {
    deps.warn('could not clear a tab that navigated', e);
  }
}
