import { useEffect, useRef } from 'preact/hooks';
import { t } from '../api';

interface Props {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question (native <dialog>: focus stays inside, Escape cancels). Cancel has the focus; it goes back to the opener after. */
export function ConfirmDialog({ title, text, confirmLabel, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Focus goes back where it came from when the question goes away.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const d = ref.current;
    if (d && !d.open) d.showModal();
    cancel.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
      else document.querySelector<HTMLElement>('main h2')?.focus();
    };
  }, []);
  return (
    <dialog ref={ref} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text" onClose={onCancel} data-testid="confirm-dialog">
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-text">{text}</p>
      <div class="actions">
        <button type="button" class="danger" data-testid="confirm-yes" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" ref={cancel} data-testid="confirm-no" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
