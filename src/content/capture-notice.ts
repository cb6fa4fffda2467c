/**
 * A short notice in the page after a capture ("Saved to the evidence library…", or why not):
 * the keyboard shortcut has no popup to answer in. Its own host and shadow root, styled
 * through CSSOM properties (a page's CSP does not block those), text set with textContent.
 * Shown only after the pictures are taken, so it is never in them.
 */
const SHOW_MS = 6000;

export function showCaptureNotice(doc: Document, ok: boolean, message: string): void {
  doc.querySelectorAll('[data-consent-lens-notice]').forEach((e) => e.remove());
  const host = doc.createElement('div');
  host.setAttribute('data-consent-lens-notice', '');
  const hs = host.style;
  hs.setProperty('position', 'fixed', 'important');
  hs.setProperty('right', '16px', 'important');
  hs.setProperty('bottom', '16px', 'important');
  hs.setProperty('z-index', '2147483647', 'important');
  hs.setProperty('display', 'block', 'important');
  const root = host.attachShadow({ mode: 'open' });
  const box = doc.createElement('div');
  box.setAttribute('role', ok ? 'status' : 'alert');
  const s = box.style;
  s.setProperty('all', 'initial');
  s.setProperty('display', 'block');
  s.setProperty('max-width', '360px');
  s.setProperty('padding', '10px 14px');
  s.setProperty('border-radius', '8px');
  s.setProperty('background', '#111827');
  s.setProperty('color', '#f9fafb');
  s.setProperty('border-left', `4px solid ${ok ? '#16a34a' : '#dc2626'}`);
  s.setProperty('font', '500 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif');
  s.setProperty('box-shadow', '0 4px 16px rgba(0,0,0,.35)');
  const brand = doc.createElement('strong');
  brand.textContent = 'Consent Lens';
  brand.style.setProperty('display', 'block');
  brand.style.setProperty('font-size', '11px');
  brand.style.setProperty('color', ok ? '#bbf7d0' : '#fca5a5');
  const text = doc.createElement('span');
  text.textContent = message;
  box.append(brand, text);
  root.append(box);
  (doc.body ?? doc.documentElement).append(host);
  setTimeout(() => host.remove(), SHOW_MS);
}
