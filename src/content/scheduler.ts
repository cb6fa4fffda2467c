/**
 * When to scan. The observer callback only queues: it decides cheaply whether a batch of
 * mutations could matter (a toggle or a dialog added, removed or changed; something around a
 * control we track shown or hidden) and asks for one scan on the next animation frame. Text
 * streaming into a chat reply never matches, so it costs one cheap check per batch.
 * A scan that runs long, or keeps finding nothing, spaces the next ones out.
 */
import { TOGGLE_SELECTOR } from '../engine/controls';
import type { Root, ShadowOf } from '../engine/dom';
import { createRootTracker, REDISCOVER_MS } from './roots';

const DIALOG_SELECTOR = '[role=dialog], [role=alertdialog], [aria-modal], dialog';
export const RELEVANT_SELECTOR = `${TOGGLE_SELECTOR}, ${DIALOG_SELECTOR}`;
const WATCHED_ATTRIBUTES = ['aria-checked', 'aria-pressed', 'aria-selected', 'data-state', 'checked', 'open', 'hidden', 'class', 'style', 'aria-hidden', 'aria-modal', 'role'];

/** Batches larger than this are not inspected node by node: one full rescan, a little later. */
const STORM_NODES = 1000;
const STORM_DELAY_MS = 250;
/**
 * A reply streaming in: this many batches in a row that cannot matter, each within
 * `STREAM_GAP_MS` of the last, all under one element of at most `STREAM_MAX_ELEMENTS`. That element
 * then goes unobserved (everything around it stays observed) and is glanced at every `QUIET_MS`:
 * looked into when it has changed, observed again when it has stopped changing. Each callback
 * costs tens of µs in the isolated world even when it does nothing, a stream makes one per chunk,
 * and an unobserved element makes none.
 */
export const STREAM_BATCHES = 8;
const STREAM_GAP_MS = 1000;
export const QUIET_MS = 2000;
const STREAM_MAX_ELEMENTS = 2000;
/** A scan slower than this makes the next one wait at least `SLOW_GAP_MS`. */
const SLOW_SCAN_MS = 50;
const SLOW_GAP_MS = 500;
/** After this many scans in a row that find nothing, wait `IDLE_GAP_MS` between scans. */
const IDLE_SCANS = 20;
const IDLE_GAP_MS = 1000;
/** A scan that throws makes the next one wait this long, doubled per failure in a row, up to `FAIL_MAX_MS`. */
export const FAIL_GAP_MS = 500;
export const FAIL_MAX_MS = 30_000;

export interface SchedulerOptions {
  /**
   * Runs one scan of `roots` (the document and its open shadow roots, kept up to date here);
   * returns whether it found anything worth tracking, and the elements to watch.
   */
  scan(roots: Root[], rolesOf: (root: Root) => Element[]): { found: boolean; tracked: Element[] };
  /** Our own overlay host: mutations inside it are ignored. */
  isOwn(node: Node): boolean;
  /** An element's shadow root as the content script may see it (closed ones too; runtime.ts). */
  shadowOf?: ShadowOf;
  /** A scan threw: the error, and how many scans in a row have failed (the next waits longer). */
  onError?(error: unknown, failures: number): void;
  signal: AbortSignal;
  win?: Window;
}

export interface Scheduler {
  /** Asks for a scan on the next frame (coalesced). */
  request(): void;
  /** Scans now, outside the frame loop (first idle moment, our own actions). */
  now(): void;
  /** Scans that threw, in all and in a row (reset by one that does not). */
  failures(): { total: number; inARow: number };
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const win = opts.win ?? window;
  let frame = 0;
  let timer = 0;
  let notBefore = 0;
  let emptyRun = 0;
  let failedRun = 0;
  let failedTotal = 0;
  let tracked: Element[] = [];
  const roots = createRootTracker(win.document, performance.now(), (r) => opts.isOwn(r.host), opts.shadowOf);

