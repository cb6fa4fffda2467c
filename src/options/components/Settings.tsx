import { useState } from 'preact/hooks';
import type { EvidenceSettings } from '../../shared/messages';
import { SENTENCES, sentenceFor, setRedact } from '../api';

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
        setNote(s.redact ? 'Redaction is on.' : 'Redaction is off: captures will show your name, email addresses and avatar if the page does.');
      })
      .catch((err: unknown) => setNote(sentenceFor(err, SENTENCES.settings)))
      .finally(() => setBusy(false));
  };
  return (
    <section class="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <label class="switch-row">
        <input type="checkbox" role="switch" data-testid="redact-toggle" checked={settings.redact} disabled={busy} aria-describedby="redact-help redact-note" onChange={toggle} />
        <span>Mask my account in captures</span>
      </label>
      <p id="redact-help" class="muted small">
        Before a capture is stored, your name, email addresses and avatar are painted over in both pictures and taken out of the saved page excerpt and report. The record notes what kinds of thing were masked, never what they were.
      </p>
      <p id="redact-note" class="small" role="status" aria-live="polite">
        {note}
      </p>
    </section>
  );
}
