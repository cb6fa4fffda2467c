/**
 * Inline icons (no remote images). Decorative: the word next to each icon carries the meaning,
 * so they are hidden from assistive technology. Strokes and fills come from popup.css.
 */
import type { State } from '../../engine/types';

export function StateIcon({ state }: { state: State }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9.5" />
      {state === 'on' && (
        <>
          <path d="M12 7v6.5" />
          <circle class="fill" cx="12" cy="16.8" r="1.3" />
        </>
      )}
      {state === 'off' && <path d="M7.5 12.5l3 3 6-6.5" />}
      {state === 'mixed' && <path class="fill" d="M12 2.5a9.5 9.5 0 0 1 0 19z" />}
      {state === 'unknown' && (
        <>
          <path d="M9.6 9.4a2.5 2.5 0 1 1 3.4 2.4c-.6.3-1 .9-1 1.6v.5" />
          <circle class="fill" cx="12" cy="17" r="1.2" />
        </>
      )}
    </svg>
  );
}

export function AlertIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 3.5 21.5 20h-19z" />
      <path d="M12 9.5v5" />
      <circle class="fill" cx="12" cy="17.3" r="1.1" />
    </svg>
  );
}
