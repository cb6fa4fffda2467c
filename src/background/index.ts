/**
 * Background service worker: wiring only. It can be stopped at any moment and started again
 * for the next event, so nothing here keeps data: every handler reads and writes storage.
 *
 *   runtime.onMessage ─▶ router ─▶ reports (tab report, badge, choice) │ views (popup answers)
 *   tabs.onRemoved / onUpdated(url) ─▶ tab-state (forget the page's report and badge)
 *   alarms / notifications (the latter an optional permission) ─▶ notifier
 *   runtime.onMessage (capture, library) / commands.onCommand ─▶ evidence-router ─▶ capture
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { BUILTIN_RULES } from '../rules';
import { allSitesPort, browserPort } from './browser-port';
import { syncAllSites } from './all-sites';
import { createWords } from '../i18n/words';
import { onAlarm, onNotificationClicked, reconcileAlarms } from './notifier';
import type { Deps } from './port';
import { route } from './router';
import { onTabNavigated, onTabRemoved } from './tab-state';
import { captureBrowserPort } from './capture-browser-port';
import type { CaptureDeps } from './capture';
import { canvasImaging } from './capture-draw';
import { openEvidenceStore, type EvidenceStore } from './evidence-store';
import { onCommand, routeEvidence } from './evidence-router';

const deps: Deps = {
  port: browserPort(),
  rules: BUILTIN_RULES,
  allSites: allSitesPort(),
  words: createWords((key, subs) => browser.i18n.getMessage(key, subs), browser.i18n.getUILanguage()),
  now: () => new Date(),
  warn: (message, error) => console.warn(`Consent Lens: ${message}`, error ?? ''),
};

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender, deps));

// The evidence library is opened on first use, again after a failure.
let library: Promise<EvidenceStore> | null = null;
const evidence: CaptureDeps = {
  port: captureBrowserPort(),
  rules: BUILTIN_RULES,
  store: () => (library ??= openEvidenceStore().catch((e: unknown) => {
    library = null;
    throw e;
  })),
  imaging: canvasImaging,
  now: deps.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  randomId: () => crypto.randomUUID(),
  warn: deps.warn,
};
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => routeEvidence(message, sender, evidence));
browser.commands.onCommand.addListener((command, tab) => void onCommand(evidence, command, tab));

browser.tabs.onRemoved.addListener((tabId) => void onTabRemoved(deps, tabId));
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url) void onTabNavigated(deps, tabId, change.url);
  // Without host access to the new page the URL is not given, but a load still starts: the
  // old page's report and badge go (our content script reports again on pages of ours).
  else if (change.status === 'loading') void onTabNavigated(deps, tabId, '');
});

// The optional APIs exist only once granted; their listeners are added when they appear. Event
// listeners must be added in the worker's first turn to wake it, which is the case after a
// restart since the permission then is already there.
const alarmHeard = (alarm: { name: string; scheduledTime: number }): void => void onAlarm(deps, alarm);
const clickHeard = (id: string): void => void onNotificationClicked(deps, id);
function listenToOptionalApis(): void {
  if (deps.port.alarms() && !browser.alarms.onAlarm.hasListener(alarmHeard)) {
    browser.alarms.onAlarm.addListener(alarmHeard);
  }
  if (deps.port.notifications() && !browser.notifications.onClicked.hasListener(clickHeard)) {
    browser.notifications.onClicked.addListener(clickHeard);
  }
}
listenToOptionalApis();

// "Check all sites": the registered content script follows the permission, whoever changed it
// (our switch, or the browser's own extension settings).
const syncSites = (): void => void syncAllSites(allSitesPort(), deps.warn);
browser.permissions.onAdded.addListener(() => {
  listenToOptionalApis();
  void reconcileAlarms(deps);
  syncSites();
});
browser.permissions.onRemoved.addListener(syncSites);
// Rules (and their deadlines) change with updates; the clock moves between sessions. An update
// also renames the built content script, which a registration from before would still name.
browser.runtime.onInstalled.addListener(() => {
  void reconcileAlarms(deps);
  syncSites();
});
browser.runtime.onStartup.addListener(() => {
  void reconcileAlarms(deps);
  syncSites();
});
