/**
 * Content script. Thin: the engine does the finding, this file only schedules and shows.
 *
 *   rules and words (from the background, asked once before the first scan) ────────┐
 *   MutationObserver ─queue─▶ scheduler ─frame─▶ scan(document, rules) ◀───────────┘
 *                                                  ├─▶ overlay (own shadow root, words from _locales)
 *                                                  └─▶ background (when it changed)
 *   callout / popup buttons ─▶ actions (turn off, show me) ─▶ rescan ─▶ background
 *
 * It never throws into the page, never clicks anything unless the user clicked our button,
 * and stops cleanly when the extension is reloaded or updated under it, or when the background
 * cannot give it the words to classify with (it does not carry them: src/engine/lexicon-words.ts
 * stays in the background; the meta-test in test/unit/lexicon.test.ts keeps it that way).
 * A control's change counts as the person's only after a trusted input of theirs on it
 * (drift.ts); the report is sent again when the page comes back from the back/forward cache or
 * moves to another URL without reloading.
 */
import { scan, type ControlTarget, type ScanResult } from '../engine/scan';
import { compileWords, type Lexicon } from '../engine/lexicon';
import { createColourReader } from '../engine/colour';
import { labelsOf, type Root } from '../engine/dom';
import type { Control, Report } from '../engine/types';
import type { Rule } from '../rules/schema';
import { calloutWords } from '../i18n/callout';
import { mergeRules } from '../rules/merge';
import { contentWords } from './words';
import type { Message, RulesReply, ShowMeResult, TurnOffResult } from '../shared/messages';
import { isToContent } from '../shared/messages-to-content';
import { CAPTURE_GLOBAL } from '../shared/content-files';
import { MAX_REPORT_ITEMS, withinTextBudget } from '../shared/limits';
import { createScheduler, type Scheduler } from './scheduler';
import { createDriftTracker } from './drift';
import { createOverlay, type OverlayItem } from './overlay';
import { showMe, turnOff } from './actions';
import { message as say, onMessage as listen, runtimeId, sendMessage, shadowRootOf } from './runtime';

const life = new AbortController();
let last: ScanResult | null = null;
let lastSent = '';
let changedInPage = false;
/** Whose each change of a training control's state was: the person's, ours, or the page's. */
const drift = createDriftTracker();
/** Dialogs (or controls) the user dismissed our highlight for, for this page's life. */
const dismissed = new WeakSet<Element>();

/**
 * The built-in rules, then the user's own, as the background sends them with the words (once,
 * before the first scan).
 */
let rules: readonly Rule[] = [];
/** The word lists, compiled once they come from the background; nothing is scanned before. */
let lexicon: Lexicon | null = null;
/** One colour reader (its canvas and cache) for the page's life. */
const colour = createColourReader(document);
const words = contentWords();

const controlKey = (c: Control): string => `${c.kind}|${c.label}`;
const training = (r: ScanResult): Control[] => r.report.controls.filter((c) => c.purpose === 'ai-training');

/**
 * What the background accepts (it drops a report with more controls or surfaces than
 * MAX_REPORT_ITEMS): every training control, and as many of the others as fit.
 */
function forBackground(report: Report): Report {
  if (report.controls.length <= MAX_REPORT_ITEMS && report.surfaces.length <= MAX_REPORT_ITEMS) return report;
  const others = MAX_REPORT_ITEMS - report.controls.filter((c) => c.purpose === 'ai-training').length;
  let kept = 0;
  const controls = report.controls.filter((c) => c.purpose === 'ai-training' || kept++ < others);
  return { ...report, controls: controls.slice(0, MAX_REPORT_ITEMS), surfaces: report.surfaces.slice(0, MAX_REPORT_ITEMS) };
}

function extensionAlive(): boolean {
  return Boolean(runtimeId());
}

function stop(): void {
  if (!life.signal.aborted) life.abort();
}

/** "Extension context invalidated": we were reloaded or updated; this copy of us is done. */
function unloaded(e: unknown): boolean {
  return /context invalidated|Receiving end does not exist/i.test(String(e)) && !extensionAlive();
}

function send(message: Message): void {
  if (!extensionAlive()) return stop();
  sendMessage(message).catch((e: unknown) => {
    if (unloaded(e)) stop();
  });
}

/**
 * A report is handled when the background says so (`{ received: true }`): a worker stopped in the
 * middle answers nothing, or Chrome answers undefined for it, so the report is sent again, a few
 * times, a little later each time.
 */
