/** The options page's words and numbers: pure functions, page text passes through as text. */
import { BUILTIN_RULES } from '../rules';

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "2025-09-26 12:00:03 UTC": the stamp's clock, the same for every reader. */
export function utcTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function serviceName(id: string | null): string {
  if (!id) return 'Other page';
  return BUILTIN_RULES.find((r) => r.id === id)?.name ?? id;
}
