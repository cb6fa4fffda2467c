import type { EvidenceSummary } from '../../background/evidence-store';
import { count, fileSize, serviceName, utcTime } from '../format';
import { slot, withSlots } from '../../i18n/slots';
import { t, w } from '../api';
import { useObjectUrl } from '../hooks';

interface RowProps {
  s: EvidenceSummary;
  onDownload: (id: string) => void;
  onDelete: (id: string) => void;
  busy: boolean;
}

function Row({ s, onDownload, onDelete, busy }: RowProps) {
  const thumb = useObjectUrl(s.thumbnail?.bytes, s.thumbnail?.type ?? 'image/jpeg');
  const words = w();
  const name = `${serviceName(words, s.service)}, ${utcTime(s.capturedAt)}`;
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
          {[count(words, 'countControls', s.controls), count(words, 'countFindings', s.findings), s.method === 'stitched' ? t('wholeDialogParts', s.parts) : t('visibleTab'), fileSize(words, s.bytes)].join(t('calloutSeparator'))}
        </span>
      </div>
      <div class="actions">
        <button type="button" data-testid="record-zip" aria-label={t('zipAria', name)} aria-disabled={busy} onClick={() => onDownload(s.id)}>
          .zip
        </button>
        <button type="button" class="danger-outline" data-testid="record-delete" aria-label={t('deleteAria', name)} onClick={() => onDelete(s.id)}>
          {t('delete')}
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
        <p class="empty__title">{t('libraryEmptyTitle')}</p>
        <p class="muted small">
          {withSlots(t('libraryEmptyText', slot(0)), [<strong>{t('captureEvidence')}</strong>])}
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
