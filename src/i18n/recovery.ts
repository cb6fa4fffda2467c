/** The sentence for one value kept aside (popup and options page), in the page's words. */
import type { KeptAside } from '../shared/storage';
import type { Words } from './words';

export function recoverySentence(w: Words, r: KeptAside): string {
  const day = w.day(r.at);
  if (r.kind === 'newer') return r.restoredAt ? w.t('recoveryRestored', day, w.day(r.restoredAt)) : w.t('recoveryNewer', day);
  return r.kind === 'partial' ? w.t('recoveryPartial', day) : w.t('recoveryUnreadable', day);
}
