import { useEffect, useState } from 'preact/hooks';
import { allSitesGranted, SENTENCES, sentenceFor, setAllSites, t, watchPermissions } from '../api';

/**
 * "Check all sites" on the options page: the same switch as the popup's. It follows the
 * permission wherever it is changed (the popup, the browser's own extension settings).
 */
export function AllSites() {
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  useEffect(() => {
    let alive = true;
    const read = (): void => void allSitesGranted().then((g) => alive && setOn(g));
    read();
    const stop = watchPermissions(read);
    return () => {
      alive = false;
      stop();
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
    // In the click itself: the browser grants host access only while it handles the user's input.
    setAllSites(want)
      .then((status) => {
        setOn(status.granted);
        setNote(status.granted ? t('allSitesOnNote') : want ? t('allSitesDenied') : t('allSitesOffNote'));
      })
      .catch((err: unknown) => setNote(sentenceFor(err, SENTENCES.allSites)))
      .finally(() => setBusy(false));
  };

  return (
    <section class="panel" aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('sitesHeading')}</h2>
      <label class="switch-row">
        <input type="checkbox" role="switch" data-testid="all-sites-toggle" checked={on} aria-describedby="sites-help sites-note" onClick={onClick} />
        <span>{t('allSitesLabel')}</span>
      </label>
      <p id="sites-help" class="muted small">
        {t('allSitesHelp')}
      </p>
      <p id="sites-note" class="small" role="status" aria-live="polite" data-testid="all-sites-note">
        {note}
      </p>
    </section>
  );
}
