/**
 * A reply streaming in: the scheduler's quiet mode. This many batches in a row that cannot
 * matter (`note`), each within `STREAM_GAP_MS` of the last, all under one element of at most
 * `STREAM_MAX_ELEMENTS`: that element then goes unobserved (everything around it stays
 * observed) and is glanced at every `QUIET_MS`: looked into when it has changed, observed again
 * when it has stopped changing. Each observer callback costs tens of µs in the isolated world
 * even when it does nothing, a stream makes one per chunk, and an unobserved element makes none.
 *
 * The observer is the scheduler's (scheduler.ts): this module only decides what it watches
 * while a stream lasts.
 */
import type { Root } from '../engine/dom';
import { FULL, RELEVANT_SELECTOR, SHALLOW } from './watched';

export const STREAM_BATCHES = 8;
const STREAM_GAP_MS = 1000;
export const QUIET_MS = 2000;
const STREAM_MAX_ELEMENTS = 2000;

/** What the quiet mode asks of the scheduler. */
export interface StreamHost {
  win: Window;
  signal: AbortSignal;
  /** The scheduler's observer. */
  observer: Pick<MutationObserver, 'observe'>;
  /**
   * Hands the records the observer has not delivered yet to the scheduler's callback, then
   * forgets what is observed and observes every root again, but those `skip` names.
   */
  reobserve(skip?: (root: Root) => boolean): void;
  /** The elements the last scan asked to watch: a stream around one of them is never quieted. */
  tracked(): readonly Element[];
  /** Learns (and observes) the shadow roots in `el`; whether there were new ones. */
  newRoots(el: Element): boolean;
  /** Asks for a scan (on the next frame). */
  request(): void;
}

export interface StreamWatch {
  /** A batch that could not matter: one more toward a stream (nothing while an element is quiet). */
  note(records: MutationRecord[]): void;
  /** A batch that mattered: the count starts again. */
  reset(): void;
  /** Whether `node` is an ancestor of the quiet element, observed without its subtree. */
  onPath(node: Node): boolean;
}

const ELEMENT = 1;

const parentOf = (n: Node): Element | null => (n.nodeType === ELEMENT ? (n as Element) : n.parentElement);

const commonAncestor = (a: Element, b: Element | null): Element | null => {
  if (!b) return null;
  let c: Element | null = a;
  while (c && !c.contains(b)) c = c.parentElement;
  return c;
};

/** What a glance at the quiet element tells: how big it is, and whether it still grows. */
const glance = (el: Element): { size: number; text: number } => ({
  size: el.getElementsByTagName('*').length,
  text: el.textContent?.length ?? 0,
});

export function createStreamWatch(host: StreamHost): StreamWatch {
  const { win, signal, observer, reobserve, tracked, newRoots, request } = host;
  let streak = 0;
  let streakAt = 0;
  let streakUnder: Element | null = null;
  let quiet: { el: Element; path: Set<Node>; timer: number; seen: { size: number; text: number }; holds: number } | null = null;

  /** How many toggles and dialogs an element holds (a reply may hold a task list's checkboxes). */
  const relevantIn = (el: Element): number => {
    try {
      return el.querySelectorAll(RELEVANT_SELECTOR).length + (el.matches(RELEVANT_SELECTOR) ? 1 : 0);
    } catch {
      return -1;
    }
  };

  const note = (records: MutationRecord[]): void => {
    if (quiet) return;
    const t = performance.now();
    if (t - streakAt > STREAM_GAP_MS || !streakUnder) {
      streak = 0;
      streakUnder = null;
    }
    streakAt = t;
    for (let i = 0; i < records.length; i++) {
      const el = parentOf(records[i]!.target);
      streakUnder = i === 0 && streak === 0 ? el : streakUnder && commonAncestor(streakUnder, el);
      if (!streakUnder) return;
    }
    streak++;
    if (streak >= STREAM_BATCHES && streakUnder) beQuiet(streakUnder);
  };

  /**
   * Stops observing `el` (the streaming element): its ancestors are observed without their
   * subtrees and their other children with theirs, so everything else is seen as before.
   * Every QUIET_MS the element is glanced at (see endQuiet).
   */
  const beQuiet = (el: Element): void => {
    streak = 0;
    const doc = win.document;
    if (el === doc.body || el === doc.documentElement || el.getRootNode() !== doc || !el.isConnected) return;
    if (tracked().some((t) => el.contains(t))) return;
    const seen = glance(el);
    if (seen.size > STREAM_MAX_ELEMENTS) return;
    reobserve((r) => r === doc || el.contains((r as ShadowRoot).host));
    const path = new Set<Node>();
    let child: Element = el;
    for (let p = el.parentElement; p; child = p, p = p.parentElement) {
      path.add(p);
      observer.observe(p, SHALLOW);
      for (let s = p.firstElementChild; s; s = s.nextElementSibling) if (s !== child) observer.observe(s, FULL);
    }
    observer.observe(doc, { childList: true });
    quiet = { el, path, timer: win.setTimeout(endQuiet, QUIET_MS), seen, holds: relevantIn(el) };
  };

  /**
   * Every QUIET_MS: when the quiet element has changed, looks once at what it holds (a new
   * toggle, dialog or shadow root is a reason to scan, and to observe it again); while it keeps
   * growing, it stays unobserved; once it has stopped, or left the page, everything is
   * observed again.
   */
  const endQuiet = (): void => {
    if (!quiet) return;
    const q = quiet;
    const el = q.el;
    const stop = (): void => {
      quiet = null;
      // What changed in it unobserved (a role set on an element already there shows in no
      // glance) is learned now: one walk of at most STREAM_MAX_ELEMENTS elements.
      if (el.isConnected) newRoots(el);
      reobserve();
    };
    if (signal.aborted) return;
    if (!el.isConnected) return stop();
    const now = glance(el);
    if (now.size === q.seen.size && now.text === q.seen.text) {
      // The stream has stopped. A toggle it held may have changed unobserved: one scan then.
      stop();
      if (q.holds !== 0) request();
      return;
    }
    // New toggles, dialogs or shadow roots in it are a reason to scan (ones it held before are not).
    const holds = relevantIn(el);
    if (newRoots(el) || holds !== q.holds || holds < 0) {
      stop();
      request();
      return;
    }
    if (now.size > STREAM_MAX_ELEMENTS) return stop();
    q.seen = now;
    q.timer = win.setTimeout(endQuiet, QUIET_MS);
  };

  signal.addEventListener('abort', () => {
    if (quiet) win.clearTimeout(quiet.timer);
  });

  return {
    note,
    reset: () => {
      streak = 0;
    },
    onPath: (node) => quiet !== null && quiet.path.has(node),
  };
}
