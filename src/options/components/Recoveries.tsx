import { useEffect, useState } from 'preact/hooks';
import type { KeptAside } from '../../shared/storage';
import type { RecoveriesView } from '../../shared/messages';
import { recoverySentence } from '../../i18n/recovery';
import { deleteRecovery, exportRecovery, getRecoveries, SENTENCES, sentenceFor, t, w, watchLocal } from '../api';
import { saveFile } from '../download';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Saved data set aside (src/shared/storage.ts): every value kept, restored or not, dismissed in
 * the popup or not, each with its export (a local JSON download) and a delete that asks first.
 * Shown only when there is something to show. Reasons are the background's English text.
 */
export function Recoveries() {
  const [view, setView] = useState<RecoveriesView | null>(null);
  const [confirm, setConfirm] = useState<KeptAside | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    let alive = true;
    const refresh = (): void =>
      void getRecoveries()
        .then((v) => alive && setView(v))
        .catch(() => undefined); // nothing to show rather than an error about a notice
    refresh();
    const unwatch = watchLocal(refresh);
    return () => {
      alive = false;
      unwatch();
    };
  }, []);

  if (!view || (!view.recoveries.length && view.problem === null && view.fullSince === null)) return null;
  const words = w();

  const doExport = (key: string): void => {
    setError('');
    exportRecovery(key)
      .then((d) => {
        saveFile(d.fileName, d.blob);
        setStatus(t('recoveryExported', d.fileName));
      })
      .catch((err: unknown) => setError(sentenceFor(err, t('recoveryExportFailed'))));
  };
  const doDelete = (key: string): void => {
    setConfirm(null);
    setError('');
    deleteRecovery(key)
      .then((v) => {
        setView(v);
        setStatus(t('recoveryDeleted'));
      })
      .catch((err: unknown) => setError(sentenceFor(err, SENTENCES.background)));
  };

  return (
    <section class="panel" aria-labelledby="recoveries-heading" data-testid="recoveries">
      <h2 id="recoveries-heading">{t('recoveryTitle')}</h2>
      {view.problem !== null && (
        <p class="error" role="alert" data-testid="recovery-problem">
          {t('recoveryStuck')} {t('recoveryReason', view.problem)}
        </p>
      )}
      {view.fullSince !== null && (
        <p class="error" data-testid="storage-full">
          {t('storageFull', words.day(view.fullSince))}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ul class="records">
        {view.recoveries.map((r) => (
          <li class="record-row recovery-row" key={r.key} data-testid="recovery" data-kind={r.kind}>
            <div class="record-row__text">
              <span>{recoverySentence(words, r)}</span>
              <span class="muted small">{t('recoveryReason', r.reason)}</span>
            </div>
            <div class="actions">
              <button type="button" data-testid="recovery-export" onClick={() => doExport(r.key)}>
                {t('recoveryExport')}
              </button>
              <button type="button" class="danger-outline" data-testid="recovery-delete" onClick={() => setConfirm(r)}>
                {t('recoveryDelete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p class="muted small" role="status" aria-live="polite" data-testid="recovery-status">
        {status}
      </p>
      {confirm && (
        <ConfirmDialog
          title={t('recoveryDeleteTitle')}
          text={t('recoveryDeleteText', words.day(confirm.at))}
          confirmLabel={t('recoveryDelete')}
          onConfirm={() => doDelete(confirm.key)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </section>
  );
}
