import type { EvidenceSummary } from '../../background/evidence-store';
import { fileSize, plural, serviceName, utcTime } from '../format';
import { useObjectUrl } from '../hooks';

interface RowProps {
  s: EvidenceSummary;
  onDownload: (id: string) => void;
  onDelete: (id: string) => void;
  busy: boolean;
}

function Row({ s, onDownload, onDelete, busy }: RowProps) {
  const thumb = useObjectUrl(s.thumbnail?.bytes, s.thumbnail?.type ?? 'image/jpeg');
  const name = `${serviceName(s.service)}, ${utcTime(s.capturedAt)}`;
  return (
    <li class="record-row" data-testid="record-row" data-record-id={s.id}>
      <div class="thumb" aria-hidden="true">
        {thumb && <img src={thumb} alt="" width={160} height={100} />}
      </div>
      <div class="record-row__text">
        <a href={`#/record/${encodeURIComponent(s.id)}`} class="record-row__title" data-testid="record-open">
          {name}
        </a>
        <span class="url" data-testid="record-url">{s.url}</span>
        <span class="muted small">
          {plural(s.controls, 'AI-training control')} · {plural(s.findings, 'finding')} ·{' '}
          {s.method === 'stitched' ? `whole dialog (${s.parts} parts)` : 'visible tab'} · {fileSize(s.bytes)}
        </span>
      </div>
      <div class="actions">
        <button type="button" data-testid="record-zip" aria-label={`Download ${name} as a zip`} aria-disabled={busy} onClick={() => onDownload(s.id)}>
          .zip
        </button>
        <button type="button" class="danger-outline" data-testid="record-delete" aria-label={`Delete ${name}`} onClick={() => onDelete(s.id)}>
          Delete
        </button>
      </div>
    </li>
  );
}

interface Props {
  records: EvidenceSummary[];
  busy: boolean;
  onDownload: (id: string) => void;
  onDelete: (id: string) => void;
}

export function RecordList({ records, busy, onDownload, onDelete }: Props) {
  if (!records.length) {
    return (
      <div class="empty" data-testid="library-empty">
        <p class="empty__title">No captures yet</p>
        <p class="muted small">
          On a page Consent Lens checks (Claude, ChatGPT and the other services it has rules for), open Consent Lens from the toolbar and choose <strong>Capture evidence</strong>, or press Alt+Shift+E.
        </p>
      </div>
    );
  }
  return (
    <ul class="records" data-testid="record-list">
      {records.map((s) => (
        <Row key={s.id} s={s} busy={busy} onDownload={onDownload} onDelete={onDelete} />
      ))}
    </ul>
  );
}
