import { useEffect, useState } from 'preact/hooks';
import type { Rule } from '../../rules/schema';
import type { RuleFileProblem } from '../../rules/user-rules';
import type { UserRulesView } from '../../shared/messages';
import { getUserRules, importUserRule, removeUserRule, SENTENCES, sentenceFor, t, w, watchPermissions } from '../api';
import { fileSize } from '../format';

/** One problem of a refused file, as "where: what" in the user's language. */
function problemText(p: RuleFileProblem): { path: string; message: string } {
  switch (p.kind) {
    case 'json':
      return { path: p.line !== null && p.column !== null ? t('rulesAt', p.line, p.column) : t('rulesWholeFile'), message: t('rulesJson', p.detail) };
    case 'rule':
      // The schema's own words (English): rule files are written in English field names too.
      return { path: p.path === '(file)' ? t('rulesWholeFile') : p.path, message: p.message };
    case 'builtin-id':
      return { path: 'id', message: t('rulesBuiltinId', p.id) };
    case 'too-large':
      return { path: t('rulesWholeFile'), message: t('rulesTooLarge', fileSize(w(), p.maxBytes)) };
    case 'too-many':
      return { path: t('rulesWholeFile'), message: t('rulesTooMany', p.max) };
  }
}

function hostCovered(host: string, builtinHosts: string[]): boolean {
  const bare = host.replace(/^\*\./, '');
  return builtinHosts.some((b) => {
    const other = b.replace(/^\*\./, '');
    return bare === other || bare.endsWith(`.${other}`);
  });
}

function RuleRow({ rule, view, onRemove }: { rule: Rule; view: UserRulesView; onRemove: (r: Rule) => void }) {
  const covered = view.allSites || rule.hosts.every((h) => hostCovered(h, view.builtinHosts));
  return (
    <li class="record-row" data-testid="user-rule" data-rule-id={rule.id}>
      <div class="record-row__text">
        <strong>
          {rule.name} <code>{rule.id}</code>
        </strong>
        <span class="small">{t('rulesHosts', w().list(rule.hosts))}</span>
        <span class="muted small" data-testid="user-rule-coverage">
          {covered ? t('rulesCovered') : t('rulesNotCovered')}
        </span>
      </div>
      <div class="actions">
        <button type="button" class="danger-outline" data-testid="user-rule-remove" aria-label={t('rulesRemoveAria', rule.name)} onClick={() => onRemove(rule)}>
          {t('rulesRemove')}
        </button>
      </div>
    </li>
  );
}

/**
 * The user's own rules: import a rule file (every problem listed when it is refused; a refused
 * file changes nothing), the rules kept, and remove.
 */
export function UserRules() {
  const [view, setView] = useState<UserRulesView | null>(null);
  const [status, setStatus] = useState('');
  const [refused, setRefused] = useState<{ file: string; problems: RuleFileProblem[] } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    const read = (): void =>
      void getUserRules()
        .then((v) => alive && setView(v))
        .catch((err: unknown) => alive && setStatus(sentenceFor(err, SENTENCES.background)));
    read();
    const stop = watchPermissions(read);
    return () => {
      alive = false;
      stop();
    };
  }, []);

  const onFile = async (e: Event): Promise<void> => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file || busy) return;
    setBusy(true);
    setStatus('');
    setRefused(null);
    try {
      let text: string;
      try {
        text = await file.text();
      } catch {
        setRefused({ file: file.name, problems: [] });
        setStatus(t('rulesUnreadable'));
        return;
      }
      const result = await importUserRule(text);
      if (result.ok) {
        setView(result);
        setStatus(t(result.replaced ? 'rulesReplaced' : 'rulesImported', result.rule.name, result.rule.id));
      } else if (result.saveFailed && !result.problems.length) {
        setStatus(SENTENCES.rules);
      } else {
        setRefused({ file: file.name, problems: result.problems });
      }
    } catch (err) {
      setStatus(sentenceFor(err, SENTENCES.background));
    } finally {
      setBusy(false);
    }
  };

  const onRemove = (rule: Rule): void => {
    setStatus('');
    removeUserRule(rule.id)
      .then((v) => {
        setView(v);
        setStatus(t('rulesRemoved', rule.name));
      })
      .catch((err: unknown) => setStatus(sentenceFor(err, SENTENCES.rules)));
  };

  return (
    <section class="panel" aria-labelledby="rules-heading">
      <h2 id="rules-heading">{t('rulesHeading')}</h2>
      <p class="muted small">{t('rulesHelp')}</p>
      <p class="muted small">{t('rulesCoverage')}</p>
      <p>
        <label>
          {t('rulesFile')}{' '}
          <input type="file" accept=".json,application/json" data-testid="user-rule-file" aria-describedby="rules-status" onChange={(e) => void onFile(e)} />
        </label>
      </p>
      <p id="rules-status" class="small" role="status" aria-live="polite" data-testid="user-rule-status">
        {status}
      </p>
      {refused && (
        <div class="error" role="alert" data-testid="user-rule-problems">
          <p>{t('rulesRejected', refused.file)}</p>
          <ul>
            {refused.problems.map((p, i) => {
              const { path, message } = problemText(p);
              return (
                <li key={i} data-testid="user-rule-problem">
                  {t('rulesProblem', path, message)}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {view && view.rules.length === 0 && <p class="muted small">{t('rulesNone')}</p>}
      {view && view.rules.length > 0 && (
        <ul class="records" data-testid="user-rule-list">
          {view.rules.map((r) => (
            <RuleRow key={r.id} rule={r} view={view} onRemove={onRemove} />
          ))}
        </ul>
      )}
    </section>
  );
}
