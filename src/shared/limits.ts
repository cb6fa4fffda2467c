/**
 * What a content script may send the background, written once: the content script keeps within
 * these, the background drops or cuts what goes beyond them (a page could send anything). Tiny
 * and free of imports: the content script carries it.
 */

/** Controls, and surfaces, in one report: more would only be a page flooding the session store. */
export const MAX_REPORT_ITEMS = 500;

/**
 * The surface texts the background's deadline reader is given: 20 000 characters in all, the
 * first texts whole, the last one shortened.
 */
export function withinTextBudget(texts: readonly string[]): string[] {
  const out: string[] = [];
  let left = 20_000;
  for (const t of texts) {
    if (left <= 0) break;
    out.push(t.slice(0, left));
    left -= t.length;
  }
  return out;
}