const RESEND_MAX = 5;
let resends = 0;
let resendTimer = 0;
function sendReport(message: Message): void {
  if (!extensionAlive()) return stop();
  const again = (): void => {
    if (resendTimer || resends >= RESEND_MAX || life.signal.aborted) return;
    resends++;
    resendTimer = window.setTimeout(() => {
      resendTimer = 0;
      lastSent = '';
      scheduler?.now();
    }, 1000 * resends);
  };
  sendMessage(message).then(
    (reply) => {
      if ((reply as { received?: unknown } | null | undefined)?.received === true) resends = 0;
      else again();
    },
    (e: unknown) => {
      if (unloaded(e)) stop();
      else again();
    },
  );
}

function items(result: ScanResult): OverlayItem[] {
  const out: OverlayItem[] = [];
  for (const c of training(result)) {
    const t = result.targets.get(c.id);
    if (!t || dismissed.has(t.surface ?? t.control)) continue;
    const unseen = c.findings.some((f) => f.id === 'hidden' || f.id === 'out-of-view');
    const surface = result.report.surfaces.find((s) => s.id === c.surfaceId) ?? null;
    out.push({
      id: c.id,
      text: calloutWords(words, c, surface),
      state: c.state,
      anchor: unseen ? (t.surface ?? t.visible) : t.visible,
      pinned: unseen,
      canTurnOff: c.state === 'on' || c.state === 'mixed',
    });
  }
  return out;
}

const overlay = createOverlay(
  document,
  {
    turnOff: (id) => void doTurnOff(id).then((r) => overlay.setResult(id, r.message)),
    showMe: (id) => overlay.setResult(id, doShowMe(id).message),
    dismiss: (id) => {
      const t = last?.targets.get(id);
      if (t) dismissed.add(t.surface ?? t.control);
      if (last) overlay.update(items(last));
    },
  },
  life.signal,
);

/** What a person's input must reach for a change of this control to be theirs: it, what shows of it, its labels. */
function reachOf(t: ControlTarget | undefined): Element[] {
  if (!t) return [];
  const out = [t.control, t.visible, ...labelsOf(t.control)];
  if (t.offOption) out.push(t.offOption, ...labelsOf(t.offOption));
  return out;
}

function runScan(roots: Root[], rolesOf: (root: Root) => Element[]): { found: boolean; tracked: Element[] } {
  if (!lexicon) return { found: false, tracked: [] };
  const result = scan(document, { rules, lexicon, colour, roots, rolesOf });
  last = result;
  const found = training(result);
  changedInPage = drift.scan(
    found.filter((c) => c.state !== 'unknown').map((c) => ({ key: controlKey(c), state: c.state, reach: reachOf(result.targets.get(c.id)) })),
    performance.now(),
  );
  overlay.update(items(result));
  const key = JSON.stringify([
    result.report.url,
    found.map((c) => [c.label, c.state, c.deferred ?? false, c.findings.map((f) => f.id)]),
    result.report.surfaces.map((s) => s.kind),
    result.report.deadline?.date ?? null,
    result.report.error ?? null,
    changedInPage,
  ]);
  if (key !== lastSent) {
    lastSent = key;
    sendReport({ type: 'content→background:report', report: forBackground(result.report), changedInPage, texts: withinTextBudget(result.texts) });
  }
  const tracked: Element[] = [];
  for (const c of found) {
    const t = result.targets.get(c.id);
    if (t) tracked.push(t.control, t.visible, ...(t.surface ? [t.surface] : []));
  }
  return { found: found.length > 0, tracked };
}

/** Made once the background's words are in: nothing is observed or scanned before. */
let scheduler: Scheduler | null = null;

function start(): void {
  if (life.signal.aborted || scheduler) return;
  scheduler = createScheduler({
    scan: runScan,
    isOwn: (node) => node === overlay.host || overlay.host.contains(node),
    shadowOf: shadowRootOf,
    signal: life.signal,
    onError: (e, failures) => {
      // Not silent: the popup says the last scan failed (the scheduler has already backed off).
      if (failures > 1 || !last) return;
      const report: Report = { ...last.report, surfaces: [], controls: [], deadline: null, error: `scan failed: ${e instanceof Error ? e.message : String(e)}` };
      lastSent = '';
      sendReport({ type: 'content→background:report', report, changedInPage: false, texts: [] });
    },
  });
  scheduler.now();
  watchNavigation();
}

/**
 * The popup and badge must match what is on screen. A page restored from the back/forward
 * cache, or moved to another URL by the History API or a hash change without any DOM change
 * that would make us scan, gets its report sent again.
 */
