/**
 * The shape check of the messages a content script receives (from the popup and the background).
 * A module of its own so the content script does not carry the checks of every other message;
 * `isMessage` (messages.ts) uses it for these types.
 */
import type { Message } from './messages';

export type ToContentMessage = Extract<Message, { type: `${string}→content:${string}` }>;

export function isToContent(m: unknown): m is ToContentMessage {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const x = m as Record<string, unknown>;
  switch (x.type as ToContentMessage['type']) {
    case 'popup→content:turn-off':
    case 'popup→content:show-me':
      return typeof x.controlId === 'string';
    case 'background→content:capture-prepare': {
      const c = x.copied as Record<string, unknown> | null | undefined;
      return typeof x.redact === 'boolean' && typeof c === 'object' && c !== null && typeof c.url === 'string' && (c.deadline === null || typeof c.deadline === 'string');
    }
    case 'background→content:capture-scroll':
      return typeof x.to === 'number' && Number.isFinite(x.to);
    case 'background→content:capture-restore':
      return true;
    case 'background→content:capture-notice':
      return typeof x.ok === 'boolean' && typeof x.message === 'string';
    default:
      return false;
  }
}
