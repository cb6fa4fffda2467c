import type { ServiceView } from '../../shared/messages';
import { formatRelative, MINUTE_MS } from '../../shared/time';
import { useNow } from '../hooks';
import { choiceMeaning, choiceWord, hostPath, sourceWords } from '../text';
import { StateIcon } from './Icons';
import { WebLink } from './WebLink';

interface Props {
  service: ServiceView;
  onError: (sentence: string | null) => void;
}

/** What is my choice on this service: the big word, where it was seen, where to change it. */
export function ChoicePanel({ service, onError }: Props) {
  const now = useNow(MINUTE_MS / 2);
  const current = service.record?.current ?? null;
  const state = current?.state ?? 'unknown';
  return (
    <section class="panel choice-panel" aria-labelledby="choice-heading">
      <h2 id="choice-heading" class="eyebrow">
        Training on your chats
      </h2>
      <p class={`choice tone-${state}`}>
        <StateIcon state={state} />
        <span class="choice__word" data-testid="choice">
          {choiceWord(state)}
        </span>
      </p>
      <p class="choice__meaning">{choiceMeaning(state, service.vendor)}</p>
      <p class="muted small" data-testid="choice-seen">
        {current ? (
          <>
            last seen <time dateTime={current.at}>{formatRelative(current.at, now)}</time>
            {` on ${hostPath(current.url)} (${sourceWords(current.source)})`}
          </>
        ) : (
          `not seen yet${service.defaultState === 'unknown' ? '' : `; new accounts start ${choiceWord(service.defaultState)}`}`
        )}
      </p>
      <p class="small settings-line">
        Change it in{' '}
        <WebLink url={service.settingsUrl} testId="settings-link" onError={onError}>
          {service.settingsPath}
        </WebLink>
      </p>
    </section>
  );
}
