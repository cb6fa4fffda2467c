/**
 * A short notice in the page after a capture ("Saved to the evidence library…", or why not):
 * the keyboard shortcut has no popup to answer in. Like the overlay (see overlay.ts), an element
 * without attributes on <html> with a closed shadow root, a constructed stylesheet whose
 * `:host` rules outrank the page's, and its words as CSS generated content, so the page can
 * neither read nor restyle it. Shown only after the pictures are taken, so it is never in them.
 */
const SHOW_MS = 6000;

const CSS = `:host { all: initial !important; position: fixed !important; right: 16px !important; bottom: 16px !important;
  z-index: 2147483647 !important; display: block !important; direction: ltr !important; }
:host::before, :host::after { content: none !important; }
[data-t]::before { content: attr(data-t); }
div { display: block; max-width: 360px; padding: 10px 14px; border-radius: 8px; background: #111827; color: #f9fafb;
  border-left: 4px solid #dc2626; font: 500 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.35); }
div.ok { border-left-color: #16a34a; }
strong { display: block; font-size: 11px; color: #fca5a5; }
.ok strong { color: #bbf7d0; }`;

/** Shows the notice and returns its host (the caller takes it down before the next capture). */
export function showCaptureNotice(doc: Document, ok: boolean, message: string): HTMLElement {
  const host = doc.createElement('div');
  const root = host.attachShadow({ mode: 'closed' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  root.adoptedStyleSheets = [sheet];
  const box = doc.createElement('div');
  box.setAttribute('role', ok ? 'status' : 'alert');
  if (ok) box.className = 'ok';
  const brand = doc.createElement('strong');
  brand.setAttribute('data-t', 'Consent Lens');
  const text = doc.createElement('span');
  text.setAttribute('data-t', message);
  box.append(brand, text);
  root.append(box);
  doc.documentElement.append(host);
  setTimeout(() => host.remove(), SHOW_MS);
  return host;
}
