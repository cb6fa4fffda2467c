import type { ServiceView } from '../../shared/messages';
import type { Report } from '../../engine/types';
import { MINUTE_MS } from '../../shared/time';
import { slot, withSlots } from '../../i18n/slots';
import { t, w } from '../api';
import { useNow } from '../hooks';
import { hostPath } from '../text';
import { StateIcon } from './Icons';
import { WebLink } from './WebLink';

interface Props {
  service: ServiceView;
  /** This tab's page shows a training choice whose selected option puts it off ("Not now"). */
  postponed: boolean;
  onError: (sentence: string | null) => void;
}

/** Whether a report shows a training choice left on an option that postpones it. */
export function postponedOn(report: Report | null): boolean {
  return !!report?.controls.some((c) => c.purpose === 'ai-training' && c.deferred === true);
}

/** What is my choice on this service: the big word, where it was seen, where to change it. */
export function ChoicePanel({ service, postponed, onError }: Props) {
  const now = useNow(MINUTE_MS / 2);
  const words = w();
  const current = service.record?.current ?? null;
  const state = current?.state ?? 'unknown';
  const meaning =
    state === 'on'
      ? t('choiceMeaningOn', service.vendor)
      : state === 'off'
        ? t('choiceMeaningOff', service.vendor)
        : state === 'mixed'
          ? t('choiceMeaningMixed')
          : t('choiceMeaningUnknown');
  return (
    <section class="panel choice-panel" aria-labelledby="choice-heading">
      <h2 id="choice-heading" class="eyebrow">
        {t('choiceHeading')}
      </h2>
      <p class={`choice tone-${state}`}>
        <StateIcon state={state} />
        <span class="choice__word" data-testid="choice">
          {words.state(state)}
        </span>
      </p>
      <p class="choice__meaning">{meaning}</p>
      {postponed && (
        <p class="choice__meaning" data-testid="choice-postponed">
          {t('choicePostponed')}
        </p>
      )}
      <p class="muted small" data-testid="choice-seen">
        {current
          ? withSlots(t('choiceSeen', slot(0), hostPath(current.url), words.source(current.source)), [
              <time dateTime={current.at}>{words.relative(current.at, now)}</time>,
            ])
          : service.defaultState === 'unknown'
            ? t('notSeenYet')
            : t('notSeenDefault', words.state(service.defaultState))}
      </p>
      <p class="small settings-line">
        {withSlots(t('changeIn', slot(0)), [
          <WebLink url={service.settingsUrl} testId="settings-link" onError={onError}>
            {service.settingsPath}
          </WebLink>,
        ])}
      </p>
    </section>
  );
}
