/** Walking the composed tree: open shadow roots, slots, and the hosts around them. */

export type Root = Document | ShadowRoot;

/** The element a person sees as this one's parent: the slot it is assigned to, its parent, or its shadow host. */
export function composedParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return isShadowRoot(root) ? root.host : null;
}

export function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in node;
}

/** Ancestors in the composed tree, nearest first, the element itself excluded. */
export function* composedAncestors(el: Element): Generator<Element> {
  for (let p = composedParent(el); p; p = composedParent(p)) yield p;
}

/** Whether `outer` is `inner` or one of its composed ancestors. */
export function composedContains(outer: Element, inner: Element): boolean {
  if (outer === inner || outer.contains(inner)) return true;
  for (const a of composedAncestors(inner)) if (a === outer) return true;
  return false;
}

/** An element's shadow root as the caller may see it. */
export type ShadowOf = (el: Element) => ShadowRoot | null;

/** What a page's own scripts (and the CLI, which runs in the page) see: open shadow roots only. */
export const openShadowRoot: ShadowOf = (el) => el.shadowRoot;

/**
 * A root (the document) and every shadow root below it that `shadowOf` reveals, `start` first:
 * open ones by default; the content script also sees closed ones (src/content/runtime.ts).
 * This is one pass over the elements, bounded by `maxElements`, and the only full walk a scan makes.
 */
export function collectRoots(start: Root, maxElements = 500_000, shadowOf: ShadowOf = openShadowRoot): Root[] {
  const roots: Root[] = [start];
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i]!;
    const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    let n = 0;
    for (let node = walker.nextNode(); node && n < maxElements; node = walker.nextNode(), n++) {
      const sr = shadowOf(node as Element);
      if (sr) roots.push(sr);
    }
  }
  return roots;
}

/**
 * `el.labels` as an array. Chromium answers `labels` by walking the whole document on every call,
 * which made a dialog of 3 000 toggles take seconds to scan; a control with no id and no <label>
 * around it cannot have a label, and is answered at once.
 */
export function labelsOf(el: Element): Element[] {
  if (!el.id && !el.closest('label')) return [];
  const labels = (el as HTMLInputElement).labels;
  return labels ? Array.from(labels) : [];
}

/**
 * One root with the elements in it that carry a role attribute: the one attribute query a scan
 * makes over a whole root (toggles, options, dialogs and headings are picked from it).
 */
export interface IndexedRoot {
  root: Root;
  roles: Element[];
}

/** `rolesOf`: the elements with a role, in document order, when the caller keeps them (src/content/roots.ts). */
export function indexRoots(roots: readonly Root[], rolesOf?: (root: Root) => Element[]): IndexedRoot[] {
  return roots.map((root) => ({ root, roles: rolesOf ? rolesOf(root) : Array.from(root.querySelectorAll('[role]')) }));
}

/**
 * Elements of one tag in a root. From a document (or element) this is the browser's own live
 * list, kept up to date between scans, so asking again on an unchanged page costs nothing.
 */
export function byTag(root: Root, tag: string): ArrayLike<Element> {
  return 'getElementsByTagName' in root ? (root as Document).getElementsByTagName(tag) : root.querySelectorAll(tag);
}

/** Document order, for elements of one root. */
export function byPosition(a: Element, b: Element): number {
  return a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** Elements referenced by an IDREF list attribute (aria-labelledby, aria-describedby), same root. */
export function idrefs(el: Element, attr: string): Element[] {
  const ids = el.getAttribute(attr)?.split(/\s+/).filter(Boolean) ?? [];
  const root = el.getRootNode() as Root;
  return ids.map((id) => root.getElementById?.(id) ?? null).filter((e): e is HTMLElement => e !== null);
}

/** The `<!-- saved from url=(NNNN)URL -->` comment Chrome writes into a saved page. */
export function savedFromUrl(doc: Document): string | null {
  for (let n = doc.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === Node.COMMENT_NODE) {
      const m = /saved from url=\(\d+\)(\S+)/.exec(n.nodeValue ?? '');
      if (m?.[1]) return m[1];
    }
    if (n.nodeType === Node.ELEMENT_NODE) {
      // Chrome puts it before <html>; some tools put it first inside <html>.
      const first = (n as Element).firstChild;
      if (first?.nodeType === Node.COMMENT_NODE) {
        const m = /saved from url=\(\d+\)(\S+)/.exec(first.nodeValue ?? '');
        if (m?.[1]) return m[1];
      }
      break;
    }
  }
  return null;
}

export function style(el: Element): CSSStyleDeclaration {
  return (el.ownerDocument.defaultView ?? window).getComputedStyle(el);
}
