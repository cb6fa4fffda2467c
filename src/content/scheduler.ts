/**
 * When to scan. The observer callback only queues: it decides cheaply whether a batch of
 * mutations could matter (a toggle or a dialog added, removed or changed; something around a
 * control we track shown or hidden) and asks for one scan on the next animation frame. Text
 * streaming into a chat reply never matches, so it costs one cheap check per batch.
 * A scan that runs long, or keeps finding nothing, spaces the next ones out.
 */
import { TOGGLE_SELECTOR } from '../engine/controls';

const DIALOG_SELECTOR = '[role=dialog], [role=alertdialog], [aria-modal], dialog';
export const RELEVANT_SELECTOR = `${TOGGLE_SELECTOR}, ${DIALOG_SELECTOR}`;
const WATCHED_ATTRIBUTES = ['aria-checked', 'aria-pressed', 'aria-selected', 'data-state', 'checked', 'open', 'hidden', 'class', 'style', 'aria-hidden', 'aria-modal', 'role'];

/** Batches larger than this are not inspected node by node: one full rescan, a little later. */
const STORM_NODES = 1000;
const STORM_DELAY_MS = 250;
/** A scan slower than this makes the next one wait at least `SLOW_GAP_MS`. */
const SLOW_SCAN_MS = 50;
const SLOW_GAP_MS = 500;
/** After this many scans in a row that find nothing, wait `IDLE_GAP_MS` between scans. */
const IDLE_SCANS = 20;
const IDLE_GAP_MS = 1000;

export interface SchedulerOptions {
  /** Runs one scan; returns whether it found anything worth tracking, and the elements to watch. */
  scan(): { found: boolean; tracked: Element[]; roots: (Document | ShadowRoot)[] };
  /** Our own overlay host: mutations inside it are ignored. */
  isOwn(node: Node): boolean;
  signal: AbortSignal;
  win?: Window;
}

export interface Scheduler {
  /** Asks for a scan on the next frame (coalesced). */
  request(): void;
  /** Scans now, outside the frame loop (first idle moment, our own actions). */
  now(): void;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const win = opts.win ?? window;
  let frame = 0;
  let timer = 0;
  let notBefore = 0;
  let emptyRun = 0;
  let tracked: Element[] = [];
  const observed = new WeakSet<Node>();

  const run = (): void => {
    frame = 0;
    timer = 0;
    if (opts.signal.aborted) return;
    const t0 = performance.now();
    let result: ReturnType<SchedulerOptions['scan']>;
    try {
      result = opts.scan();
    } catch {
      return;
    }
    const took = performance.now() - t0;
    tracked = result.tracked;
    emptyRun = result.found ? 0 : emptyRun + 1;
    const gap = Math.max(took > SLOW_SCAN_MS ? SLOW_GAP_MS : 0, emptyRun >= IDLE_SCANS ? IDLE_GAP_MS : 0);
    notBefore = performance.now() + gap;
    for (const root of result.roots) observe(root);
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

  const touchesTracked = (node: Node): boolean => tracked.some((t) => node === t || node.contains(t) || !t.isConnected);

  const relevantNode = (node: Node): boolean => {
    if (node.nodeType !== Node.ELEMENT_NODE) return false;
    const el = node as Element;
    try {
      return el.matches(RELEVANT_SELECTOR) || el.querySelector(RELEVANT_SELECTOR) !== null || !!el.shadowRoot;
    } catch {
      return false;
    }
  };

  const onMutations = (records: MutationRecord[]): void => {
    let nodes = 0;
    let relevant = false;
    for (const r of records) {
      if (opts.isOwn(r.target)) continue;
      if (r.type === 'childList') {
        nodes += r.addedNodes.length + r.removedNodes.length;
        if (nodes > STORM_NODES) {
          request(STORM_DELAY_MS);
          return;
        }
        for (const n of r.addedNodes) if (!opts.isOwn(n) && relevantNode(n)) relevant = true;
        for (const n of r.removedNodes) if (!opts.isOwn(n) && (relevantNode(n) || touchesTracked(n))) relevant = true;
      } else if (r.type === 'attributes') {
        const el = r.target as Element;
        try {
          if (el.matches(RELEVANT_SELECTOR) || touchesTracked(el)) relevant = true;
        } catch {
          /* odd element */
        }
      }
      if (relevant) break;
    }
    if (relevant) request();
  };

  const observer = new MutationObserver(onMutations);
  const observe = (root: Node): void => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  };
  observe(win.document);
  opts.signal.addEventListener('abort', () => {
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
  };
}
