/**
 * Reads the content script's overlay from outside the page, for the tests and the demo.
 *
 * The page cannot: the overlay is an element without attributes on <html> with a closed shadow
 * root (src/content/overlay.ts), and Playwright's locators do not pierce closed roots either.
 * The DevTools protocol does. In a world of our own (`Page.createIsolatedWorld`, so a page that
 * replaces DOM methods in its own world cannot blind us) we take the element children of <html>
 * other than <head> and <body>; `DOM.describeNode` with `pierce` gives each one's shadow root,
 * closed or not; `DOM.resolveNode` makes that root an object in our world, and READ_HOST reads
 * it. A host is ours when its root holds our `.layer` (the highlight) or `[role=status|alert]`
 * (the capture notice); other elements the page put there are left out.
 *
 * The overlay's words are CSS generated content (`data-t`): READ_HOST counts a word only when
 * the computed `::before` content of its element is not `none`, i.e. when it is drawn.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface OverlayButton {
  /** 'turn-off', 'show-me' or 'dismiss' */
  action: string;
  rect: Rect;
}

export interface OverlayCallout {
  id: string;
  state: string | null;
  /** Every word the callout draws, in order, separated by single spaces. */
  text: string;
  actions: string[];
  buttons: OverlayButton[];
  /** What the callout last said about an action ('' before one). */
  result: string;
  rect: Rect;
}

export interface HostRead {
  kind: 'overlay' | 'notice';
  /** The shadow root's mode as DevTools reports it ('closed'). */
  mode: string;
  /** The attribute names on the host element (the page could read them). */
  attributes: string[];
  /** The host's computed display, visibility and opacity, and its box. */
  display: string;
  visibility: string;
  opacity: string;
  box: Rect;
  /** The overlay's layer is hidden (during a capture). */
  hidden: boolean;
  marks: Array<{ id: string; rect: Rect; outline: string }>;
  callouts: OverlayCallout[];
  /** The focused element inside the root: its button's action, or its class name. */
  focused: string | null;
  /** The notice's words. */
  notice: string;
}

export interface OverlayState {
  /** How many overlay hosts (the highlight, not the notice) are on <html>. */
  hosts: number;
  /** Every host's shadow root is closed (true when there is none). */
  closed: boolean;
  /** Attributes on any of our hosts: none, ever. */
  attributes: string[];
  marks: HostRead['marks'];
  callouts: OverlayCallout[];
  /** The notices on <html> (their words). */
  notices: string[];
  /** All we read, host by host. */
  read: HostRead[];
}

/**
 * Called with `this` = a candidate host and `root` = its shadow root (as an object of a world
 * that is not the page's). Source text, not a function, so that no bundler helper (esbuild's
 * `__name`) ends up in it, and so the Firefox tests can send the same text over WebDriver BiDi.
 */
export const READ_HOST = `function (root) {
  var host = this;
  var top = Array.from(root.children);
  var layer = top.find(function (e) { return e.className === 'layer'; });
  var box = top.find(function (e) { return e.getAttribute('role') === 'status' || e.getAttribute('role') === 'alert'; });
  if (!layer && !box) return null;
  var rect = function (e) { var r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
  var words = function (e) {
    var all = [e].concat(Array.from(e.querySelectorAll('[data-t]')));
    return all.filter(function (w) { return w.hasAttribute('data-t') && getComputedStyle(w, '::before').content !== 'none'; })
      .map(function (w) { return w.getAttribute('data-t'); }).join(' ');
  };
  var cs = getComputedStyle(host);
  var focused = root.activeElement;
  return {
    kind: layer ? 'overlay' : 'notice',
    mode: root.mode,
    attributes: host.getAttributeNames(),
    display: cs.display, visibility: cs.visibility, opacity: cs.opacity, box: rect(host),
    hidden: layer ? getComputedStyle(layer).display === 'none' : false,
    marks: layer ? Array.from(layer.querySelectorAll('.mark')).map(function (m) {
      return { id: m.getAttribute('data-cl-mark') || '', rect: rect(m), outline: getComputedStyle(m).outlineStyle };
    }) : [],
    callouts: layer ? Array.from(layer.querySelectorAll('.callout')).map(function (c) {
      var buttons = Array.from(c.querySelectorAll('button')).map(function (b) { return { action: b.className, rect: rect(b) }; });
      var result = c.querySelector('.result');
      return {
        id: c.getAttribute('data-cl-callout') || '',
        state: c.getAttribute('data-state'),
        text: words(c),
        actions: buttons.map(function (b) { return b.action; }),
        buttons: buttons,
        result: result ? words(result) : '',
        rect: rect(c),
      };
    }) : [],
    focused: focused ? (focused.localName === 'button' ? focused.className : focused.localName) : null,
    notice: box ? words(box) : '',
  };
}`;

