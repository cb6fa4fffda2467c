/**
 * The highlight: one host element with a closed shadow root, so the page's scripts can neither
 * read nor drive it and page CSS cannot break it (nor it the page). Outlines follow their
 * controls on scroll, resize and dialog animations. Styles come from a constructed stylesheet,
 * which a page's CSP does not block.
 *
 * What the page can reach is the host alone: an element without attributes on <html>, present
 * while something is highlighted. It says nothing about us: every word we show is CSS generated
 * content (`data-t`, see overlay.css), which `window.find()`, selections and `innerText` do not
 * see, while assistive technology reads it. The `:host` rules are `!important` inside the shadow
 * root, which beats anything the page's own styles say, inline `!important` included. A page
 * that removes the host or sets attributes on it is undone, at most once per frame, so a page
 * that keeps at it cannot make us spin. Our buttons act on trusted events only: a real click,
 * tap, or Enter/Space on the focused button.
 */
import CSS from './overlay.css?inline';
import { message } from './runtime';

export interface OverlayItem {
  id: string;
  /** The plain-words summary with numbers. */
  text: string;
  state: string;
  /** What to outline: the visible control, or its dialog when the control cannot be seen. */
  anchor: Element;
  /** The control cannot be seen: the mark is pinned to its dialog. */
  pinned: boolean;
  canTurnOff: boolean;
}

export interface OverlayHandlers {
  turnOff(id: string): void;
  showMe(id: string): void;
  dismiss(id: string): void;
}

export interface Overlay {
  host: HTMLElement;
  update(items: OverlayItem[]): void;
  /** A short burst of repositioning (after an action, during an animation). */
  follow(ms?: number): void;
  setResult(id: string, text: string): void;
  flash(id: string): void;
  /** Hides what is drawn (a capture's raw picture is the page alone), or shows it again. */
  hide(hidden: boolean): void;
}


interface Drawn {
  item: OverlayItem;
  mark: HTMLElement;
  callout: HTMLElement;
  result: HTMLElement;
}

/** Words are drawn as generated content from `data-t` (see the file comment); empty: none. */
const say = (e: Element, text: string): void => {
  if (text) e.setAttribute('data-t', text);
  else e.removeAttribute('data-t');
};

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls: string, text = ''): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  e.className = cls;
  say(e, text);
  return e;
}

