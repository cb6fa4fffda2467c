/**
 * A size as a person reads it in the English sentences and callouts (findings-words.ts,
 * report/summary.ts): whole pixels where whole, else one decimal, rounded down (never 23.9 → 24).
 * A module of its own, apart from colour.ts, so that the content script, which words nothing in
 * English, does not load it with the colour code it shares with the background.
 */
export function px(n: number): string {
  const r = Math.floor(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}
