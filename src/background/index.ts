/**
 * Background service worker: it can be killed at any time, so state lives in storage.
 * Keeps each tab's latest report in storage.session and sets the action badge.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { isMessage } from '../shared/messages';
import type { Report } from '../engine/types';

function badgeFor(report: Report): { text: string; color: string } {
  const training = report.controls.filter((c) => c.purpose === 'ai-training');
  if (!training.length) return { text: '', color: '#64748b' };
  if (training.some((c) => c.state === 'on')) return { text: 'ON', color: '#dc2626' };
  if (training.every((c) => c.state === 'off')) return { text: 'OFF', color: '#16a34a' };
  return { text: '?', color: '#64748b' };
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isMessage(message)) return undefined;
  const tabId = sender.tab?.id;
  if (tabId === undefined) return undefined;
  const badge = badgeFor(message.report);
  return Promise.all([
    browser.storage.session.set({ [`tab:${tabId}`]: message.report }),
    browser.action.setBadgeText({ tabId, text: badge.text }),
    browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
  ]).then(() => undefined);
});

browser.tabs.onRemoved.addListener((tabId) => {
  void browser.storage.session.remove(`tab:${tabId}`);
});