export function createOverlay(doc: Document, handlers: OverlayHandlers, signal: AbortSignal): Overlay {
  const win = doc.defaultView ?? window;
  const host = doc.createElement('div');
  const shadow = host.attachShadow({ mode: 'closed' });
  // A constructed stylesheet: no <style> element a page's CSP could refuse (Chromium 73+, Firefox 101+).
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  shadow.adoptedStyleSheets = [sheet];
  const layer = el(doc, 'div', 'layer');
  shadow.append(layer);

  // The page may take the host out, move it, or set attributes on it (`inert`, `hidden`, a
  // style): we put it back on <html> and clear them on the next frame. Once per frame at most,
  // so a page that keeps at it cannot make either of us spin.
  let shown = false;
  let queued = 0;
  const mount = (): void => {
    const top = doc.documentElement;
    if (shown && top && host.parentNode !== top) {
      top.append(host);
      guard.observe(top, { childList: true });
    }
    guard.takeRecords();
  };
  const guard = new MutationObserver(() => {
    queued ||= win.requestAnimationFrame(() => {
      queued = 0;
      for (const a of host.getAttributeNames()) host.removeAttribute(a);
      if (!signal.aborted) mount();
    });
  });
  guard.observe(host, { attributes: true });
  guard.observe(doc, { childList: true });

  const drawn = new Map<string, Drawn>();
  let burstUntil = 0;
  let frame = 0;
  const resize = new ResizeObserver(() => position());

  const place = (d: Drawn): void => {
    const r = d.item.anchor.getBoundingClientRect();
    const gone = !d.item.anchor.isConnected || (r.width === 0 && r.height === 0);
    d.mark.style.display = gone ? 'none' : 'block';
    d.callout.style.display = gone ? 'none' : 'block';
    if (gone) return;
    Object.assign(d.mark.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
    const vw = win.innerWidth;
    const vh = win.innerHeight;
    const cw = Math.min(320, d.callout.offsetWidth || 320);
    const ch = d.callout.offsetHeight || 80;
    let left: number;
    let top: number;
    if (d.item.pinned) {
      // Pinned to the dialog's top-right corner, inside it.
      left = Math.min(vw - cw - 8, r.right - cw - 8);
      top = Math.max(8, r.top + 8);
    } else if (r.right + 16 + cw <= vw) {
      left = r.right + 16;
      top = r.top + r.height / 2 - ch / 2;
    } else if (r.left - 16 - cw >= 0) {
      left = r.left - 16 - cw;
      top = r.top + r.height / 2 - ch / 2;
    } else {
      left = r.left;
      top = r.bottom + 10;
    }
    left = Math.max(8, Math.min(left, vw - cw - 8));
    top = Math.max(8, Math.min(top, vh - ch - 8));
    d.callout.style.left = `${left}px`;
    d.callout.style.top = `${top}px`;
  };

  const position = (): void => {
    for (const d of drawn.values()) {
      try {
        place(d);
      } catch {
        /* an anchor from a torn-down page part */
      }
    }
  };

  const tick = (): void => {
    frame = 0;
    position();
    if (performance.now() < burstUntil && !signal.aborted) frame = win.requestAnimationFrame(tick);
  };
  const follow = (ms = 600): void => {
    burstUntil = Math.max(burstUntil, performance.now() + ms);
    if (!frame) frame = win.requestAnimationFrame(tick);
  };

  // The page's scrolls, resizes and transitions move what we outline, so we follow them, but
  // only while something is drawn: a streaming chat scrolls on every chunk, and a listener that
  // is not there costs nothing.
  let following: AbortController | null = null;
  const listen = (on: boolean): void => {
    if (on === (following !== null)) return;
    if (!on) {
      following?.abort();
      following = null;
      return;
    }
    following = new AbortController();
    const opts = { capture: true, passive: true, signal: following.signal } as const;
    win.addEventListener('scroll', () => follow(150), opts);
    win.addEventListener('resize', () => follow(150), opts);
    for (const type of ['transitionrun', 'transitionend', 'animationstart', 'animationend']) {
      doc.addEventListener(type, (e) => {
        if (e.target === host) return; // ours: the closed root shows its events as the host's
        follow(type.endsWith('end') ? 100 : 800);
      }, opts);
    }
  };
  signal.addEventListener('abort', () => {
    listen(false);
    resize.disconnect();
    guard.disconnect();
    if (frame) win.cancelAnimationFrame(frame);
    host.remove();
  });

  const build = (item: OverlayItem): Drawn => {
    const mark = el(doc, 'div', item.pinned ? 'mark pinned' : 'mark');
    mark.setAttribute('data-cl-mark', item.id);
    const callout = el(doc, 'div', 'callout');
    callout.setAttribute('data-cl-callout', item.id);
    callout.setAttribute('role', 'note');
    callout.setAttribute('aria-label', 'Consent Lens');
    const result = el(doc, 'span', 'result');
    result.setAttribute('aria-live', 'polite');
    /** `action`, the button's class, is also how tests tell the buttons apart. */
    const button = (label: string, action: string, run: () => void): HTMLButtonElement => {
      const b = el(doc, 'button', action, label);
      b.type = 'button';
      // A click from a real mouse, touch, or Enter/Space on the focused button is trusted; one
      // a script makes (the page's, or anyone's) is not, and does nothing.
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        e.preventDefault();
        if (e.isTrusted) run();
      });
      return b;
    };
    const close = button('✕', 'dismiss', () => handlers.dismiss(item.id));
    close.setAttribute('aria-label', message('overlayDismiss'));
    const row = el(doc, 'div', 'row');
    if (item.canTurnOff) row.append(button(message('turnOff'), 'turn-off', () => handlers.turnOff(item.id)));
    row.append(button(message('showMe'), 'show-me', () => handlers.showMe(item.id)));
    callout.setAttribute('data-state', item.state);
    callout.append(el(doc, 'span', 'brand', 'CONSENT LENS'), el(doc, 'span', 'text', item.text), row, result, close);
    layer.append(mark, callout);
    return { item, mark, callout, result };
  };

  const remove = (d: Drawn): void => {
    d.mark.remove();
    d.callout.remove();
    resize.unobserve(d.item.anchor);
    drawn.delete(d.item.id);
    if (!drawn.size) listen(false);
  };

  const same = (a: OverlayItem, b: OverlayItem): boolean =>
    a.anchor === b.anchor && a.text === b.text && a.state === b.state && a.pinned === b.pinned && a.canTurnOff === b.canTurnOff;

  return {
    host,
    update(items) {
      const keep = new Set(items.map((i) => i.id));
      for (const d of [...drawn.values()]) if (!keep.has(d.item.id)) remove(d);
      for (const item of items) {
        const old = drawn.get(item.id);
        if (old && same(old.item, item)) continue;
        // A changed control is redrawn; what we last told the user about it stays.
        const said = old?.result.getAttribute('data-t') ?? '';
        if (old) remove(old);
        const d = build(item);
        say(d.result, said);
        drawn.set(item.id, d);
        resize.observe(item.anchor);
      }
      shown = items.length > 0;
      if (shown) mount();
      else if (host.isConnected) {
        host.remove();
        guard.takeRecords();
      }
      listen(drawn.size > 0);
      position();
      follow();
    },
    follow,
    setResult(id, text) {
      const d = drawn.get(id);
      if (d) say(d.result, text);
      position();
    },
    flash(id) {
      const d = drawn.get(id);
      if (!d) return;
      d.mark.classList.remove('flash');
      void d.mark.offsetWidth;
      d.mark.classList.add('flash');
      follow(1200);
    },
    hide(hidden) {
      layer.style.display = hidden ? 'none' : '';
    },
  };
}
