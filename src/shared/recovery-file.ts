/**
 * A kept-aside value (src/shared/storage.ts) as a JSON file for the user to keep: the value as
 * it was found, with why and when it was set aside. Made in the page and saved as a local
 * download; nothing leaves the machine. Pure.
 */
import type { RecoveriesView } from './messages';

export const RECOVERY_FILE_SCHEMA = 'consent-lens/set-aside@1';

export function recoveryFile(key: string, kept: unknown): { fileName: string; text: string } {
  const entry = typeof kept === 'object' && kept !== null && !Array.isArray(kept) ? (kept as Record<string, unknown>) : { value: kept };
  const at = typeof entry.at === 'string' ? entry.at : key.replace(/^.*?:corrupt:/, '');
  const stamp = at.replace(/\.\d+Z$/, 'Z').replace(/[^0-9A-Za-z]+/g, '-');
  return {
    fileName: `consent-lens-set-aside-${stamp}.json`,
    text: `${JSON.stringify({ schema: RECOVERY_FILE_SCHEMA, key, ...entry }, null, 2)}\n`,
  };
}

/** Shape check of a RecoveriesView reply, for the pages. */
export function isRecoveriesView(v: unknown): v is RecoveriesView {
  if (typeof v !== 'object' || v === null) return false;
  const x = v as Partial<Record<keyof RecoveriesView, unknown>>;
  const text = (y: unknown): boolean => y === null || typeof y === 'string';
  return (
    Array.isArray(x.recoveries) &&
    x.recoveries.every((r: unknown) => typeof r === 'object' && r !== null && typeof (r as { key?: unknown }).key === 'string' && typeof (r as { at?: unknown }).at === 'string') &&
    text(x.problem) &&
    text(x.fullSince)
  );
}
