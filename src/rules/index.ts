/**
 * The built-in rules, one data file per service under `services/`. The files are validated
 * against `schema.ts` by `test/unit/rules.test.ts`; the casts below are only as good as that test.
 */
import type { Rule } from './schema';
import claude from './services/claude.json';
import chatgpt from './services/chatgpt.json';

export type { Rule, RuleDeadline } from './schema';

export const BUILTIN_RULES: readonly Rule[] = [claude as Rule, chatgpt as Rule];
