/**
 * The hostile pages (test/fixtures/hostile-*.html), served under claude.ai so the content script
 * runs on them, and the scan-time ceilings they are held to.
 */
import { fixture, type Routes } from '../../src/cli/https-fixture-server';
import type { PageRef } from '../helpers/https-server';

/** The literal policy of the brief: nothing of the page's own may load or run, not even inline. */
export const NONE_CSP = "default-src 'none'";

export const HOSTILE = {
  nodes100k: { host: 'claude.ai', path: '/hostile/100k', file: 'hostile-100k-nodes.html' },
  deepNesting: { host: 'claude.ai', path: '/hostile/deep', file: 'hostile-deep-nesting.html' },
  shadowRoots: { host: 'claude.ai', path: '/hostile/shadow', file: 'hostile-shadow-roots.html' },
  manySwitches: { host: 'claude.ai', path: '/hostile/switches', file: 'hostile-many-switches.html' },
  removeMidScan: { host: 'claude.ai', path: '/hostile/remove', file: 'hostile-remove-mid-scan.html' },
  observerThrows: { host: 'claude.ai', path: '/hostile/observer', file: 'hostile-observer-throws.html' },
  overrides: { host: 'claude.ai', path: '/hostile/overrides', file: 'hostile-prototype-overrides.html' },
  csp: { host: 'claude.ai', path: '/hostile/csp', file: 'hostile-csp.html' },
  iframes: { host: 'claude.ai', path: '/hostile/iframes', file: 'hostile-iframes.html' },
  /** Loaded by hostile-iframes.html from claude.ai (same origin) and chatgpt.com (cross origin). */
  frameSame: { host: 'claude.ai', path: '/hostile/frame', file: 'hostile-frame.html' },
  frameCross: { host: 'chatgpt.com', path: '/hostile/frame', file: 'hostile-frame.html' },
} as const satisfies Record<string, PageRef & { file: string }>;

export function hostileRoutes(): Routes {
  const routes: Routes = {};
  for (const p of Object.values(HOSTILE)) {
    // The fixtures' own markup and scripts only: no stand-in switch behaviour.
    routes[`${p.host}${p.path}`] = fixture(p.file, { behaviour: false, ...(p === HOSTILE.csp ? { csp: NONE_CSP } : {}) });
  }
  return routes;
}

/**
 * The ceiling for the content script's own scan (`engine.ms` of the tab's report). The budget
 * (DESIGN.md) is one plain walk over every element, which Chromium does in under 0.2 µs per
 * element; on a shared two-core machine a cold first scan (JIT, first layout reads) needs head
 * room, so the ceiling is 10 µs per element (1 s for 100 000) and never under 250 ms.
 */
export function scanCeilingMs(elements: number): number {
  return Math.max(250, elements * 0.01);
}

/**
 * Added to the ceiling per toggle on a page with thousands of them: every toggle is named
 * (accessible name, row text) and measured, about 0.12 ms each here (0.38 s for 3 001).
 */
export const TOGGLE_MS = 0.15;
