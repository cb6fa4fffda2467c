/**
 * Code the benchmark evaluates in a page's main world. Kept as plain JavaScript source: tsx
 * would wrap named functions of a TypeScript callback in a `__name()` helper the page lacks.
 */

export interface ScanVsWalk {
  elements: number;
  /** The first scan in the page (cold: JIT, one-time tables, first layout reads). */
  coldScanMs: number;
  scanMs: number[];
  walkMs: number[];
  /** Repetitions per timed block (short operations are repeated to rise above the timer's grain). */
  scanReps: number;
  walkReps: number;
  trainingControls: number;
  error: string | null;
  /** Finding the document's open shadow roots, once per page (the content script then keeps them from mutations). */
  rootsMs: number;
  roots: number;
}

/**
 * Scan, as the content script makes it (`__consentLens.scanTracked`: over the shadow roots found
 * once, which the content script then keeps up to date from mutations; see src/content/roots.ts)
 * against one plain JavaScript walk over every
 * element (firstElementChild / nextElementSibling, reading each element's tag name), alternated
 * in the same page, `samples` times each.
 */
export function scanVsWalkSource(samples: number, blockMs: number): string {
  return `(() => {
  const lens = window.__consentLens;
  const discovery = lens.trackRoots();
  const walk = () => {
    let n = 0, el = document.documentElement, sink = 0;
    while (el) {
      n++; sink += el.tagName.length;
      const c = el.firstElementChild;
      if (c) { el = c; continue; }
      while (el && !el.nextElementSibling) el = el.parentElement;
      if (el) el = el.nextElementSibling;
    }
    return n + (sink & 0);
  };
  let report = null;
  const scan = () => { report = lens.scanTracked('bench'); };
  const block = (fn, reps) => { const t0 = performance.now(); for (let i = 0; i < reps; i++) fn(); return (performance.now() - t0) / reps; };
  const repsFor = (ms) => Math.max(1, Math.min(2000, Math.ceil(${blockMs} / Math.max(ms, 0.002))));
  const coldScanMs = block(scan, 1);
  block(walk, 3); block(scan, 1);
  const walkReps = repsFor(block(walk, 5));
  const scanReps = repsFor(block(scan, 1));
  const scanMs = [], walkMs = [];
  for (let s = 0; s < ${samples}; s++) {
    walkMs.push(block(walk, walkReps));
    scanMs.push(block(scan, scanReps));
  }
  return {
    elements: walk(),
    coldScanMs, scanMs, walkMs, scanReps, walkReps, rootsMs: discovery.ms, roots: discovery.roots,
    trainingControls: report.controls.filter((c) => c.purpose === 'ai-training').length,
    error: report.error || null,
  };
})()`;
}

export interface Rescan {
  /** Per batch: scan time right after the batch (style and layout are dirty, as for a real rescan). */
  ms: number[];
  /** What one batch does, for the table. */
  batch: string;
  trainingControls: number;
}

/**
 * Applies a batch of DOM mutations like a chat app's (two messages added, the dialog's switch
 * flipped, a class toggled on 20 elements) and times the scan that follows, `runs` times.
 */
export function rescanSource(runs: number): string {
  return `(() => {
  const lens = window.__consentLens;
  const thread = document.querySelector('#thread > div');
  const messages = [...thread.querySelectorAll('[data-testid]')].slice(0, 40);
  const sw = document.querySelector('[role=dialog] [role=switch]');
  const toggled = [...document.querySelectorAll('#thread p')].slice(0, 20);
  let added = 0;
  const batch = (i) => {
    for (let k = 0; k < 2; k++) {
      const copy = messages[(2 * i + k) % messages.length].cloneNode(true);
      added += 1 + copy.getElementsByTagName('*').length;
      thread.append(copy);
    }
    if (sw) { const on = sw.getAttribute('aria-checked') !== 'true'; sw.setAttribute('aria-checked', String(on)); sw.setAttribute('data-state', on ? 'checked' : 'unchecked'); }
    for (const el of toggled) el.classList.toggle('opacity-60');
  };
  let report = lens.scanTracked('bench');
  const ms = [];
  for (let i = 0; i < ${runs}; i++) {
    batch(i);
    const t0 = performance.now();
    report = lens.scanTracked('bench');
    ms.push(performance.now() - t0);
  }
  const perBatch = Math.round(added / ${runs});
  return {
    ms,
    batch: perBatch + ' elements added, 1 switch flipped, 20 class changes',
    trainingControls: report.controls.filter((c) => c.purpose === 'ai-training').length,
  };
})()`;
}

/**
 * Our overlay as the page sees it: an element child of <html> other than <head> and <body>
 * (its shadow root is closed; see README, "What a page can tell"). The content script puts it
 * there, its marks drawn, in one task, and takes it away when nothing is highlighted.
 */
export const PAGE_SEES_HOST = `Array.from(document.documentElement.children).some((e) => e.localName !== 'head' && e.localName !== 'body')`;

export interface Latency {
  insertedAt: number;
  markAt: number | null;
}

/**
 * Inserts the page's dialog and resolves with when it was inserted and when our overlay's host
 * appeared on <html> (a mutation observer on the document, and a per-frame check); null after
 * `timeoutMs`.
 */
export function latencySource(timeoutMs: number): string {
  return `new Promise((done) => {
  let insertedAt = 0, finished = false;
  const finish = (markAt) => {
    if (finished) return;
    finished = true;
    o.disconnect();
    done({ insertedAt, markAt });
  };
  const check = () => {
    if (!finished && ${PAGE_SEES_HOST}) finish(performance.now());
  };
  const o = new MutationObserver(check);
  o.observe(document, { childList: true, subtree: true });
  const frame = () => { check(); if (!finished) requestAnimationFrame(frame); };
  insertedAt = window.__page.insertDialog();
  requestAnimationFrame(frame);
  setTimeout(() => finish(null), ${timeoutMs});
})`;
}

/** Removes the dialog and resolves once our overlay has gone (or after `timeoutMs`). */
export function clearDialogSource(timeoutMs: number): string {
  return `new Promise((done) => {
  window.__page.removeDialog();
  const end = performance.now() + ${timeoutMs};
  const poll = () => {
    const gone = !(${PAGE_SEES_HOST});
    if (gone || performance.now() > end) return done(gone);
    requestAnimationFrame(poll);
  };
  poll();
})`;
}
