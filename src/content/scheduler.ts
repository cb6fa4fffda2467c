/**
 * When to scan. The observer callback only queues: it decides cheaply whether a batch of
 * mutations could matter (a toggle or a dialog added, removed or changed; something around a
 * control we track shown or hidden) and asks for one scan on the next animation frame. Text
 * streaming into a chat reply never matches, so it costs one cheap check per batch; a reply
 * that keeps streaming is not observed at all for a while (stream.ts).
 * A scan that runs long, or keeps finding nothing, spaces the next ones out.
 */
import type { Root, ShadowOf } from '../engine/dom';
import { createRootTracker, REDISCOVER_MS } from './roots';
import { createStreamWatch } from './stream';
import { FULL, RELEVANT_SELECTOR } from './watched';

/** Batches larger than this are not inspected node by node: one full rescan, a little later. */
const STORM_NODES = 1000;
const STORM_DELAY_MS = 250;
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
          stream.reset();
          return request(STORM_DELAY_MS);
        }
        const onPath = stream.onPath(r.target);
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
      stream.reset();
      request();
    } else {
      stream.note(records);
    }
  };

  const observer = new MutationObserver(onMutations);
  let observed = new WeakSet<Node>();
  const observe = (root: Node): void => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, FULL);
  };
  for (const r of roots.list()) observe(r);

  const stream = createStreamWatch({
    win,
    signal: opts.signal,
    observer,
    reobserve: (skip) => {
      const pending = observer.takeRecords();
      if (pending.length) onMutations(pending);
      observer.disconnect();
      observed = new WeakSet<Node>();
      for (const r of roots.list()) if (!skip?.(r)) observe(r);
    },
    tracked: () => tracked,
    newRoots,
    request,
  });

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