  const run = (): void => {
    frame = 0;
    timer = 0;
    if (opts.signal.aborted) return;
    const t0 = performance.now();
    let result: ReturnType<SchedulerOptions['scan']>;
    try {
      // Mutations not yet delivered to the callback (made earlier in this frame) are taken in
      // first, so the roots and the role index are current.
      const pending = observer.takeRecords();
      if (pending.length) {
        onMutations(pending);
        // This scan covers them: no second one for the same changes.
        if (frame) win.cancelAnimationFrame(frame);
        if (timer) win.clearTimeout(timer);
        frame = 0;
        timer = 0;
      }
      if (roots.stale(t0, false)) for (const r of roots.rediscover(t0)) observe(r);
      result = opts.scan(roots.list(), roots.rolesOf);
    } catch (e) {
      failedRun++;
      failedTotal++;
      notBefore = performance.now() + Math.min(FAIL_MAX_MS, FAIL_GAP_MS * 2 ** (failedRun - 1));
      try {
        opts.onError?.(e, failedRun);
      } catch {
        /* the report of a failure must not fail the page */
      }
      return;
    }
    failedRun = 0;
    const took = performance.now() - t0;
    tracked = result.tracked;
    emptyRun = result.found ? 0 : emptyRun + 1;
    const gap = Math.max(took > SLOW_SCAN_MS ? SLOW_GAP_MS : 0, emptyRun >= IDLE_SCANS ? IDLE_GAP_MS : 0);
    notBefore = performance.now() + gap;
  };

  const request = (delay = 0): void => {
    if (opts.signal.aborted || frame || timer) return;
    const wait = Math.max(delay, notBefore - performance.now());
    if (wait > 0) timer = win.setTimeout(() => {
      timer = 0;
      frame = win.requestAnimationFrame(run);
    }, wait);
    else frame = win.requestAnimationFrame(run);
  };

  const touchesTracked = (node: Node): boolean => {
    for (let i = 0; i < tracked.length; i++) {
      const t = tracked[i]!;
      if (node === t || !t.isConnected || node.contains(t)) return true;
    }
    return false;
  };

  // The callback runs in the content script's isolated world for every batch the page makes (a
  // streamed reply: one per chunk). Stripped-down builds measured an empty callback at about
  // 22 µs and a for…of over the records with a global write at about 70 µs; so: index loops, no
  // `Node.*` constants, nothing allocated per record.
  const ELEMENT = 1;
  const relevantNode = (node: Node): boolean => {
    if (node.nodeType !== ELEMENT) return false;
    const el = node as Element;
    try {
      return el.matches(RELEVANT_SELECTOR) || (el.firstElementChild !== null && el.querySelector(RELEVANT_SELECTOR) !== null);
    } catch {
      return false;
    }
  };

  /** Shadow roots in an added element: observed from now on, and a reason to scan. */
  const newRoots = (el: Element): boolean => {
    const fresh = roots.added(el);
    for (const r of fresh) observe(r);
    return fresh.length > 0;
  };

