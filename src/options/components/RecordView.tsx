import { useEffect, useRef, useState } from 'preact/hooks';
import type { Control, Finding, Surface } from '../../engine/types';
import type { EvidenceEntry } from '../../background/evidence-store';
import { readTextChunks } from '../../report/png-text';
import { parseStampText, STAMP_KEYWORD } from '../../report/stamp';
import { sha256Hex } from '../../report/sums';
import { trainingControls } from '../../report/summary';
import { count, fileSize, serviceName, utcTime } from '../format';
import { findingText } from '../../i18n/findings';
import { t, w } from '../api';
import { useObjectUrl } from '../hooks';

interface Props {
  entry: EvidenceEntry;
  busy: boolean;
  onBack: () => void;
  onZip: () => void;
  onHtml: () => void;
  onDelete: () => void;
}

/** Each file's SHA-256 now, against the manifest; and the stamp in the annotated PNG against raw.png. */
function useChecks(entry: EvidenceEntry): { files: Record<string, string>; stamp: 'ok' | 'mismatch' | 'missing' | null } {
  const [checks, setChecks] = useState<{ files: Record<string, string>; stamp: 'ok' | 'mismatch' | 'missing' | null }>({ files: {}, stamp: null });
  useEffect(() => {
    let alive = true;
    (async () => {
      const files: Record<string, string> = {};
      for (const [name, bytes] of Object.entries(entry.files)) files[name] = await sha256Hex(bytes);
      let stamp: 'ok' | 'mismatch' | 'missing' = 'missing';
      try {
        const annotated = entry.files['annotated.png'];
        const chunk = annotated ? readTextChunks(annotated).find((c) => c.keyword === STAMP_KEYWORD) : undefined;
        const parsed = chunk ? parseStampText(chunk.text) : null;
        if (parsed) stamp = parsed.rawSha256 === files['raw.png'] ? 'ok' : 'mismatch';
      } catch {
        stamp = 'missing';
      }
      if (alive) setChecks({ files, stamp });
    })();
    return () => {
      alive = false;
    };
  }, [entry]);
  return checks;
}

function FindingItem({ f, control, surface }: { f: Finding; control: Control | null; surface: Surface | null }) {
  const measured = Object.entries(f.measured);
  const words = w();
  // The sentence in the user's language; a surface's finding says which dialog it is about.
  const text = findingText(words, f, control, surface);
  return (
    <li class={`finding finding--${f.severity}`}>
      <span class={`severity severity-${f.severity}`}>{words.severity(f.severity)}</span> <code>{f.id}</code>
      {' — '}
      {control === null && surface ? `${surface.title || words.surface(surface.kind)}: ${text}` : text}
      {measured.length > 0 && (
        <span class="measured small">
          {measured.map(([k, v]) => `${k} ${String(v)}`).join(' · ')}
        </span>
      )}
      {f.refs.length > 0 && <span class="refs small">{f.refs.join('; ')}</span>}
    </li>
  );
}

function ControlItem({ c, n, surface }: { c: Control; n: number; surface: Surface | null }) {
  return (
    <li class="control" data-testid="view-control">
      <h4>
        {n}. {c.label || t('noLabel')}
        {' — '}
        <span class={`state state-${c.state}`}>{w().state(c.state)}</span>
      </h4>
      {c.findings.length ? (
        <ul class="findings">
          {c.findings.map((f) => (
            <FindingItem key={f.id} f={f} control={c} surface={surface} />
          ))}
        </ul>
      ) : (
        <p class="muted small">{t('noFindings')}</p>
      )}
    </li>
  );
}

