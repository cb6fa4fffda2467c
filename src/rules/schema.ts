/**
 * The one source of truth for a service rule: a valibot schema from which the TypeScript type
 * is inferred. Built-in rule files are checked against it by a test; user rule files (later,
 * from the options page) are checked against it at import.
 */
import * as v from 'valibot';

const isoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  v.check((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'is not a real calendar date'),
);
const httpsUrl = v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must be an https:// URL'));
const host = v.pipe(
  v.string(),
  v.regex(/^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'must be a host name like "claude.ai" or "*.example.com"'),
);
const phrase = v.pipe(v.string(), v.trim(), v.minLength(3, 'is too short to be a phrase'), v.maxLength(200));
const language = v.pipe(v.string(), v.regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, 'must be a language code like "en" or "pt-BR"'));

export const DeadlineSchema = v.strictObject({
  date: isoDate,
  /** What the date is, in a few words. */
  note: v.pipe(v.string(), v.minLength(3)),
  /** A later date that replaced this one, when the service moved it. */
  supersededBy: v.optional(isoDate),
  /** Where the date is documented. */
  source: httpsUrl,
});

export const RuleSchema = v.strictObject({
  /** Rule id, used in reports: lower-case letters, digits, dashes. */
  id: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be lower-case letters, digits and dashes')),
  name: v.pipe(v.string(), v.minLength(2)),
  vendor: v.pipe(v.string(), v.minLength(2)),
  /** Host names the service is used on; the content script runs on these. */
  hosts: v.pipe(v.array(host), v.minLength(1, 'needs at least one host')),
  /** Names the site gives itself in `og:site_name` / `application-name`, to recognise saved pages. */
  siteNames: v.array(v.pipe(v.string(), v.minLength(2))),
  settings: v.strictObject({
    /** Where the user changes the training setting. */
    url: httpsUrl,
    /** The path to it in the UI, for people: "Settings › Privacy › Help improve Claude". */
    path: v.pipe(v.string(), v.minLength(3)),
    /** The setting's own name as the service shows it (English). */
    control: v.pipe(v.string(), v.minLength(3)),
  }),
  /** The service's default for consumer accounts. */
  defaultState: v.picklist(['on', 'off', 'unknown']),
  /**
   * Phrases (per language) that name this service's training control even where the label
   * avoids the word "train" ("Help improve Claude"). Matched case-insensitively as substrings
   * of the control's label or description.
   */
  phrases: v.pipe(
    v.record(language, v.pipe(v.array(phrase), v.minLength(1))),
    v.check((r) => Object.keys(r).length > 0, 'needs phrases in at least one language'),
  ),
  /**
   * Languages whose phrases are our own faithful translations of the service's wording, not
   * strings seen in the service's UI. Each must be a language of `phrases`.
   */
  translatedPhrases: v.optional(v.array(language)),
  deadlines: v.array(DeadlineSchema),
  /** Facts a user should know, each with its source. */
  notes: v.optional(v.array(v.strictObject({ text: v.pipe(v.string(), v.minLength(3)), source: httpsUrl }))),
  /**
   * For a service that offers no switch, only a way to object (Meta AI in the EU): where the
   * objection flow starts and what it asks of the user. The engine reports the objection form
   * itself as a surface with `objection: true` (see README, "Services").
   */
  objection: v.optional(
    v.strictObject({
      url: httpsUrl,
      description: v.pipe(v.string(), v.minLength(10, 'should say in a sentence what the user has to do')),
    }),
  ),
});

export type Rule = v.InferOutput<typeof RuleSchema>;
export type RuleDeadline = v.InferOutput<typeof DeadlineSchema>;

export interface RuleProblem {
  /** Where in the file, as a dotted path ("settings.url", "deadlines.1.date"). */
  path: string;
  message: string;
}

/** Validates unknown data (a parsed JSON file) as a rule; never throws. */
export function validateRule(data: unknown): { ok: true; rule: Rule } | { ok: false; problems: RuleProblem[] } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const what = data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`;
    return { ok: false, problems: [{ path: '(file)', message: `a rule file must hold one JSON object, not ${what}` }] };
  }
  const result = v.safeParse(RuleSchema, data);
  if (result.success) {
    const rule = result.output;
    const problems: RuleProblem[] = [];
    rule.deadlines.forEach((d, i) => {
      if (d.supersededBy && !rule.deadlines.some((o) => o.date === d.supersededBy)) {
        problems.push({ path: `deadlines.${i}.supersededBy`, message: `names ${d.supersededBy}, which is not one of this rule's deadlines` });
      }
    });
    const settingsHost = new URL(rule.settings.url).hostname;
    const onHost = (h: string): boolean => {
      const bare = h.replace(/^\*\./, '');
      return settingsHost === bare || settingsHost.endsWith(`.${bare}`);
    };
    if (!rule.hosts.some(onHost)) {
      problems.push({ path: 'settings.url', message: 'is not on one of the rule\'s hosts' });
    }
    (rule.translatedPhrases ?? []).forEach((lang, i) => {
      if (!(lang in rule.phrases)) {
        problems.push({ path: `translatedPhrases.${i}`, message: `names "${lang}", which has no phrases` });
      }
    });
    return problems.length ? { ok: false, problems } : { ok: true, rule };
  }
  return {
    ok: false,
    problems: result.issues.map((issue) => ({
      path: issue.path?.map((p) => String(p.key)).join('.') || '(file)',
      message: issue.message,
    })),
  };
}
