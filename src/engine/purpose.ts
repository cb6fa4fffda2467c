/**
 * Is this control the AI-training switch? It is when its words say the user's chats (content,
 * posts, interactions, coding sessions, voice…) are used to train or improve AI models, or when
 * they carry a phrase the service's rule names. Cookie categories, notifications, product
 * features and an ML tool's own training jobs are not.
 */
import type { Rule } from '../rules/schema';
import type { Lexicon } from './lexicon';
import { sentences } from './text';

export type Purpose = 'ai-training' | 'other';

export function rulePhraseIn(text: string, rules: readonly Rule[]): string | null {
  const lower = text.toLowerCase();
  for (const rule of rules) {
    for (const list of Object.values(rule.phrases)) {
      for (const p of list) if (lower.includes(p.toLowerCase())) return p;
    }
  }
  return null;
}

/** Whether words (not a rule) say this is about training AI on the user's data. */
export function speaksOfTraining(text: string, lex: Lexicon): boolean {
  const { AI_MODEL, DATA, IMPROVE, ML_OPS, MODEL, NOTIFY, NOT_USED, TRAIN, USER_DATA } = lex;
  // "…and is not used to train models": the statement says what the data is NOT for.
  if (NOT_USED.test(text)) text = sentences(text).filter((s) => !NOT_USED.test(s)).join(' ');
  // An ML tool's own jobs ("training runs", "your training data set") are not the user's
  // chats: the user's data must be named outside those phrases, or the text is about the tool.
  const mlOps = ML_OPS.test(text);
  const userData = USER_DATA.test(mlOps ? text.replace(new RegExp(ML_OPS.source, 'giu'), ' ') : text);
  if ((mlOps || NOTIFY.test(text)) && !userData) return false;
  if (TRAIN.test(text) && (userData || AI_MODEL.test(text))) return true;
  // "Improve the model for everyone", "Help improve AI models", "Contribute to model
  // improvement": a switch that improves a model is one that lends it your data.
  // …and "Data for Generative AI Improvement": data, lent to improve AI.
  return IMPROVE.test(text) && (MODEL.test(text) || (near(text, IMPROVE, AI_MODEL, 16) && (userData || DATA.test(text))));
}

/** Whether a match of `a` and one of `b` lie within `chars` characters of each other ("AI Improvement", not "better answers … the AI"). */
function near(text: string, a: RegExp, b: RegExp, chars: number): boolean {
  const at = (re: RegExp): number[] => [...text.matchAll(new RegExp(re.source, 'giu'))].map((m) => m.index);
  const bs = at(b);
  return at(a).some((i) => bs.some((j) => Math.abs(i - j) <= chars));
}

export function classifyPurpose(label: string, description: string, rules: readonly Rule[], lex: Lexicon): Purpose {
  const text = `${label}. ${description}`;
  if (rulePhraseIn(text, rules)) return 'ai-training';
  return speaksOfTraining(text, lex) ? 'ai-training' : 'other';
}