export function RecordView({ entry, busy, onBack, onZip, onHtml, onDelete }: Props) {
  const { record } = entry;
  const p = record.provenance;
  const heading = useRef<HTMLHeadingElement>(null);
  const raw = useObjectUrl(entry.files['raw.png'], 'image/png');
  const annotated = useObjectUrl(entry.files['annotated.png'], 'image/png');
  const checks = useChecks(entry);
  useEffect(() => heading.current?.focus(), [record.id]);
  const controls = trainingControls(record.report);
  const surfaceFindings = record.report.surfaces.flatMap((s) => s.findings.map((f) => ({ s, f })));
  const r = p.redaction;
  const words = w();
  const surfaceOf = (c: Control): Surface | null => record.report.surfaces.find((s) => s.id === c.surfaceId) ?? null;
  const masked = r.masked.map((k) => (k === 'name' ? t('maskName') : k === 'email' ? t('maskEmail') : t('maskAvatar')));
  const rows: [string, string, boolean][] = [
    [t('factPage'), p.url, false],
    [t('factTitle'), p.title, false],
    [t('factCaptured'), utcTime(p.capturedAt), false],
    [t('factService'), serviceName(words, p.service), false],
    [t('factPicture'), p.capture.method === 'stitched' ? t('pictureStitched', p.capture.parts) : t('pictureVisible'), false],
    [t('factRedaction'), r.enabled ? (r.regions ? t('redactionMasked', words.list(masked), count(words, 'countRegions', r.regions)) : t('redactionNothing')) : t('redactionOff'), false],
    [t('factMadeBy'), t('madeBy', p.tool.name, p.tool.version, p.engineVersion), false],
    [t('factBrowser'), p.userAgent, false],
    [t('factViewport'), t('viewportValue', p.viewport.width, p.viewport.height, p.viewport.devicePixelRatio), false],
    [t('factRawSha'), p.rawSha256, true],
  ];
  return (
    <article class="record" data-testid="record-view" data-record-id={record.id}>
      <p>
        <button type="button" class="link-button" data-testid="view-back" onClick={onBack}>
          {t('backToList')}
        </button>
      </p>
      <h2 ref={heading} tabIndex={-1} class="record__title">
        {p.title || p.url}
      </h2>
      <p class="muted">
        {[serviceName(words, p.service), utcTime(p.capturedAt), count(words, 'countControls', controls.length)].join(t('calloutSeparator'))}
      </p>
      <div class="actions">
        <button type="button" data-testid="view-zip" aria-disabled={busy} onClick={onZip}>
          {t('downloadZip')}
        </button>
        <button type="button" data-testid="view-html" aria-disabled={busy} onClick={onHtml}>
          {t('downloadHtml')}
        </button>
        <button type="button" class="danger-outline" data-testid="view-delete" onClick={onDelete}>
          {t('delete')}
        </button>
      </div>

      <h3>{t('pictures')}</h3>
      <figure>
        {annotated && <img src={annotated} alt={t('annotatedAlt')} data-testid="view-annotated" />}
        <figcaption class="small muted">
          {checks.stamp === 'ok' ? t('stampOk') : checks.stamp === 'mismatch' ? t('stampMismatch') : checks.stamp === 'missing' ? t('stampMissing') : t('stampChecking')}
        </figcaption>
      </figure>
      <figure>
        {raw && <img src={raw} alt={t('rawAlt')} data-testid="view-raw" />}
        <figcaption class="small muted">{t('rawCaption')}</figcaption>
      </figure>

      <h3>{t('findings')}</h3>
      {controls.length ? (
        <ul class="controls">
          {controls.map((c, i) => (
            <ControlItem key={c.id} c={c} n={i + 1} surface={surfaceOf(c)} />
          ))}
        </ul>
      ) : (
        <p class="muted">{t('noControlFound')}</p>
      )}
      {surfaceFindings.length > 0 && (
        <ul class="findings">
          {surfaceFindings.map(({ s, f }) => (
            <FindingItem key={`${s.id}-${f.id}`} f={f} control={null} surface={s} />
          ))}
        </ul>
      )}
      {record.report.deadline && (
        <p>
          {t('deadlineLine', words.day(record.report.deadline.date), t(record.report.deadline.source === 'page' ? 'deadlineSourcePage' : 'deadlineSourceRule'), record.report.deadline.text)}
        </p>
      )}

      <h3>{t('provenance')}</h3>
      <table class="facts">
        <tbody>
          {rows.map(([k, v, mono]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td class={mono ? 'mono' : undefined}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('files')}</h3>
      <table class="grid" data-testid="view-manifest">
        <thead>
          <tr>
            <th scope="col">{t('colFile')}</th>
            <th scope="col">{t('colSize')}</th>
            <th scope="col">SHA-256</th>
            <th scope="col">{t('colCheck')}</th>
          </tr>
        </thead>
        <tbody>
          {record.files.map((f) => {
            const now = checks.files[f.name];
            return (
              <tr key={f.name}>
                <td class="mono">{f.name}</td>
                <td>{fileSize(words, f.bytes)}</td>
                <td class="mono hash">{f.sha256}</td>
                <td>{now === undefined ? '…' : now === f.sha256 ? t('fileUnchanged') : t('fileChanged')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <details>
        <summary>{t('domExcerpt')}</summary>
        <pre class="excerpt">{record.domExcerpt || t('empty')}</pre>
      </details>
    </article>
  );
}
