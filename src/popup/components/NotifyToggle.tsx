import { useEffect, useState } from 'preact/hooks';
import { requestNotifyPermissions, SENTENCES, sentenceFor, setPrefs, t } from '../api';

interface Props {
  /** prefs.notifications as the background last reported it. */
  enabled: boolean;
  onError: (sentence: string | null) => void;
}

/** Opt-in notifications. Turning them on asks for the optional permissions first. */
export function NotifyToggle({ enabled, onError }: Props) {
  const [on, setOn] = useState(enabled);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!busy) setOn(enabled);
  }, [enabled]);

  const onClick = (e: MouseEvent): void => {
    const input = e.currentTarget as HTMLInputElement;
    const want = input.checked;
    if (busy) {
      // One request at a time: cancelling the click undoes the box's own flip.
      e.preventDefault();
      return;
    }
    setOn(want);
    setNote('');
    setBusy(true);
    onError(null);
    // The browser grants permissions only while it handles the user's input, so this runs in
    // the click itself (a checkbox has already flipped when click listeners run; keyboard
    // Space fires a click too), and the request starts before any await.
    const allowed = want ? requestNotifyPermissions() : Promise.resolve(true);
    allowed
      .then(async (ok) => {
        if (!ok) {
          setOn(false);
          setNote(SENTENCES.permission);
          return;
        }
        await setPrefs({ notifications: want });
        setNote(want ? t('notifyOn') : '');
      })
      .catch((err: unknown) => {
        setOn(!want);
        onError(sentenceFor(err, SENTENCES.prefs));
      })
      .finally(() => setBusy(false));
  };

  return (
    <div class="notify">
      <label class="notify__row">
        <input type="checkbox" role="switch" data-testid="notify-toggle" checked={on} aria-describedby="notify-note" onClick={onClick} />
        <span>{t('notifyLabel')}</span>
      </label>
      <p id="notify-note" class="muted small" role="status" aria-live="polite">
        {note}
      </p>
    </div>
  );
}
