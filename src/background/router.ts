/**
 * The one runtime.onMessage handler. Synchronous triage first: anything untrusted or not for us
 * gets `undefined` at once, so the message channel is left to any other listener. Content
 * messages resolve to nothing and never reject (a rejection would make the content script think
 * the extension went away); popup requests reject with the error, for the popup to show.
 */
import type { Prefs } from '../shared/storage-schema';
import type { Rule } from '../rules/schema';
import { RECEIPT, type ReportReceipt } from '../shared/messages';
import { mergeRules } from '../rules/merge';
import { load } from '../shared/storage';
import type { RecoveriesView, RulesReply, ServicesView, TabView, UserRuleImportResult, UserRulesView } from '../shared/messages';
import { deleteRecoveryView, dismissRecoveryView, recoveriesView } from './recoveries';
import { WORDS } from '../engine/lexicon-words';
import type { AllSitesStatus } from '../shared/all-sites';
import { syncAllSites } from './all-sites';
import { importUserRule, removeUserRule, userRulesView } from './user-rules';
import type { Deps, Sender } from './port';
import { onReport, onTurnedOff } from './reports';
import { trust } from './senders';
import { isTabId, prefsChange } from './validate';
import { servicesView, setPrefs, tabView } from './views';

export type Reply = RulesReply | TabView | ServicesView | Prefs | AllSitesStatus | UserRulesView | UserRuleImportResult | RecoveriesView | ReportReceipt | undefined;

export function route(message: unknown, sender: Sender, deps: Deps): Promise<Reply> | undefined {
  const self = { id: deps.port.runtime.id, base: deps.port.runtime.getURL('') };
  const trusted = trust(message, sender, self);
  if (!trusted) return undefined;
  if (trusted.from === 'content') {
    const { tabId, pageUrl, message: m } = trusted;
    if (m.type === 'content→background:get-rules') return rulesFor(deps);
    const work = m.type === 'content→background:report' ? onReport(deps, tabId, pageUrl, m) : onTurnedOff(deps, pageUrl, m);
    // A report is answered once it is handled: a worker stopped before that answers nothing (or
    // Chrome answers undefined for it), and the content script sends it again.
    return work.then(
      () => (m.type === 'content→background:report' ? RECEIPT : undefined),
      (e: unknown) => {
        deps.warn(`could not handle ${m.type}`, e);
        return undefined;
      },
    );
  }
  if (trusted.from === 'page') {
    const m = trusted.message;
    switch (m.type) {
      case 'popup→background:sync-all-sites':
      case 'options→background:sync-all-sites':
        return deps.allSites ? syncAllSites(deps.allSites, deps.warn) : Promise.resolve({ granted: false, registered: false });
      case 'options→background:get-user-rules':
        return userRulesView(deps);
      case 'options→background:import-user-rule':
        return importUserRule(deps, m.text);
      case 'options→background:remove-user-rule':
        return removeUserRule(deps, m.id);
      case 'popup→background:get-recoveries':
      case 'options→background:get-recoveries':
        return recoveriesView(deps);
      case 'popup→background:dismiss-recovery':
        return dismissRecoveryView(deps, m.key);
      case 'options→background:delete-recovery':
        return deleteRecoveryView(deps, m.key);
    }
  }
  const m = trusted.message;
  switch (m.type) {
    case 'popup→background:get-tab':
      return isTabId(m.tabId) ? tabView(deps, m.tabId) : undefined;
    case 'popup→background:get-services':
      return servicesView(deps);
    case 'popup→background:set-prefs':
      return setPrefs(deps, prefsChange(m.prefs));
  }
}

/**
 * The built-in rules, then the user's own (the built-in ones alone when storage cannot be read),
 * and the engine's word lists, which the content script does not carry.
 */
async function rulesFor(deps: Deps): Promise<RulesReply> {
  return { rules: await userAndBuiltinRules(deps), words: WORDS };
}

async function userAndBuiltinRules(deps: Deps): Promise<readonly Rule[]> {
  try {
    const { stored } = await load(deps.port.storage.local);
    return mergeRules(deps.rules, stored.userRules);
  } catch (e) {
    deps.warn('could not read the user rules', e);
    return deps.rules;
  }
}