function watchNavigation(): void {
  const again = (): void => {
    lastSent = '';
    scheduler?.now();
  };
  const opts = { capture: true, passive: true, signal: life.signal } as const;
  window.addEventListener('pageshow', (e) => {
    if ((e as PageTransitionEvent).persisted) again();
  }, opts);
  window.addEventListener('hashchange', again, opts);
  window.addEventListener('popstate', again, opts);
  // pushState/replaceState fire no event of their own; the Navigation API (Chromium) tells of them.
  const nav = (window as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('currententrychange', again, opts);
}

/** A trusted input of the person's, anywhere in the page (a page's own dispatched events are not trusted). */
function onInput(e: Event): void {
  if (!e.isTrusted) return;
  try {
    drift.input(e.composedPath(), performance.now());
  } catch {
    /* a detached target */
  }
}
for (const type of ['click', 'keydown', 'change', 'input']) {
  window.addEventListener(type, onInput, { capture: true, passive: true, signal: life.signal });
}

async function doTurnOff(id: string): Promise<TurnOffResult> {
  const c = last?.report.controls.find((x) => x.id === id);
  const t = last?.targets.get(id);
  if (!c || !t || !t.control.isConnected || !lexicon) {
    return { ok: false, before: 'unknown', after: 'unknown', message: say('resultGone') };
  }
  const lex = lexicon;
  const key = controlKey(c);
  drift.acting(key, true);
  let result: TurnOffResult;
  try {
    result = await turnOff(t, c.state, lex, 150, c.stateSource === 'text');
  } finally {
    drift.acting(key, false);
  }
  // Only a Turn off that clicked and took is the person's choice ("already off" changed nothing);
  // one that did not take leaves any drift as it was.
  const took = result.ok && result.before !== result.after;
  if (took) drift.ours(key, result.after, performance.now());
  scheduler?.now();
  if (took) send({ type: 'content→background:turned-off', controlId: id, state: result.after, ok: true });
  return result;
}

function doShowMe(id: string): ShowMeResult {
  const t = last?.targets.get(id);
  if (!t || !t.visible.isConnected) return { ok: false, message: say('resultGone') };
  const result = showMe(t);
  overlay.flash(id);
  scheduler?.request();
  return result;
}

// Evidence capture, driven by the background (scan now, hide the overlay, scroll the dialog). Its
// code is not in this script: the background injects it (CAPTURE_FILE) when a capture starts, so
// the pages where nobody captures never carry it.
type CaptureFactory = typeof import('./capture-session').createCaptureSession;
let capture: { handle(m: Message): Promise<unknown> | undefined } | null = null;
function onCapture(message: Message): Promise<unknown> {
  if (!capture) {
    const create = (globalThis as unknown as Record<string, unknown>)[CAPTURE_GLOBAL] as CaptureFactory | undefined;
    if (typeof create !== 'function') {
      // Asked before the background injected the capture code: nothing was captured, so there is nothing to put back.
      if (message.type === 'background→content:capture-restore') return Promise.resolve({ ok: true });
      return Promise.resolve({ ok: false, error: 'the capture code is not loaded' });
    }
    capture = create({
      scanNow: () => {
        scheduler?.now();
        return last;
      },
      overlayHost: overlay.host,
      hideOverlay: (hidden) => overlay.hide(hidden),
    });
  }
  return capture.handle(message) ?? Promise.resolve(undefined);
}

function onMessage(message: unknown, sender: { id?: string }): Promise<unknown> | undefined {
  if (!isToContent(message) || sender.id !== runtimeId()) return undefined;
  if (message.type.startsWith('background→content:capture-')) return onCapture(message);
  if (message.type === 'popup→content:turn-off') {
    return doTurnOff(message.controlId).then((r) => {
      overlay.setResult(message.controlId, r.message);
      return r;
    });
  }
  if (message.type === 'popup→content:show-me') {
    const r = doShowMe(message.controlId);
    overlay.setResult(message.controlId, r.message);
    return Promise.resolve(r);
  }
  return undefined;
}

try {
  const unlisten = listen(onMessage);
  life.signal.addEventListener('abort', unlisten);
  // The reply is checked for shape: mergeRules keeps only what looks like a rule, compileWords
  // refuses lists that are not LexiconWords or do not compile. Without the words there is
  // nothing to classify with: the script stops, as when the extension is reloaded under it.
  const asked = sendMessage({ type: 'content→background:get-rules' } satisfies Message).then(
    (reply) => {
      const r = (reply ?? {}) as Partial<RulesReply>;
      lexicon = compileWords(r.words);
      if (!lexicon) return false;
      rules = mergeRules([], r.rules);
      return true;
    },
    () => false,
  );
  const first = (): void => void asked.then((ok) => (ok ? start() : stop()));
  // Firefox and Chromium both have requestIdleCallback; the timeout keeps a busy page from starving us.
  window.requestIdleCallback(first, { timeout: 500 });
} catch {
  stop();
}
