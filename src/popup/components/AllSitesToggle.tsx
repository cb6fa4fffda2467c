import { useEffect, useState } from 'preact/hooks';
import { allSitesGranted, SENTENCES, sentenceFor, setAllSites, t } from '../api';

/**
 * "Check all sites": asks the browser for access to every site (an optional permission) and
 * has the background register the content script there; off gives the permission back.
 */
export function AllSitesToggle({ onError }: { onError: (sentence: string | null) => void }) {
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  useEffect(() => {
    let alive = true;
    void allSitesGranted().then((granted) => alive && setOn(granted));
    return () => {
      alive = false;
    };
  }, []);

  const onClick = (e: MouseEvent): void => {
    const want = (e.currentTarget as HTMLInputElement).checked;
    if (busy) {
      e.preventDefault();
      return;
    }
    setBusy(true);
    setNote('');
    onError(null);
    // In the click itself: the browser grants host access only while it handles the user's input.
    setAllSites(want)
      .then((status) => {
        setOn(status.granted);
        setNote(status.granted ? t('allSitesOnNote') : want ? t('allSitesDenied') : t('allSitesOffNote'));
      })
      .catch((err: unknown) => onError(sentenceFor(err, SENTENCES.allSites)))
      .finally(() => setBusy(false));
  };

  return (
    <div class="notify">
      <label class="notify__row">
        <input type="checkbox" role="switch" data-testid="all-sites-toggle" checked={on} aria-describedby="all-sites-note" onClick={onClick} />
        <span>{t('allSitesLabel')}</span>
      </label>
      <p id="all-sites-note" class="muted small" role="status" aria-live="polite" data-testid="all-sites-note">
        {note}
      </p>
    </div>
  );
}
