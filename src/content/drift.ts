/**
 * Whose change was it? A training control that shows another state than it did is the person's
 * own change only when a trusted input of theirs (a click, a key, a change event the browser made
 * for them) reached that control or its label after the state we saw before, or when our own
 * Turn off took. Anything else — the page's hydration, a server push, an SPA route that reuses
 * the label — is the page's, which the background then judges as drift.
 *
 * Only the `isTrusted` check lives at the listener (index.ts); this file keeps the inputs and
 * attributes changes, and is tested without a browser.
 */
import type { State } from '../engine/types';

/** Inputs kept: enough for a burst of clicks between two scans. */
const KEPT_INPUTS = 16;

export interface Seen {
  /** Stable across scans (kind and label). */
  key: string;
  state: State;
  /** The control, its visible part, its labels: what a person's input must reach. */
  reach: readonly Element[];
}

export interface DriftTracker {
  /** A trusted input's composed path, at a time (ms, the page's clock). */
  input(path: readonly EventTarget[], at: number): void;
  /** Our Turn off is acting on this control: a change seen meanwhile is ours. */
  acting(key: string, on: boolean): void;
  /** Our Turn off took: the state it left is the person's choice. */
  ours(key: string, state: State, at: number): void;
  /**
   * The controls of a scan, at a time. True when the latest change seen is the person's (or
   * ours) and no control's latest change is the page's.
   */
  scan(seen: readonly Seen[], at: number): boolean;
}

type By = 'person' | 'page' | null;

export function createDriftTracker(): DriftTracker {
  const inputs: { path: readonly EventTarget[]; at: number }[] = [];
  const last = new Map<string, { state: State; at: number; by: By }>();
  const busy = new Set<string>();

  const reached = (reach: readonly Element[], since: number): boolean =>
    inputs.some((i) => i.at >= since && reach.some((el) => i.path.includes(el)));

  return {
    input(path, at) {
      inputs.push({ path, at });
      if (inputs.length > KEPT_INPUTS) inputs.shift();
    },
    acting(key, on) {
      if (on) busy.add(key);
      else busy.delete(key);
    },
    ours(key, state, at) {
      last.set(key, { state, at, by: 'person' });
    },
    scan(seen, at) {
      for (const s of seen) {
        const before = last.get(s.key);
        if (!before) {
          last.set(s.key, { state: s.state, at, by: null });
          continue;
        }
        if (before.state === s.state) continue;
        const mine = busy.has(s.key) || reached(s.reach, before.at);
        last.set(s.key, { state: s.state, at, by: mine ? 'person' : 'page' });
      }
      let person = false;
      for (const v of last.values()) {
        if (v.by === 'page') return false;
        if (v.by === 'person') person = true;
      }
      return person;
    },
  };
}
