import type { DeadlineView } from '../../shared/messages';
import { deadlineInstant, formatCountdown, formatDay, isoDuration, isPast } from '../../shared/time';
import { useNow } from '../hooks';
import { hostOf } from '../text';
import { WebLink } from './WebLink';

interface Props {
  deadline: DeadlineView;
  /** Who announced a rule deadline ("Anthropic"); null when unknown. */
  vendor: string | null;
  onError: (sentence: string | null) => void;
}

/**
 * By when must I decide. The countdown counts to 00:00 UTC of the date (see shared/time.ts)
 * and re-reads Date.now() every second, so it ticks over on the minute and a fixed test clock
 * fixes it.
 */
export function DeadlinePanel({ deadline, vendor, onError }: Props) {
  const now = useNow(1000);
  const at = deadlineInstant(deadline.date);
  const past = at !== null && isPast(at, now);
  return (
    <section class="panel deadline-panel" aria-labelledby="deadline-heading">
      <h2 id="deadline-heading" class="eyebrow">
        Deadline
      </h2>
      <p class="deadline-date" data-testid="deadline-date">
        Decide by <time dateTime={deadline.date}>{formatDay(deadline.date)}</time>
      </p>
      {at !== null && (
        <p class={past ? 'countdown tone-on' : 'countdown'}>
          <time dateTime={isoDuration(at, now)} data-testid="countdown">
            {formatCountdown(at, now)}
          </time>
        </p>
      )}
      <p class="muted small" data-testid="deadline-source">
        {deadline.source === 'page' ? (
          `from the page you visited${deadline.where ? ` on ${hostOf(deadline.where)}` : ''}`
        ) : (
          <>
            from{' '}
            <WebLink url={deadline.where} onError={onError}>
              {vendor ? `${vendor}'s announcement` : 'the announcement'}
            </WebLink>
          </>
        )}
      </p>
    </section>
  );
}
