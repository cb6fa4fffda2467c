/**
 * The popup's helpers for addresses: pure functions, nothing here touches the DOM or
 * `browser.*`; page-supplied strings only ever pass through as text. (The words themselves come
 * from the message catalogue: src/i18n/words.ts.)
 */

/**
 * "claude.ai/settings/data-privacy-controls": host name and path only. Port, query and
 * fragment are dropped: they are noise for a person and the query may carry identifiers.
 */
export function hostPath(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '');
    return `${u.hostname}${path}`;
  } catch {
    return url;
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** Only http(s) addresses become links; anything else (javascript:, data:) stays text. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * `?tab=<id>` in the popup's address: the tab to show (tests, and the popup opened as a full
 * tab). null when absent; NaN when present but not a tab id, which the loader reports as a
 * tab that is gone.
 */
export function tabParam(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null) return null;
  return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
}
