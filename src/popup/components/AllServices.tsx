import { useState } from 'preact/hooks';
import type { ServiceView } from '../../shared/messages';
import { deadlineInstant, MINUTE_MS } from '../../shared/time';
import { slot, withSlots } from '../../i18n/slots';
import { t, w } from '../api';
import { useNow } from '../hooks';
import { StateIcon } from './Icons';
import { WebLink } from './WebLink';

interface Props {
  services: ServiceView[];
  onError: (sentence: string | null) => void;
}

function ServiceRow({ service, now, onError }: { service: ServiceView; now: number; onError: Props['onError'] }) {
  const words = w();
  const current = service.record?.current ?? null;
  const state = current?.state ?? 'unknown';
  const deadline = service.deadline;
  const at = deadline ? deadlineInstant(deadline.date) : null;
  return (
    <li class="service-row" data-testid="service-row" data-service-id={service.id}>
      <div class="service-row__head">
        <h3 class="service-row__name">{service.name}</h3>
        <p class={`chip tone-${state}`}>
          <StateIcon state={state} />
          <span data-testid="service-choice">{current ? words.state(state) : t('notSeenYet')}</span>
        </p>
      </div>
      {service.record?.drift && <p class="small tone-on">{t('driftShort')}</p>}
      <p class="small">
        {deadline ? (
          <>
            {withSlots(t('decideBy', slot(0)), [<time dateTime={deadline.date}>{words.day(deadline.date)}</time>])}
            {at !== null && `${t('calloutSeparator')}${words.countdown(at, now)}`}
          </>
        ) : (
          <span class="muted">{t('noDeadline')}</span>
        )}
      </p>
      <p class="small">
        <WebLink url={service.settingsUrl} testId="service-settings-link" onError={onError}>
          {service.settingsPath}
        </WebLink>
      </p>
    </li>
  );
}

/** Every service with a rule: its last seen choice, next deadline and where to change it. */
export function AllServices({ services, onError }: Props) {
  const [open, setOpen] = useState(false);
  const now = useNow(MINUTE_MS / 2);
  return (
    <section class="panel services-panel" aria-labelledby="services-heading">
      <h2 id="services-heading" class="eyebrow">
        <button
          type="button"
          class="disclosure"
          aria-expanded={open}
          aria-controls="services-list"
          data-testid="all-services-toggle"
          onClick={() => setOpen(!open)}
        >
          <span class="disclosure__marker" aria-hidden="true" />
          {t('allServices', services.length)}
        </button>
      </h2>
      <div id="services-list" hidden={!open}>
        {open && (
          <ul class="services">
            {services.map((s) => (
              <ServiceRow key={s.id} service={s} now={now} onError={onError} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
