import { useEffect, useRef, useState } from 'preact/hooks';
import type { Control, Finding } from '../../engine/types';
import type { EvidenceEntry } from '../../background/evidence-store';
import { readTextChunks } from '../../report/png-text';
import { parseStampText, STAMP_KEYWORD } from '../../report/stamp';
import { sha256Hex } from '../../report/sums';
import { trainingControls } from '../../report/summary';
import { fileSize, plural, serviceName, utcTime } from '../format';
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

function FindingItem({ f }: { f: Finding }) {
  const measured = Object.entries(f.measured);
  return (
    <li class={`finding finding--${f.severity}`}>
      <span class={`severity severity-${f.severity}`}>{f.severity}</span> <code>{f.id}</code> — {f.message}
      {measured.length > 0 && (
        <span class="measured small">
          {measured.map(([k, v]) => `${k} ${String(v)}`).join(' · ')}
        </span>
      )}
      {f.refs.length > 0 && <span class="refs small">{f.refs.join('; ')}</span>}
    </li>
  );
}

function ControlItem({ c, n }: { c: Control; n: number }) {
  return (
    <li class="control" data-testid="view-control">
      <h4>
        {n}. {c.label || '(no label)'} — <span class={`state state-${c.state}`}>{c.state.toUpperCase()}</span>
      </h4>
      {c.findings.length ? (
        <ul class="findings">
          {c.findings.map((f) => (
            <FindingItem key={f.id} f={f} />
          ))}
        </ul>
      ) : (
        <p class="muted small">No findings.</p>
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
  const rows: [string, string][] = [
    ['Page', p.url],
    ['Title', p.title],
    ['Captured', utcTime(p.capturedAt)],
    ['Service', serviceName(p.service)],
    ['Picture', p.capture.method === 'stitched' ? `the whole dialog, stitched from ${p.capture.parts} captures` : 'the visible tab'],
    ['Redaction', r.enabled ? (r.regions ? `${r.masked.join(', ')} masked (${plural(r.regions, 'region')})` : 'on; nothing to mask was found') : 'off'],
    ['Made by', `Consent Lens ${p.tool.name} ${p.tool.version}, engine ${p.engineVersion}`],
    ['Browser', p.userAgent],
    ['Viewport', `${p.viewport.width}×${p.viewport.height} CSS px at ${p.viewport.devicePixelRatio}×`],
    ['Raw image SHA-256', p.rawSha256],
  ];
  return (
    <article class="record" data-testid="record-view" data-record-id={record.id}>
      <p>
        <button type="button" class="link-button" data-testid="view-back" onClick={onBack}>
          ← All captures
        </button>
      </p>
      <h2 ref={heading} tabIndex={-1} class="record__title">
        {p.title || p.url}
      </h2>
      <p class="muted">
        {serviceName(p.service)} · {utcTime(p.capturedAt)} · {plural(controls.length, 'AI-training control')}
      </p>
      <div class="actions">
        <button type="button" data-testid="view-zip" aria-disabled={busy} onClick={onZip}>
          Download .zip
        </button>
        <button type="button" data-testid="view-html" aria-disabled={busy} onClick={onHtml}>
          Download HTML report
        </button>
        <button type="button" class="danger-outline" data-testid="view-delete" onClick={onDelete}>
          Delete
        </button>
      </div>

      <h3>Pictures</h3>
      <figure>
        {annotated && <img src={annotated} alt="Annotated capture: numbered boxes on the AI-training controls, a legend and the stamp" data-testid="view-annotated" />}
        <figcaption class="small muted">
          Annotated copy. Its stamp {checks.stamp === 'ok' ? 'matches the raw image (SHA-256).' : checks.stamp === 'mismatch' ? 'does NOT match the raw image.' : checks.stamp === 'missing' ? 'could not be read.' : 'is being checked…'}
        </figcaption>
      </figure>
      <figure>
        {raw && <img src={raw} alt="The tab as captured, with your account masked" data-testid="view-raw" />}
        <figcaption class="small muted">Raw capture, as stored.</figcaption>
      </figure>

      <h3>Findings</h3>
      {controls.length ? (
        <ul class="controls">
          {controls.map((c, i) => (
            <ControlItem key={c.id} c={c} n={i + 1} />
          ))}
        </ul>
      ) : (
        <p class="muted">No AI-training control was found on the page.</p>
      )}
      {surfaceFindings.length > 0 && (
        <ul class="findings">
          {surfaceFindings.map(({ s, f }) => (
            <FindingItem key={`${s.id}-${f.id}`} f={{ ...f, message: `${s.title || 'Dialog'}: ${f.message}` }} />
          ))}
        </ul>
      )}
      {record.report.deadline && (
        <p>
          Deadline {record.report.deadline.date} (from the {record.report.deadline.source}): {record.report.deadline.text}
        </p>
      )}

      <h3>Provenance</h3>
      <table class="facts">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td class={k.includes('SHA') ? 'mono' : undefined}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Files</h3>
      <table class="grid" data-testid="view-manifest">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Size</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {record.files.map((f) => {
            const now = checks.files[f.name];
            return (
              <tr key={f.name}>
                <td class="mono">{f.name}</td>
                <td>{fileSize(f.bytes)}</td>
                <td class="mono hash">{f.sha256}</td>
                <td>{now === undefined ? '…' : now === f.sha256 ? 'unchanged' : 'CHANGED'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <details>
        <summary>DOM excerpt of the dialog (sanitised source, shown as text)</summary>
        <pre class="excerpt">{record.domExcerpt || '(empty)'}</pre>
      </details>
    </article>
  );
}
