import type { Drift } from '../../shared/storage-schema';
import { formatDay, formatRelative, MINUTE_MS } from '../../shared/time';
import { useNow } from '../hooks';
import { choiceWord, hostPath } from '../text';
import { AlertIcon } from './Icons';

/** The setting changed between two visits without an action we saw. */
export function DriftWarning({ drift }: { drift: Drift }) {
  const now = useNow(MINUTE_MS / 2);
  return (
    <div class="alert" role="alert" data-testid="drift-warning">
      <AlertIcon />
      <p>
        <strong>Changed without you:</strong>
        {` was ${choiceWord(drift.from)} on `}
        <time dateTime={drift.previousAt}>{formatDay(drift.previousAt)}</time>
        {`, now ${choiceWord(drift.to)} (seen `}
        <time dateTime={drift.at}>{formatRelative(drift.at, now)}</time>
        {` on ${hostPath(drift.url)})`}
      </p>
    </div>
  );
}
