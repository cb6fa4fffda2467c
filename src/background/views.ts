/** Answers to the popup: what it shows, built from storage on each request. */
import { ruleForUrl } from '../engine/service';
import type { Rule } from '../rules/schema';
import { deadlineFor } from '../shared/choices';
import type { ServicesView, ServiceView, TabView } from '../shared/messages';
import { load } from '../shared/storage';
import type { Prefs, ServiceRecord } from '../shared/storage-schema';
import { reconcileAlarms } from './notifier';
import type { Deps } from './port';
import { updateStored } from './saves';
import { readTab } from './tab-state';

export function serviceView(rule: Rule, record: ServiceRecord | null): ServiceView {
  return {
    id: rule.id,
    name: rule.name,
    vendor: rule.vendor,
    settingsUrl: rule.settings.url,
    settingsPath: rule.settings.path,
    defaultState: rule.defaultState,
    record,
    deadline: deadlineFor(rule, record),
  };
}

async function tabUrl(deps: Deps, tabId: number): Promise<string | null> {
  try {
    return (await deps.port.tabs.get(tabId)).url ?? null;
  } catch {
    return null; // closed, or not ours to see
  }
}

/** The tab's report and its service: by the tab's host, else the service the report names. */
export async function tabView(deps: Deps, tabId: number): Promise<TabView> {
  const [entry, url] = await Promise.all([readTab(deps.port.storage.session, tabId), tabUrl(deps, tabId)]);
  const report = entry?.report ?? null;
  const rule =
    (url ? ruleForUrl(url, deps.rules) : null) ??
    (report?.service ? deps.rules.find((r) => r.id === report.service) : undefined) ??
    null;
  if (!rule) return { tabId, report, service: null };
  const { stored } = await load(deps.port.storage.local);
  return { tabId, report, service: serviceView(rule, stored.services[rule.id] ?? null) };
}

export async function servicesView(deps: Deps): Promise<ServicesView> {
  const { stored } = await load(deps.port.storage.local);
  return {
    services: deps.rules.map((rule) => serviceView(rule, stored.services[rule.id] ?? null)),
    prefs: stored.prefs,
  };
}

/** Saves the change and brings the reminders in line with it. */
export async function setPrefs(deps: Deps, change: Partial<Prefs>): Promise<Prefs> {
  const stored = await updateStored(deps, (s) =>
    Object.keys(change).length ? { ...s, prefs: { ...s.prefs, ...change } } : s,
  );
  await reconcileAlarms(deps, stored);
  return stored.prefs;
}
