/**
 * The roots a scan searches — the document and every shadow root in it, closed ones too where
 * the browser lets an extension see them (`shadowOf`) — kept up to date
 * from mutations, so that a scan does not walk the whole page to find them (DESIGN.md budget: a
 * scan costs no more than one plain walk over the page).
 *
 * Found: by one walk when the content script starts; in the subtree of every element a mutation
 * adds (a leaf costs one check); and by another full walk at most every `REDISCOVER_MS` while
 * the page holds a custom element not yet defined, for the one case no mutation shows: a shadow
 * root attached when such an element is upgraded after it was inserted. (A shadow root a page
 * attaches later, by script, to an element that was already defined is not seen until it
 * changes.) Roots whose host has left the page are dropped.
 */
import { byPosition, collectRoots, openShadowRoot, type Root, type ShadowOf } from '../engine/dom';

/** A full walk again at most this often (while the page is shown). */
export const REDISCOVER_MS = 10_000;
/** An added subtree larger than this is not walked in the observer: the next scan rediscovers. */
const SUBTREE_LIMIT = 2_000;

export interface RootTracker {
  /** The document first, then shadow roots in the order they were found; only connected ones. */
  list(): Root[];
  /**
   * Looks for shadow roots in an added element's subtree; returns those not known before.
   * A subtree too large to walk here schedules a full walk instead (`stale` becomes true).
   */
  added(el: Element): ShadowRoot[];
  /**
   * A full walk is due: a subtree was too big to walk, or (`withTime`) the last walk is
   * REDISCOVER_MS old.
   */
  stale(now: number, withTime?: boolean): boolean;
  /**
   * Whether an element that could still get a shadow root later is in the page: a custom element
   * not yet defined (one query per root). The walk by time is worth it only then.
   */
  mayUpgrade(): boolean;
  /** Something may have been missed (a batch too large to look at): walk again at the next scan. */
  invalidate(): void;
  /** One full walk; returns the roots not known before. */
  rediscover(now: number): ShadowRoot[];
  /** An element's `role` attribute was set or changed (from an attribute mutation). */
  roleChanged(el: Element): void;
  /**
   * The elements of `root` that have a `role` attribute, in document order, as
   * `root.querySelectorAll('[role]')` would give them: kept from the same walks and mutations
   * as the roots, so a scan does not query the whole page for them.
   */
  rolesOf(root: Root): Element[];
}

/**
 * `ignore`: shadow roots never to search (our own overlay's: its marks and buttons are not the
 * page's controls).
 */
export function createRootTracker(
  doc: Document,
  now: number,
  ignore: (root: ShadowRoot) => boolean = () => false,
  shadowOf: ShadowOf = openShadowRoot,
): RootTracker {
  const all = (start: Root): Root[] => collectRoots(start, undefined, shadowOf);
  const known = new Set<Root>();
  let order: Root[] = [];
  let last = now;
  let dirty = false;
  // Per root: every element seen with a role (some may have lost it, or left), and the checked,
  // ordered list made from it at the last ask (null after something was added).
  const roles = new Map<Root, { seen: Set<Element>; list: Element[] | null }>();
  const queryRoles = (r: Root): void => void roles.set(r, { seen: new Set(r.querySelectorAll('[role]')), list: null });
  const noteRole = (el: Element): void => {
    const entry = roles.get(el.getRootNode() as Root);
    if (entry) {
      // Also when seen before: it may have moved, and the list is in document order.
      entry.seen.add(el);
      entry.list = null;
    }
  };

  const learn = (roots: Iterable<Root>): ShadowRoot[] => {
    const fresh: ShadowRoot[] = [];
    for (const r of roots) {
      if (known.has(r)) continue;
      known.add(r);
      if (r !== doc && ignore(r as ShadowRoot)) continue;
      order.push(r);
      queryRoles(r);
      if (r !== doc) fresh.push(r as ShadowRoot);
    }
    return fresh;
  };
  learn(all(doc));

  return {
    list() {
      if (order.some((r) => r !== doc && !(r as ShadowRoot).host.isConnected)) {
        order = order.filter((r) => r === doc || (r as ShadowRoot).host.isConnected);
        known.clear();
        for (const r of order) known.add(r);
        for (const r of roles.keys()) if (!known.has(r)) roles.delete(r);
      }
      return order.slice();
    },
    added(el) {
      if (el.hasAttribute('role')) noteRole(el);
      if (el.firstElementChild === null) {
        const sr = shadowOf(el);
        return sr && !known.has(sr) ? learn(all(sr)) : [];
      }
      const found: Root[] = [];
      const walker = doc.createTreeWalker(el, NodeFilter.SHOW_ELEMENT);
      let n = 0;
      for (let node: Node | null = el; node; node = walker.nextNode()) {
        if (++n > SUBTREE_LIMIT) {
          dirty = true;
          return [];
        }
        if (node !== el && (node as Element).hasAttribute('role')) noteRole(node as Element);
        const sr = shadowOf(node as Element);
        if (sr && !known.has(sr)) found.push(...all(sr));
      }
      return learn(found);
    },
    invalidate() {
      dirty = true;
    },
    stale(t, withTime = true) {
      return dirty || (withTime && t - last >= REDISCOVER_MS);
    },
    mayUpgrade() {
      return order.some((r) => r.querySelector(':not(:defined)') !== null);
    },
    rediscover(t) {
      last = t;
      dirty = false;
      const fresh = learn(all(doc));
      // Something may have been missed (a subtree too large to walk, a storm): ask again.
      const asked = new Set<Root>(fresh);
      for (const r of order) if (!asked.has(r)) queryRoles(r);
      return fresh;
    },
    roleChanged(el) {
      if (el.hasAttribute('role')) noteRole(el);
    },
    rolesOf(root) {
      const entry = roles.get(root);
      if (!entry) return Array.from(root.querySelectorAll('[role]'));
      if (!entry.list) {
        for (const el of entry.seen) if (!el.isConnected || el.getRootNode() !== root) entry.seen.delete(el);
        entry.list = Array.from(entry.seen).sort(byPosition);
      }
      return entry.list.filter((el) => el.isConnected && el.hasAttribute('role') && el.getRootNode() === root);
    },
  };
}
