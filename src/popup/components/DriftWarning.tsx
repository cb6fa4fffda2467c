import type { Drift } from '../../shared/storage-schema';
import { MINUTE_MS } from '../../shared/time';
import { slot, withSlots } from '../../i18n/slots';
import { t, w } from '../api';
import { useNow } from '../hooks';
import { hostPath } from '../text';
import { AlertIcon } from './Icons';

/** The setting changed between two visits without an action we saw. */
export function DriftWarning({ drift }: { drift: Drift }) {
  const now = useNow(MINUTE_MS / 2);
  const words = w();
  return (
    <div class="alert" role="alert" data-testid="drift-warning">
      <AlertIcon />
      <p>
        <strong>{t('driftTitle')}</strong>{' '}
        {withSlots(t('driftDetail', words.state(drift.from), slot(0), words.state(drift.to), slot(1), hostPath(drift.url)), [
          <time dateTime={drift.previousAt}>{words.day(drift.previousAt)}</time>,
          <time dateTime={drift.at}>{words.relative(drift.at, now)}</time>,
        ])}
      </p>
    </div>
  );
}
