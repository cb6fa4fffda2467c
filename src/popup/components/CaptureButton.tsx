import { useState } from 'preact/hooks';
import type { CaptureResult } from '../../shared/messages';
import { capture, openTab, SENTENCES, sentenceFor, t, w } from '../api';

/** The evidence library (the options page), relative to this popup's own address. */
function libraryUrl(): string | null {
  try {
    return new URL('../options/index.html', window.location.href).href;
  } catch {
    return null;
  }
}

function download(unsaved: NonNullable<CaptureResult['unsaved']>): void {
  const bin = atob(unsaved.zipBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = unsaved.fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const WHY = {
  tabGone: 'errorTabGone',
  notFront: 'captureNotFront',
  notAllowed: 'captureNotAllowed',
  notOurs: 'captureNotOurs',
  busy: 'captureBusy',
  badAnswer: 'captureBadAnswer',
  redactionIncomplete: 'captureRedactionIncomplete',
  pageChanged: 'capturePageChanged',
  full: 'captureFull',
  notSaved: 'captureNotSaved',
  failed: 'errorCapture',
} as const;

/** What the background said, in the user's language (its own `message` is English). */
export function resultWords(r: CaptureResult): string {
  if (r.saved) {
    const how = r.method === 'stitched' ? t('captureHowStitched', r.parts) : t('captureHowVisible');
    const red = r.redaction;
    if (!red) return r.message;
    const masked = red.masked.map((k) => (k === 'name' ? t('maskName') : k === 'email' ? t('maskEmail') : t('maskAvatar')));
    const redaction = !red.enabled ? t('captureRedactionOff') : red.regions ? t('captureMasked', w().list(masked)) : t('captureNothingMasked');
    return t('captureSaved', how, redaction);
  }
  if (!r.why) return r.message;
  const why = t(WHY[r.why]);
  return r.unsaved ? `${why} ${t('captureDownloadInstead')}` : why;
}

/** Capture evidence: the tab as seen plus an annotated copy, kept in the evidence library. */
export function CaptureButton({ tabId }: { tabId: number }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CaptureResult | null>(null);
  const [error, setError] = useState('');

  const onClick = (): void => {
    if (busy) return;
    setBusy(true);
    setResult(null);
    setError('');
    capture(tabId)
      .then(setResult)
      .catch((err: unknown) => setError(sentenceFor(err, SENTENCES.capture)))
      .finally(() => setBusy(false));
  };

  const message = error || (result ? resultWords(result) : '');
  const library = result?.saved ? libraryUrl() : null;
  return (
    <div class="capture">
      <div class="actions">
        <button type="button" data-testid="capture" aria-disabled={busy} aria-describedby="capture-status" onClick={onClick}>
          {busy ? t('capturing') : t('captureEvidence')}
        </button>
        {result?.unsaved && (
          <button type="button" data-testid="capture-download" onClick={() => download(result.unsaved!)}>
            {t('downloadIt')}
          </button>
        )}
      </div>
      <p
        id="capture-status"
        class={result && !result.saved ? 'error small' : 'muted small'}
        role="status"
        aria-live="polite"
        data-testid="capture-status"
        data-saved={result ? String(result.saved) : undefined}
      >
        {message}{' '}
        {library && (
          <a
            href={library}
            data-testid="capture-library"
            onClick={(e) => {
              e.preventDefault();
              void openTab(library).catch(() => undefined);
            }}
          >
            {t('openLibrary')}
          </a>
        )}
      </p>
    </div>
  );
}
