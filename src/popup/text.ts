/**
 * The popup's words: pure functions from data to the plain sentences people read. Nothing here
 * touches the DOM or `browser.*`; page-supplied strings only ever pass through as text.
 */
import type { Severity, State, SurfaceKind } from '../engine/types';
import type { ObservationSource } from '../shared/messages';

/** What the big choice says. The e2e suite reads exactly these four words. */
export function choiceWord(state: State): 'ON' | 'OFF' | 'Mixed' | 'Unknown' {
  switch (state) {
    case 'on':
      return 'ON';
    case 'off':
      return 'OFF';
    case 'mixed':
      return 'Mixed';
    case 'unknown':
      return 'Unknown';
  }
}

/** One line under the big word, so the state is never carried by colour or icon alone. */
export function choiceMeaning(state: State, vendor: string): string {
  switch (state) {
    case 'on':
      return `Your chats can be used to train ${vendor}'s AI models.`;
    case 'off':
      return `Your chats are not used to train ${vendor}'s AI models.`;
    case 'mixed':
      return 'Some of the training switches are on and some are off.';
    case 'unknown':
      return 'Consent Lens has not read this setting yet.';
  }
}

export function sourceWords(source: ObservationSource): string {
  switch (source) {
    case 'terms-dialog':
      return 'terms dialog';
    case 'settings-page':
      return 'settings page';
    case 'turn-off':
      return 'your Turn off';
    case 'page':
      return 'page';
  }
}

export function severityWord(severity: Severity): string {
  return severity === 'high' ? 'High' : severity === 'medium' ? 'Medium' : 'Low';
}

export function surfaceWords(kind: SurfaceKind): string {
  switch (kind) {
    case 'terms-update':
      return 'Terms update';
    case 'consent-prompt':
      return 'Consent prompt';
    case 'settings':
      return 'Settings';
    case 'other':
      return 'Dialog';
  }
}

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

/** "Claude and ChatGPT", "Claude, ChatGPT and Gemini". */
export function listNames(names: string[]): string {
  return new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(names);
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