/** The element children of <html> that a page does not normally have there. */
export const CANDIDATES = `Array.from(document.documentElement ? document.documentElement.children : []).filter(function (e) { return e.localName !== 'head' && e.localName !== 'body'; })`;

export function summarise(read: HostRead[]): OverlayState {
  const overlays = read.filter((r) => r.kind === 'overlay');
  return {
    hosts: overlays.length,
    closed: read.every((r) => r.mode === 'closed'),
    attributes: read.flatMap((r) => r.attributes),
    marks: overlays.flatMap((r) => r.marks),
    callouts: overlays.flatMap((r) => r.callouts),
    notices: read.filter((r) => r.kind === 'notice').map((r) => r.notice),
    read,
  };
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
const GROUP = 'consent-lens-reader';

function sessionOf(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

interface DescribedNode {
  shadowRoots?: Array<{ backendNodeId: number; shadowRootType?: string }>;
}

async function readOnce(cdp: CDPSession): Promise<HostRead[]> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: GROUP });
  try {
    const { result } = await cdp.send('Runtime.evaluate', { expression: CANDIDATES, contextId: executionContextId, objectGroup: GROUP });
    if (!result.objectId) return [];
    const { result: props } = await cdp.send('Runtime.getProperties', { objectId: result.objectId, ownProperties: true });
    const out: HostRead[] = [];
    for (const p of props) {
      const objectId = p.value?.objectId;
      if (!/^\d+$/.test(p.name) || !objectId) continue;
      const { node } = (await cdp.send('DOM.describeNode', { objectId, depth: 0, pierce: true })) as { node: DescribedNode };
      const sr = node.shadowRoots?.[0];
      if (!sr) continue;
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: sr.backendNodeId, executionContextId, objectGroup: GROUP });
      if (!object.objectId) continue;
      const { result: read, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId,
        functionDeclaration: READ_HOST,
        arguments: [{ objectId: object.objectId }],
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(`reading the overlay: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      const value = read.value as Omit<HostRead, 'mode'> | null;
      if (value) out.push({ ...value, mode: sr.shadowRootType ?? '' });
    }
    return out;
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => undefined);
  }
}

/** What the content script has drawn in the page's top document, read through DevTools. */
export async function readOverlay(page: Page): Promise<OverlayState> {
  const cdp = await sessionOf(page);
  try {
    return summarise(await readOnce(cdp));
  } catch (e) {
    // A navigation between two calls takes our world with it: read once more in the new one.
    if (!/context|frame|node/i.test(String(e))) throw e;
    return summarise(await readOnce(cdp));
  }
}

/**
 * Clicks one of our buttons as a person does: the real mouse at the middle of its box (a
 * trusted click; a script's `.click()` does nothing, see overlay.ts).
 */
export async function clickOverlay(page: Page, id: string | null, action: string): Promise<void> {
  const state = await readOverlay(page);
  const callout = id === null ? state.callouts[0] : state.callouts.find((c) => c.id === id);
  const button = callout?.buttons.find((b) => b.action === action);
  if (!button || button.rect.width === 0) throw new Error(`no ${action} button in the callout for ${id ?? 'the first control'}`);
  await page.mouse.click(button.rect.x + button.rect.width / 2, button.rect.y + button.rect.height / 2);
}
