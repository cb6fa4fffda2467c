/**
 * The highlight: one host element with its own shadow root, so page CSS cannot break it and it
 * cannot break the page. Outlines follow their controls on scroll, resize and dialog
 * animations. Text is set with textContent only (page text is untrusted); styles come from a
 * constructed stylesheet and CSSOM properties, which a page's CSP does not block.
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
}


interface Drawn {
  item: OverlayItem;
  mark: HTMLElement;
  callout: HTMLElement;
  result: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function createOverlay(doc: Document, handlers: OverlayHandlers, signal: AbortSignal): Overlay {
  const win = doc.defaultView ?? window;
  const host = doc.createElement('div');
  host.setAttribute('data-consent-lens-overlay', '');
  const hs = host.style;
  hs.setProperty('position', 'fixed', 'important');
  hs.setProperty('inset', '0', 'important');
  hs.setProperty('pointer-events', 'none', 'important');
  hs.setProperty('z-index', '2147483647', 'important');
  hs.setProperty('display', 'block', 'important');
  const shadow = host.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    shadow.append(el(doc, 'style', '', CSS));
  }
  const layer = el(doc, 'div', 'layer');
  shadow.append(layer);

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
        if (e.target instanceof Node && host.contains(e.target)) return;
        follow(type.endsWith('end') ? 100 : 800);
      }, opts);
    }
  };
  signal.addEventListener('abort', () => {
    listen(false);
    resize.disconnect();
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
    result.setAttribute('data-cl-result', '');
    result.setAttribute('aria-live', 'polite');
    const button = (label: string, action: string, cls: string, run: () => void): HTMLButtonElement => {
      const b = el(doc, 'button', cls, label);
      b.type = 'button';
      b.setAttribute('data-cl-action', action);
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        e.preventDefault();
        run();
      });
      return b;
    };
    const close = button('✕', 'dismiss', 'close', () => handlers.dismiss(item.id));
    close.setAttribute('aria-label', message('overlayDismiss'));
    const row = el(doc, 'div', 'row');
    if (item.canTurnOff) row.append(button(message('turnOff'), 'turn-off', 'primary', () => handlers.turnOff(item.id)));
    row.append(button(message('showMe'), 'show-me', '', () => handlers.showMe(item.id)));
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
        const said = old?.result.textContent ?? '';
        if (old) remove(old);
        const d = build(item);
        d.result.textContent = said;
        drawn.set(item.id, d);
        resize.observe(item.anchor);
      }
      if (items.length && !host.isConnected) (doc.documentElement ?? doc.body)?.append(host);
      if (!items.length && host.isConnected) host.remove();
      listen(drawn.size > 0);
      position();
      follow();
    },
    follow,
    setResult(id, text) {
      const d = drawn.get(id);
      if (d) d.result.textContent = text;
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
  };
}
