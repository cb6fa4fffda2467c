/** Shape check of the messages only extension pages send (see `PageMessage` in shared/messages.ts). */
import type { PageMessage } from '../shared/messages';

const TYPES = new Set<PageMessage['type']>([
  'popup→background:sync-all-sites',
  'options→background:sync-all-sites',
  'options→background:get-user-rules',
  'options→background:import-user-rule',
  'options→background:remove-user-rule',
  'popup→background:get-recoveries',
  'options→background:get-recoveries',
  'popup→background:dismiss-recovery',
  'options→background:delete-recovery',
]);

export function isPageMessage(m: unknown): m is PageMessage {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const x = m as Record<string, unknown>;
  if (typeof x.type !== 'string' || !TYPES.has(x.type as PageMessage['type'])) return false;
  switch (x.type as PageMessage['type']) {
    case 'options→background:import-user-rule':
      return typeof x.text === 'string';
    case 'options→background:remove-user-rule':
      return typeof x.id === 'string';
    case 'popup→background:dismiss-recovery':
    case 'options→background:delete-recovery':
      return typeof x.key === 'string';
    default:
      return true;
  }
}
