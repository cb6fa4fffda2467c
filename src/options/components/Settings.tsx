import { useState } from 'preact/hooks';
import type { EvidenceSettings } from '../../shared/messages';
import { SENTENCES, sentenceFor, setRedact, t } from '../api';

interface Props {
  settings: EvidenceSettings;
  onChange: (s: EvidenceSettings) => void;
}

export function Settings({ settings, onChange }: Props) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const toggle = (e: Event): void => {
    const want = (e.currentTarget as HTMLInputElement).checked;
    setBusy(true);
    setNote('');
    setRedact(want)
      .then((s) => {
        onChange(s);
        setNote(s.redact ? t('redactOnNote') : t('redactOffNote'));
      })
      .catch((err: unknown) => setNote(sentenceFor(err, SENTENCES.settings)))
      .finally(() => setBusy(false));
  };
  return (
    <section class="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      <label class="switch-row">
        <input type="checkbox" role="switch" data-testid="redact-toggle" checked={settings.redact} disabled={busy} aria-describedby="redact-help redact-note" onChange={toggle} />
        <span>{t('redactLabel')}</span>
      </label>
      <p id="redact-help" class="muted small">
        {t('redactHelp')}
      </p>
      <p id="redact-note" class="small" role="status" aria-live="polite">
        {note}
      </p>
    </section>
  );
}
