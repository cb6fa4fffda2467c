/**
 * The content script's share of a page's main thread, read from a Chromium trace
 * (`devtools.timeline` + `toplevel`) of one run. Unlike comparing two runs (with and without
 * the extension), whose totals on a shared machine differ by 5–15% between identical runs,
 * this attributes time within the same run: every `FunctionCall` whose script is an extension
 * URL, on the page's main thread, against all the tasks of that thread.
 */

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, when the trace has it. */
  tdur?: number;
  args?: { data?: { url?: string; functionName?: string } };
}

export interface Attribution {
  /** Main-thread CPU of all tasks of the page's renderer main thread, ms. */
  totalMs: number;
  /** Of which: calls into the extension's scripts, ms. */
  extensionMs: number;
  calls: number;
  /** The extension's time by what invoked it. */
  by: { frameCallbacks: number; eventListeners: number; other: number };
  /** CPU of each call, ms, in trace order (for the distribution: a few slow scans or many small calls). */
  perCall: number[];
}

const cpu = (e: TraceEvent): number => (e.tdur ?? e.dur ?? 0) / 1000;
const isTask = (e: TraceEvent): boolean => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
const contains = (outer: TraceEvent, inner: TraceEvent): boolean => inner.ts >= outer.ts && inner.ts + (inner.dur ?? 0) <= outer.ts + (outer.dur ?? 0);

/**
 * `pageUrl`: the page's origin (its own script calls identify its main thread);
 * `extensionPrefix`: e.g. "chrome-extension://ID/".
 */
export function attribute(events: readonly TraceEvent[], pageOrigin: string, extensionPrefix: string): Attribution {
  const pageCall = events.find((e) => e.name === 'FunctionCall' && e.args?.data?.url?.startsWith(pageOrigin));
  if (!pageCall) throw new Error(`the trace has no script call of ${pageOrigin}`);
  const thread = events.filter((e) => e.pid === pageCall.pid && e.tid === pageCall.tid && e.ph === 'X');
  // Top-level tasks only (a task can nest another's accounting).
  const tasks = thread.filter(isTask).sort((a, b) => a.ts - b.ts);
  let totalMs = 0;
  let end = -1;
  for (const t of tasks) {
    if (t.ts < end) continue;
    totalMs += cpu(t);
    end = t.ts + (t.dur ?? 0);
  }
  const ours = thread.filter((e) => e.name === 'FunctionCall' && e.args?.data?.url?.startsWith(extensionPrefix)).sort((a, b) => a.ts - b.ts);
  const frames = thread.filter((e) => e.name === 'FireAnimationFrame');
  const events_ = thread.filter((e) => e.name === 'EventDispatch');
  const by = { frameCallbacks: 0, eventListeners: 0, other: 0 };
  let extensionMs = 0;
  let calls = 0;
  const perCall: number[] = [];
  end = -1;
  for (const c of ours) {
    if (c.ts < end) continue; // nested in a call already counted
    end = c.ts + (c.dur ?? 0);
    const ms = cpu(c);
    extensionMs += ms;
    calls++;
    perCall.push(ms);
    if (frames.some((f) => contains(f, c))) by.frameCallbacks += ms;
    else if (events_.some((d) => contains(d, c))) by.eventListeners += ms;
    else by.other += ms;
  }
  return { totalMs, extensionMs, calls, by, perCall };
}
