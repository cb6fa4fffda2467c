import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Control, Finding, Report, Surface } from '../../engine/types';
import { trainingControls } from '../../report/summary';
import { calloutWords } from '../../i18n/callout';
import { findingText } from '../../i18n/findings';
import { SENTENCES, sentenceFor, showMe, t, turnOff, w } from '../api';
import { StateIcon } from './Icons';

interface Props {
  tabId: number;
  report: Report | null;
  /** The tab's service is known (a rule matched its address). */
  knownService: boolean;
  /** Names of every service Consent Lens has a rule for. */
  covered: string[];
  onError: (sentence: string | null) => void;
  /** Re-reads the tab after the page changed under a Turn off. */
  refresh: () => Promise<void>;
}

function FindingList({ findings, control, surface }: { findings: Finding[]; control: Control | null; surface: Surface | null }) {
  if (!findings.length) return null;
  const words = w();
  return (
    <ul class="findings">
      {findings.map((f) => (
        <li key={f.id} class="finding" data-finding-id={f.id}>
          <span class={`severity severity-${f.severity}`}>{words.severity(f.severity)}</span>
          <span class="finding__message">{findingText(words, f, control, surface)}</span>
        </li>
      ))}
    </ul>
  );
}

function NoReport({ report, knownService, covered }: Pick<Props, 'report' | 'knownService' | 'covered'>) {
  let detail: string;
  if (!knownService && !report) {
    detail = covered.length
      ? t('checksServices', w().list(covered))
      : t('checksRuleServices');
  } else if (report?.error) {
    detail = t('pageNotChecked');
  } else {
    detail = t('noSwitchHere');
  }
  return (
    <div class="empty" data-testid="no-report">
      <p class="empty__title">{t('nothingToCheck')}</p>
      <p class="muted small">{detail}</p>
    </div>
  );
}

/** What is this page hiding: each training switch, its findings, and what you can do. */
export function PageFindings({ tabId, report, knownService, covered, onError, refresh }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const [turnOffMessage, setTurnOffMessage] = useState('');
  const [showMeMessage, setShowMeMessage] = useState('');
  const section = useRef<HTMLElement>(null);

  const controls: Control[] = report && !report.error ? trainingControls(report) : [];
  const surfaces: Surface[] = report && !report.error ? report.surfaces.filter((s) => s.findings.length) : [];
  const surfaceOf = (c: Control): Surface | null => report?.surfaces.find((s) => s.id === c.surfaceId) ?? null;

  // After a Turn off the list re-renders without that button; keep keyboard focus in the list
  // (on the same switch's Show me) instead of letting it fall to <body>.
  const refocus = useRef<string | null>(null);
  useLayoutEffect(() => {
    const controlId = refocus.current;
    const root = section.current;
    if (controlId === null || busy !== null || !root) return;
    refocus.current = null;
    if (root.contains(document.activeElement)) return;
    const item = [...root.querySelectorAll<HTMLElement>('[data-control-id]')].find((el) => el.dataset.controlId === controlId);
    item?.querySelector<HTMLElement>('[data-testid="show-me"]')?.focus();
  });

  /** One action at a time; each clears what the last one said. */
  const start = (controlId: string): void => {
    setBusy(controlId);
    setShowMeMessage('');
    setTurnOffMessage('');
    onError(null);
  };

  const onShowMe = async (controlId: string): Promise<void> => {
    if (busy !== null) return;
    start(controlId);
    try {
      const result = await showMe(tabId, controlId);
      setShowMeMessage(result.message);
    } catch (err) {
      onError(sentenceFor(err, SENTENCES.content));
    } finally {
      setBusy(null);
    }
  };

  const onTurnOff = async (controlId: string): Promise<void> => {
    if (busy !== null) return;
    start(controlId);
    try {
      const result = await turnOff(tabId, controlId);
      setTurnOffMessage(result.message);
      await refresh();
    } catch (err) {
      onError(sentenceFor(err, SENTENCES.content));
    } finally {
      refocus.current = controlId;
      setBusy(null);
    }
  };

  const nothing = controls.length === 0 && surfaces.length === 0;
  return (
    <section class="panel page-panel" aria-labelledby="page-heading" ref={section}>
      <h2 id="page-heading" class="eyebrow">
        {t('pageHeading')}
      </h2>
      {/* Live regions exist before their text arrives, or screen readers miss the change. */}
      <p class="result" role="status" aria-live="polite" data-testid="turn-off-result">
        {turnOffMessage}
      </p>
      <p class="result" role="status" aria-live="polite" data-testid="show-me-result">
        {showMeMessage}
      </p>
      {nothing ? (
        <NoReport report={report} knownService={knownService} covered={covered} />
      ) : (
        <>
          {controls.length > 0 && (
            <ul class="controls">
              {controls.map((c, i) => (
                <li key={c.id} class="control" data-testid="finding-control" data-control-id={c.id}>
                  <h3 class="control__label" id={`control-${i}`}>
                    {c.label || t('unnamedSwitch')}
                  </h3>
                  <p class={`chip tone-${c.state}`}>
                    <StateIcon state={c.state} />
                    <span>{w().state(c.state)}</span>
                  </p>
                  <p class="callout small">{calloutWords(w(), c, surfaceOf(c))}</p>
                  <FindingList findings={c.findings} control={c} surface={surfaceOf(c)} />
                  <div class="actions">
                    <button
                      type="button"
                      data-testid="show-me"
                      aria-describedby={`control-${i}`}
                      aria-disabled={busy !== null}
                      onClick={() => void onShowMe(c.id)}
                    >
                      {t('showMe')}
                    </button>
                    {c.state === 'on' && (
                      <button
                        type="button"
                        class="danger"
                        data-testid="turn-off"
                        aria-describedby={`control-${i}`}
                        aria-disabled={busy !== null}
                        onClick={() => void onTurnOff(c.id)}
                      >
                        {busy === c.id ? t('turningOff') : t('turnOff')}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {surfaces.length > 0 && (
            <ul class="surfaces">
              {surfaces.map((s) => (
                <li key={s.id} class="surface">
                  <h3 class="surface__title">{s.title || w().surface(s.kind)}</h3>
                  {s.title && <p class="muted small">{w().surface(s.kind)}</p>}
                  <FindingList findings={s.findings} control={null} surface={s} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
