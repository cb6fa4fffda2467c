/**
 * What the popup and the options page show of saved data that was set aside
 * (src/shared/storage.ts): every value kept aside, what could be neither read nor kept aside,
 * and whether saving fails for lack of room.
 */
import type { RecoveriesView } from '../shared/messages';
import { dismissRecovery, forgetRecovery, listRecoveries, load } from '../shared/storage';
import type { Deps } from './port';
import { fullSince } from './saves';

export async function recoveriesView(deps: Deps): Promise<RecoveriesView> {
  const local = deps.port.storage.local;
  // Loading first: it keeps aside (or restores) whatever it finds, which the list then shows.
  const { recovered } = await load(local, { now: deps.now });
  const [recoveries, full] = await Promise.all([listRecoveries(local), fullSince(deps.port.storage.session)]);
  return { recoveries, problem: recovered && recovered.keptAs === null ? recovered.reason : null, fullSince: full };
}

export async function dismissRecoveryView(deps: Deps, key: string): Promise<RecoveriesView> {
  await dismissRecovery(deps.port.storage.local, key, deps.now);
  return recoveriesView(deps);
}

export async function deleteRecoveryView(deps: Deps, key: string): Promise<RecoveriesView> {
  await forgetRecovery(deps.port.storage.local, key);
  return recoveriesView(deps);
}
