import { useEffect, useState } from 'preact/hooks';
import type { RecoveriesView } from '../../shared/messages';
import { recoverySentence } from '../../i18n/recovery';
import { saveFile } from '../../options/download';
import { dismissRecovery, exportRecovery, SENTENCES, sentenceFor, t, w } from '../api';
import { AlertIcon } from './Icons';

interface Props {
  view: RecoveriesView;
  onError: (sentence: string | null) => void;
}

/**
 * Saved data Consent Lens could not use: every value it set aside (until dismissed here; the
 * options page keeps listing it), data it could neither read nor set aside, and saving that
 * fails for lack of room. Reasons are English text from the background, shown as text.
 */
export function RecoveryNotice({ view, onError }: Props) {
  const [current, setCurrent] = useState(view);
  const [status, setStatus] = useState('');
  useEffect(() => setCurrent(view), [view]);
  const words = w();
  const shown = current.recoveries.filter((r) => r.dismissedAt === null);
  if (!shown.length && current.problem === null && current.fullSince === null) return null;

  const doExport = (key: string): void => {
    onError(null);
    exportRecovery(key)
      .then((file) => {
        saveFile(file.fileName, file.blob);
        setStatus(t('recoveryExported', file.fileName));
      })
      .catch((err: unknown) => onError(sentenceFor(err, t('recoveryExportFailed'))));
  };
  const doDismiss = (key: string): void => {
    onError(null);
    dismissRecovery(key)
      .then(setCurrent)
      .catch((err: unknown) => onError(sentenceFor(err, SENTENCES.background)));
  };

  return (
    <section class="alert recovery" aria-labelledby="recovery-heading" data-testid="recovery-notice">
      <AlertIcon />
      <div class="recovery__body">
        <h2 id="recovery-heading" class="recovery__title">
          {t('recoveryTitle')}
        </h2>
        {current.problem !== null && (
          <p data-testid="recovery-problem">
            {t('recoveryStuck')} <span class="muted small">{t('recoveryReason', current.problem)}</span>
          </p>
        )}
        {current.fullSince !== null && <p data-testid="storage-full">{t('storageFull', words.day(current.fullSince))}</p>}
        {shown.map((r) => (
          <div class="recovery__item" key={r.key} data-testid="recovery" data-kind={r.kind}>
            <p>{recoverySentence(words, r)}</p>
            <p class="muted small">{t('recoveryReason', r.reason)}</p>
            <div class="actions">
              <button type="button" data-testid="recovery-export" onClick={() => doExport(r.key)}>
                {t('recoveryExport')}
              </button>
              <button type="button" data-testid="recovery-dismiss" onClick={() => doDismiss(r.key)}>
                {t('recoveryDismiss')}
              </button>
            </div>
          </div>
        ))}
        <p class="small" role="status" aria-live="polite" data-testid="recovery-status">
          {status}
        </p>
      </div>
    </section>
  );
}
