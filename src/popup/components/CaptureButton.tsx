import { useState } from 'preact/hooks';
import type { CaptureResult } from '../../shared/messages';
import { capture, openTab, SENTENCES, sentenceFor } from '../api';

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

  const message = error || result?.message || '';
  const library = result?.saved ? libraryUrl() : null;
  return (
    <div class="capture">
      <div class="actions">
        <button type="button" data-testid="capture" aria-disabled={busy} aria-describedby="capture-status" onClick={onClick}>
          {busy ? 'Capturing…' : 'Capture evidence'}
        </button>
        {result?.unsaved && (
          <button type="button" data-testid="capture-download" onClick={() => download(result.unsaved!)}>
            Download it
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
            Open the evidence library
          </a>
        )}
      </p>
    </div>
  );
}
