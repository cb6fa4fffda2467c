/**
 * Every message between the parts of the extension, as one discriminated union. Names carry
 * their direction: `content→background` and so on.
 */
import type { Report } from '../engine/types';

export type Message = { type: 'content→background:report'; report: Report };

export function isMessage(m: unknown): m is Message {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  return t === 'content→background:report' && typeof (m as { report?: unknown }).report === 'object';
}
