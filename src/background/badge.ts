/** The toolbar badge for a tab: the training switch at a glance. */
import type { Report } from '../engine/types';
import type { BackgroundPort } from './port';

export interface Badge {
  text: string;
  color: string;
}

export const BADGE_ON: Badge = { text: 'ON', color: '#dc2626' };
export const BADGE_OFF: Badge = { text: 'OFF', color: '#16a34a' };
/** Training controls whose state could not be read. */
export const BADGE_UNKNOWN: Badge = { text: '?', color: '#64748b' };
export const BADGE_NONE: Badge = { text: '', color: '#64748b' };

/** ON when any training control is on (or partly on), OFF when all are off, empty when none. */
export function badgeFor(report: Report): Badge {
  const training = report.controls.filter((c) => c.purpose === 'ai-training');
  if (!training.length) return BADGE_NONE;
  if (training.some((c) => c.state === 'on' || c.state === 'mixed')) return BADGE_ON;
  if (training.every((c) => c.state === 'off')) return BADGE_OFF;
  return BADGE_UNKNOWN;
}

/** The badge's word in the browser's language ("AN"/"AUS"), when the port can say it. */
function word(port: BackgroundPort, badge: Badge): string {
  const key = badge === BADGE_ON ? 'badgeOn' : badge === BADGE_OFF ? 'badgeOff' : null;
  return (key && port.message?.(key)) || badge.text;
}

/** Sets (or clears, with BADGE_NONE) one tab's badge. Rejects when the tab is gone. */
export async function setBadge(port: BackgroundPort, tabId: number, badge: Badge): Promise<void> {
  await port.action.setBadgeText({ tabId, text: word(port, badge) });
  if (badge.text) await port.action.setBadgeBackgroundColor({ tabId, color: badge.color });
}
