import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Control, Finding, Report, Surface } from '../../engine/types';
import { calloutText, trainingControls } from '../../report/summary';
import { SENTENCES, sentenceFor, showMe, turnOff } from '../api';
import { choiceWord, listNames, severityWord, surfaceWords } from '../text';
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

function FindingList({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  return (
    <ul class="findings">
      {findings.map((f) => (
        <li key={f.id} class="finding">
          <span class={`severity severity-${f.severity}`}>{severityWord(f.severity)}</span>
          <span class="finding__message">{f.message}</span>
        </li>
      ))}
    </ul>
  );
}

function NoReport({ report, knownService, covered }: Pick<Props, 'report' | 'knownService' | 'covered'>) {
  let detail: string;
  if (!knownService && !report) {
    detail = covered.length
      ? `Consent Lens checks ${listNames(covered)}. Open one of them to see its AI-training switch.`
      : 'Consent Lens checks chat services that have a rule.';
  } else if (report?.error) {
    detail = 'This page could not be checked.';
  } else {
    detail = 'No AI-training switch is showing on this page.';
  }
  return (
    <div class="empty" data-testid="no-report">
      <p class="empty__title">Nothing to check on this page</p>
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
        This page
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
                    {c.label || 'Unnamed switch'}
                  </h3>
                  <p class={`chip tone-${c.state}`}>
                    <StateIcon state={c.state} />
                    <span>{choiceWord(c.state)}</span>
                  </p>
                  <p class="callout small">{calloutText(c, surfaceOf(c))}</p>
                  <FindingList findings={c.findings} />
                  <div class="actions">
                    <button
                      type="button"
                      data-testid="show-me"
                      aria-describedby={`control-${i}`}
                      aria-disabled={busy !== null}
                      onClick={() => void onShowMe(c.id)}
                    >
                      Show me
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
                        {busy === c.id ? 'Turning off…' : 'Turn off'}
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
                  <h3 class="surface__title">{s.title || surfaceWords(s.kind)}</h3>
                  {s.title && <p class="muted small">{surfaceWords(s.kind)}</p>}
                  <FindingList findings={s.findings} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
