/**
 * The popup. Answers, in this order: what is my choice on this service (ChoicePanel), by when
 * must I decide (DeadlinePanel), and what is this page hiding (PageFindings); then every
 * service (AllServices) and the notification opt-in. Above them all, when there is any: saved
 * data that was set aside (RecoveryNotice).
 *
 *   resolve tab ─▶ get-tab + get-services + get-recoveries ─▶ render ◀─ storage.onChanged (refresh)
 *                                                                    ◀─ Turn off (refresh)
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DeadlineView, RecoveriesView, ServicesView, TabView } from '../shared/messages';
import { getRecoveries, getServices, getTab, resolveTabId, SENTENCES, sentenceFor, t, watchStorage } from './api';
import { AllSitesToggle } from './components/AllSitesToggle';
import { AllServices } from './components/AllServices';
import { CaptureButton } from './components/CaptureButton';
import { ChoicePanel, postponedOn } from './components/ChoicePanel';
import { DeadlinePanel } from './components/DeadlinePanel';
import { DriftWarning } from './components/DriftWarning';
import { NotifyToggle } from './components/NotifyToggle';
import { PageFindings } from './components/PageFindings';
import { RecoveryNotice } from './components/RecoveryNotice';
import { Skeleton } from './components/Skeleton';

type Load =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  | { phase: 'ready'; tabId: number; tab: TabView; services: ServicesView; recoveries: RecoveriesView | null };

export interface AppProps {
  /** From `?tab=`: null for the active tab of the current window. */
  requestedTabId: number | null;
}

/** The service's deadline, else one the page itself showed (a page with no rule). */
function deadlineOf(tab: TabView): DeadlineView | null {
  if (tab.service?.deadline) return tab.service.deadline;
  const found = tab.report?.deadline;
  return found ? { ...found, where: tab.report?.url ?? '' } : null;
}

function ErrorLine({ message }: { message: string }) {
  return (
    <p class="error" role="alert" data-testid="popup-error">
      {message}
    </p>
  );
}

export function App({ requestedTabId }: AppProps) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [actionError, setActionError] = useState<string | null>(null);

  const fetchAll = useCallback(async (tabId: number): Promise<void> => {
    // Saved data set aside is shown when the background can say; the rest does not wait on it.
    const [tab, services, recoveries] = await Promise.all([getTab(tabId), getServices(), getRecoveries().catch(() => null)]);
    setLoad({ phase: 'ready', tabId, tab, services, recoveries });
  }, []);

  useEffect(() => {
    let alive = true;
    let unwatch = (): void => undefined;
    (async () => {
      try {
        const tabId = await resolveTabId(requestedTabId);
        await fetchAll(tabId);
        if (!alive) return;
        // Later refreshes keep what is shown if they fail: the last good view beats an error.
        unwatch = watchStorage(() => void fetchAll(tabId).catch(() => undefined));
      } catch (err) {
        if (alive) setLoad({ phase: 'error', message: sentenceFor(err, SENTENCES.background) });
      }
    })();
    return () => {
      alive = false;
      unwatch();
    };
  }, [requestedTabId, fetchAll]);

  if (load.phase === 'loading') return <Skeleton />;
  if (load.phase === 'error') {
    return (
      <div class="popup">
        <header class="header">
          <h1>{t('extName')}</h1>
        </header>
        <main>
          <ErrorLine message={load.message} />
        </main>
      </div>
    );
  }

  const { tabId, tab, services, recoveries } = load;
  const service = tab.service;
  const deadline = deadlineOf(tab);
  const refresh = (): Promise<void> => fetchAll(tabId).catch(() => undefined);
  return (
    <div class="popup">
      <header class="header">
        <h1>{service?.name ?? t('extName')}</h1>
        {service && <span class="brand">{t('extName')}</span>}
      </header>
      <main>
        {actionError && <ErrorLine message={actionError} />}
        {recoveries && <RecoveryNotice view={recoveries} onError={setActionError} />}
        {service?.record?.drift && <DriftWarning drift={service.record.drift} />}
        {service && <ChoicePanel service={service} postponed={postponedOn(tab.report)} onError={setActionError} />}
        {deadline && <DeadlinePanel deadline={deadline} vendor={service?.vendor ?? null} onError={setActionError} />}
        <PageFindings
          tabId={tabId}
          report={tab.report}
          knownService={service !== null}
          covered={services.services.map((s) => s.name)}
          onError={setActionError}
          refresh={refresh}
        />
        <AllServices services={services.services} onError={setActionError} />
      </main>
      <footer class="footer">
        <CaptureButton tabId={tabId} />
        <NotifyToggle enabled={services.prefs.notifications} onError={setActionError} />
        <AllSitesToggle onError={setActionError} />
      </footer>
    </div>
  );
}
