/**
 * The built-in rules, one data file per service under `services/`. The files are validated
 * against `schema.ts` by `test/unit/rules.test.ts`; the casts below are only as good as that test.
 * Add a service with `npm run new-rule NAME`; test/unit/rules-meta.test.ts checks it is complete.
 */
import type { Rule } from './schema';
import claude from './services/claude.json';
import chatgpt from './services/chatgpt.json';
import gemini from './services/gemini.json';
import copilot from './services/copilot.json';
import grok from './services/grok.json';
import linkedin from './services/linkedin.json';
import perplexity from './services/perplexity.json';
import mistral from './services/mistral.json';
import meta from './services/meta.json';

export type { Rule, RuleDeadline } from './schema';

export const BUILTIN_RULES: readonly Rule[] = [
  claude as Rule,
  chatgpt as Rule,
  gemini as Rule,
  copilot as Rule,
  grok as Rule,
  linkedin as Rule,
  perplexity as Rule,
  mistral as Rule,
  meta as Rule,
];
