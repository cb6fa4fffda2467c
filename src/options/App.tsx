/**
 * The evidence library (the extension's options page): the list of captures, one capture in
 * full, delete, exports, and the redaction setting; and saved data that was set aside.
 *
 *   #/            the list, newest first              ◀─ the background wrote (BroadcastChannel)
 *   #/record/ID   one capture                         ◀─ the page is shown again
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { EvidenceEntry, EvidenceSummary } from '../background/evidence-store';
import type { EvidenceSettings } from '../shared/messages';
import {
  deleteRecord,
  exportAll,
  exportRecordHtml,
  exportRecordZip,
  getRecord,
  getSettings,
  listRecords,
  SENTENCES,
  sentenceFor,
  storageUse,
  t,
  w,
  watchLibrary,
  type Download,
} from './api';
import { AllSites } from './components/AllSites';
import { Recoveries } from './components/Recoveries';
import { UserRules } from './components/UserRules';
import { ConfirmDialog } from './components/ConfirmDialog';
import { RecordList } from './components/RecordList';
import { RecordView } from './components/RecordView';
import { Settings } from './components/Settings';
import { saveFile } from './download';
import { fileSize } from './format';

function recordIdFrom(hash: string): string | null {
  const m = /^#\/record\/(.+)$/.exec(hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

type Library = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; records: EvidenceSummary[] };

export function App() {
  const [library, setLibrary] = useState<Library>({ phase: 'loading' });
  const [settings, setSettings] = useState<EvidenceSettings | null>(null);
  const [usage, setUsage] = useState<{ usage: number; quota: number } | null>(null);
  const [viewId, setViewId] = useState<string | null>(() => recordIdFrom(window.location.hash));
  const [entry, setEntry] = useState<EvidenceEntry | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  const refresh = useCallback(async (): Promise<void> => {
    try {
      const [records, s] = await Promise.all([listRecords(), getSettings()]);
      setLibrary({ phase: 'ready', records });
      setSettings(s);
      setUsage(await storageUse());
    } catch (err) {
      setLibrary({ phase: 'error', message: sentenceFor(err, SENTENCES.library) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    const onHash = (): void => setViewId(recordIdFrom(window.location.hash));
    window.addEventListener('hashchange', onHash);
    const unwatch = watchLibrary(() => void refresh());
    return () => {
      window.removeEventListener('hashchange', onHash);
      unwatch();
    };
  }, [refresh]);

  // Back from a capture to the list: the keyboard focus lands on that capture's row.
  const lastViewed = useRef<string | null>(null);
  useEffect(() => {
    const id = lastViewed.current;
    if (viewId || !id || library.phase !== 'ready') return;
    lastViewed.current = null;
    const link = [...document.querySelectorAll<HTMLElement>('[data-testid="record-row"]')].find((r) => r.dataset.recordId === id);
    link?.querySelector<HTMLElement>('[data-testid="record-open"]')?.focus();
  }, [viewId, library]);

  useEffect(() => {
    setEntry(null);
    if (viewId) lastViewed.current = viewId;
    if (!viewId) return;
    let alive = true;
    getRecord(viewId)
      .then((e) => alive && setEntry(e))
      .catch((err: unknown) => {
        if (!alive) return;
        setError(sentenceFor(err, SENTENCES.missing));
        window.location.hash = '';
      });
    return () => {
      alive = false;
    };
  }, [viewId]);

  const run = async (what: () => Promise<Download>, done: 'downloaded' | 'downloadedAll'): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError('');
    setStatus(t('preparingDownload'));
    try {
      const d = await what();
      saveFile(d.fileName, d.blob);
      setStatus(t(done, d.fileName));
    } catch (err) {
      setStatus('');
      setError(sentenceFor(err, SENTENCES.export));
    } finally {
      setBusy(false);
    }
  };

  const zipOf = (id: string): Promise<void> => run(async () => exportRecordZip(await getRecord(id)), 'downloaded');

  const doDelete = async (id: string): Promise<void> => {
    setConfirm(null);
    setError('');
    try {
      setStatus(await deleteRecord(id));
      if (viewId === id) window.location.hash = '';
      await refresh();
    } catch (err) {
      setError(sentenceFor(err, SENTENCES.background));
    }
  };

  const records = library.phase === 'ready' ? library.records : [];
  const toDelete = confirm ? records.find((r) => r.id === confirm) : undefined;

  return (
    <div class="page">
      <header class="header">
        <h1>{t('optionsTitle')}</h1>
        {library.phase === 'ready' && records.length > 0 && !viewId && (
          <button type="button" data-testid="export-all" aria-disabled={busy} onClick={() => void run(exportAll, 'downloadedAll')}>
            {t('exportAll')}
          </button>
        )}
      </header>
      <main>
        {error && (
          <p class="error" role="alert" data-testid="options-error">
            {error}
          </p>
        )}
        <p class="muted small" role="status" aria-live="polite" data-testid="options-status">
          {status}
        </p>
        {!viewId && <Recoveries />}
        {viewId ? (
          entry ? (
            <RecordView
              entry={entry}
              busy={busy}
              onBack={() => (window.location.hash = '')}
              onZip={() => void run(() => exportRecordZip(entry), 'downloaded')}
              onHtml={() => void run(() => exportRecordHtml(entry), 'downloaded')}
              onDelete={() => setConfirm(entry.record.id)}
            />
          ) : (
            <p class="muted">{t('loadingCapture')}</p>
          )
        ) : (
          <section aria-labelledby="captures-heading">
            <h2 id="captures-heading">
              {library.phase === 'ready' ? t('capturesCount', records.length) : t('captures')}
            </h2>
            {library.phase === 'loading' && <p class="muted">{t('loading')}</p>}
            {library.phase === 'error' && (
              <p class="error" role="alert">
                {library.message}
              </p>
            )}
            {library.phase === 'ready' && <RecordList records={records} busy={busy} onDownload={(id) => void zipOf(id)} onDelete={setConfirm} />}
            {usage && (
              <p class="muted small" data-testid="storage-use">
                {t('storageUse', fileSize(w(), usage.usage), fileSize(w(), usage.quota))}
              </p>
            )}
          </section>
        )}
        {!viewId && <AllSites />}
        {!viewId && <UserRules />}
        {settings && !viewId && <Settings settings={settings} onChange={setSettings} />}
      </main>
      {confirm && (
        <ConfirmDialog
          title={t('deleteTitle')}
          text={
            toDelete?.url || entry?.record.provenance.url
              ? t('deleteText', toDelete?.url || entry?.record.provenance.url || '')
              : t('deleteTextPlain')
          }
          confirmLabel={t('delete')}
          onConfirm={() => void doDelete(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </div>
  );
}
