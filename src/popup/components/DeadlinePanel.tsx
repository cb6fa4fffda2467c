import type { DeadlineView } from '../../shared/messages';
import { deadlineInstant, isoDuration, isPast } from '../../shared/time';
import { slot, withSlots } from '../../i18n/slots';
import { t, w } from '../api';
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
  const words = w();
  const at = deadlineInstant(deadline.date);
  const past = at !== null && isPast(at, now);
  return (
    <section class="panel deadline-panel" aria-labelledby="deadline-heading">
      <h2 id="deadline-heading" class="eyebrow">
        {t('deadlineHeading')}
      </h2>
      <p class="deadline-date" data-testid="deadline-date">
        {withSlots(t('decideBy', slot(0)), [<time dateTime={deadline.date}>{words.day(deadline.date)}</time>])}
      </p>
      {at !== null && (
        <p class={past ? 'countdown tone-on' : 'countdown'}>
          <time dateTime={isoDuration(at, now)} data-testid="countdown">
            {words.countdown(at, now)}
          </time>
        </p>
      )}
      <p class="muted small" data-testid="deadline-source">
        {deadline.source === 'page'
          ? deadline.where
            ? t('deadlineFromPageOn', hostOf(deadline.where))
            : t('deadlineFromPage')
          : withSlots(t('deadlineFromAnnouncement', slot(0)), [
              <WebLink url={deadline.where} onError={onError}>
                {vendor ? t('vendorAnnouncement', vendor) : t('theAnnouncement')}
              </WebLink>,
            ])}
      </p>
    </section>
  );
}
