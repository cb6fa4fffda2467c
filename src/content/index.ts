/**
 * Content script: thin. Scans at the first idle moment and again when the DOM changes
 * (coalesced per animation frame), and sends the report to the background. It never throws
 * into the page and never clicks anything.
 */
import browser from 'webextension-polyfill';
import { scan } from '../engine/scan';
import { BUILTIN_RULES } from '../rules';
import type { Message } from '../shared/messages';

let pending = false;
let lastSent = '';

function scanNow(): void {
  pending = false;
  try {
    const { report } = scan(document, { rules: BUILTIN_RULES });
    const key = JSON.stringify(report.controls.map((c) => [c.label, c.state, c.findings.map((f) => f.id)]));
    if (key === lastSent) return;
    lastSent = key;
    const message: Message = { type: 'content→background:report', report };
    browser.runtime.sendMessage(message).catch(() => {
      // The extension was reloaded or updated under us: stop quietly.
      observer.disconnect();
    });
  } catch {
    /* never into the page */
  }
}

function schedule(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(scanNow);
}

const observer = new MutationObserver(schedule);
observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-checked', 'data-state', 'open', 'class', 'style', 'hidden'] });
if ('requestIdleCallback' in window) requestIdleCallback(() => schedule(), { timeout: 1000 });
else setTimeout(schedule, 0);