  // Whether a node is ours is asked last: most batches add only text, and asking costs a call.
  // Every added element is looked at for shadow roots, even once the batch is known to matter:
  // a root not learned now would be missed until the next full walk.
  const onMutations = (records: MutationRecord[]): void => {
    let nodes = 0;
    let relevant = false;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (r.type === 'childList') {
        const added = r.addedNodes;
        const removed = r.removedNodes;
        nodes += added.length + removed.length;
        if (nodes > STORM_NODES) {
          roots.invalidate();
          streak = 0;
          return request(STORM_DELAY_MS);
        }
        const onPath = quiet !== null && quiet.path.has(r.target);
        for (let j = 0; j < added.length; j++) {
          const n = added[j]!;
          if (n.nodeType !== ELEMENT) continue; // text streaming in: the common case
          if (onPath) observer.observe(n, FULL); // a new branch beside the quiet element
          const hit = newRoots(n as Element) || (!relevant && relevantNode(n));
          if (hit && !relevant && !opts.isOwn(n)) relevant = true;
        }
        if (relevant) continue;
        for (let j = 0; j < removed.length; j++) {
          const n = removed[j]!;
          if (n.nodeType !== ELEMENT) continue;
          if ((relevantNode(n) || touchesTracked(n)) && !opts.isOwn(n)) {
            relevant = true;
            break;
          }
        }
      } else if (r.type === 'attributes') {
        const el = r.target as Element;
        if (r.attributeName === 'role') roots.roleChanged(el);
        if (relevant) continue;
        try {
          if ((el.matches(RELEVANT_SELECTOR) || touchesTracked(el)) && !opts.isOwn(el)) relevant = true;
        } catch {
          /* odd element */
        }
      }
    }
    if (relevant) {
      streak = 0;
      request();
    } else if (!quiet) {
      noteStream(records);
    }
  };

  const FULL: MutationObserverInit = { subtree: true, childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES };
  const SHALLOW: MutationObserverInit = { childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES };
  const observer = new MutationObserver(onMutations);
  let observed = new WeakSet<Node>();
  const observe = (root: Node): void => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, FULL);
  };
  for (const r of roots.list()) observe(r);

  // ── a reply streaming in ───────────────────────────────────────────────────────────────
  let streak = 0;
  let streakAt = 0;
  let streakUnder: Element | null = null;
  let quiet: { el: Element; path: Set<Node>; timer: number; seen: { size: number; text: number }; holds: number } | null = null;

  const parentOf = (n: Node): Element | null => (n.nodeType === ELEMENT ? (n as Element) : n.parentElement);
  const commonAncestor = (a: Element, b: Element | null): Element | null => {
    if (!b) return null;
    let c: Element | null = a;
    while (c && !c.contains(b)) c = c.parentElement;
    return c;
  };

  const noteStream = (records: MutationRecord[]): void => {
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

  /** How many toggles and dialogs an element holds (a reply may hold a task list's checkboxes). */
  const relevantIn = (el: Element): number => {
    try {
      return el.querySelectorAll(RELEVANT_SELECTOR).length + (el.matches(RELEVANT_SELECTOR) ? 1 : 0);
    } catch {
      return -1;
    }
  };

  /** What a glance at the quiet element tells: how big it is, and whether it still grows. */
  const glance = (el: Element): { size: number; text: number } => ({
    size: el.getElementsByTagName('*').length,
    text: el.textContent?.length ?? 0,
  });

  /** Observes everything again, the whole of every root. */
  const observeAll = (): void => {
    const pending = observer.takeRecords();
    if (pending.length) onMutations(pending);
    observer.disconnect();
    observed = new WeakSet<Node>();
    for (const r of roots.list()) observe(r);
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
    if (tracked.some((t) => el.contains(t))) return;
    const seen = glance(el);
    if (seen.size > STREAM_MAX_ELEMENTS) return;
    const pending = observer.takeRecords();
    if (pending.length) onMutations(pending);
    observer.disconnect();
    observed = new WeakSet<Node>();
    const path = new Set<Node>();
    let child: Element = el;
    for (let p = el.parentElement; p; child = p, p = p.parentElement) {
      path.add(p);
      observer.observe(p, SHALLOW);
      for (let s = p.firstElementChild; s; s = s.nextElementSibling) if (s !== child) observer.observe(s, FULL);
    }
    observer.observe(doc, { childList: true });
    for (const r of roots.list()) if (r !== doc && !el.contains((r as ShadowRoot).host)) observe(r);
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
      observeAll();
    };
    if (opts.signal.aborted) return;
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

  // A shadow root attached to an element already in the page shows in no mutation: look again
  // now and then, while the page is shown.
  let rediscovery = 0;
  const rediscoverLater = (): void => {
    rediscovery = win.setTimeout(() => {
      if (opts.signal.aborted) return;
      if (win.document.visibilityState === 'visible') {
        const now = performance.now();
        if (roots.stale(now, false) || (roots.stale(now) && roots.mayUpgrade())) {
          const fresh = roots.rediscover(now);
          for (const r of fresh) observe(r);
          if (fresh.length) request();
        }
      }
      rediscoverLater();
    }, REDISCOVER_MS);
  };
  rediscoverLater();

  opts.signal.addEventListener('abort', () => {
    win.clearTimeout(rediscovery);
    if (quiet) win.clearTimeout(quiet.timer);
    observer.disconnect();
    if (frame) win.cancelAnimationFrame(frame);
    if (timer) win.clearTimeout(timer);
  });

  return {
    request: () => request(),
    now: () => {
      if (frame) win.cancelAnimationFrame(frame);
      if (timer) win.clearTimeout(timer);
      run();
    },
    failures: () => ({ total: failedTotal, inARow: failedRun }),
  };
}
