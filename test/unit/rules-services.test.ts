/**
 * The services' rules at work in the engine's pure parts: each service's control is classified
 * as AI training by its rule (and, where its words say so, by the generic heuristics alone); its
 * look-alikes are not; the engine words added for these services (a "Turn off ▾" menu button,
 * an objection form) mean what they should and nothing more.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../src/rules';
import { classifyPurpose, rulePhraseIn } from '../../src/engine/purpose';
import { readState, statusOf } from '../../src/engine/state';
import { isToggle } from '../../src/engine/controls';
import { BUILTIN_LEXICON } from '../../src/engine/lexicon-builtin';

const rule = (id: string) => [BUILTIN_RULES.find((r) => r.id === id)!];

/** [service, label, description, also found without any rule] — the words of each fixture. */
const CONTROLS: [string, string, string, boolean][] = [
  ['gemini', 'Keep Activity', 'Google stores your Gemini Apps activity with your Google Account and uses it to provide, develop and improve Google services, including AI models.', false],
  ['gemini', 'Gemini Apps Activity', '', false],
  ['gemini', 'Improve Google services for everyone with your audio and Gemini Live recordings', '', false],
  ['copilot', 'Model training on text', '', true],
  ['copilot', 'Model training on voice', '', true],
  ['copilot', 'Training on conversation activity', '', false], // no user's data or AI named: the rule knows it
  ['grok', 'Allow your public data as well as your interactions, inputs, and results with Grok and xAI to be used for training and fine-tuning.', '', true],
  ['grok', 'Allow your posts as well as your interactions, inputs, and results with Grok to be used for training and fine-tuning.', '', true],
  ['linkedin', 'Use my data for training content creation AI models', 'When this setting is on, LinkedIn can use your data and content to train content-generating AI models that are used in product features.', true],
  ['perplexity', 'AI data retention', 'AI Data Retention allows Perplexity to use your searches to improve AI models. Turn this setting off if you wish to exclude your data from this process.', true],
  ['mistral', 'Allow your interactions to be used to train our models', '', true],
];

describe('each service\'s control is AI training', () => {
  it.each(CONTROLS)('%s: "%s" by its rule', (id, label, description) => {
    expect(classifyPurpose(label, description, rule(id), BUILTIN_LEXICON)).toBe('ai-training');
    expect(classifyPurpose(label, description, BUILTIN_RULES, BUILTIN_LEXICON)).toBe('ai-training');
  });

  it.each(CONTROLS.filter((c) => c[3]))('%s: "%s" also by the generic heuristics alone', (_id, label, description) => {
    expect(classifyPurpose(label, description, [], BUILTIN_LEXICON)).toBe('ai-training');
  });

  it('the rules\' translated phrases match their own wording, case-insensitively', () => {
    for (const r of BUILTIN_RULES) {
      for (const [lang, list] of Object.entries(r.phrases)) {
        for (const p of list) expect(rulePhraseIn(`… ${p.toUpperCase()} …`, [r]), `${r.id} ${lang} "${p}"`).toBe(p);
      }
    }
  });
});

describe('the look-alikes on the same pages are not', () => {
  it.each<[string, string]>([
    ['Personalization and memory', ''],
    ['Personalized ads', ''],
    ['Autosuggest', 'Enable dropdown and tab-complete suggestions while typing a query'],
    ['Homepage widgets', 'Enable personalized widgets on the homepage'],
    ['Auto-delete', 'Deleting activity older than 18 months'],
    ['Web & App Activity', 'Saves your activity on Google sites and apps to give you faster searches and better recommendations.'],
    ['Your past chats with Gemini', 'Gemini learns from your past chats to give more personalized responses.'],
    ['Allow additional information sharing with business partners', ''],
    ['Delete conversation history', ''],
  ])('%j', (label, description) => {
    expect(classifyPurpose(label, description, BUILTIN_RULES, BUILTIN_LEXICON)).toBe('other');
  });
});

describe('a menu button named by its action is a control', () => {
  const button = (html: string): Element => {
    const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body.firstElementChild!;
    document.body.replaceChildren(document.adoptNode(parsed));
    return document.body.firstElementChild!;
  };

  it('"Turn off ▾" (aria-haspopup) is ON; "Turn on" is OFF; in other languages too', () => {
    expect(statusOf(button('<button aria-haspopup="menu">Turn off<svg aria-hidden="true"></svg></button>'), BUILTIN_LEXICON)).toBe('on');
    expect(statusOf(button('<button aria-haspopup="true"> Turn on </button>'), BUILTIN_LEXICON)).toBe('off');
    expect(statusOf(button('<div role="button" aria-haspopup="menu">Deaktivieren</div>'), BUILTIN_LEXICON)).toBe('on');
    expect(statusOf(button('<button aria-haspopup="menu">Activer</button>'), BUILTIN_LEXICON)).toBe('off');
    expect(statusOf(button('<button aria-haspopup="menu" aria-label="オフにする">…</button>'), BUILTIN_LEXICON)).toBe('on');
    const el = button('<button aria-haspopup="menu">Turn off</button>');
    expect(readState(el, BUILTIN_LEXICON)).toBe('on');
    expect(isToggle(el, BUILTIN_LEXICON)).toBe(true);
  });

  it('not without a menu, not for other names, and an explicit state still wins', () => {
    expect(statusOf(button('<button>Turn off</button>'), BUILTIN_LEXICON)).toBeNull();
    expect(statusOf(button('<button aria-haspopup="false">Turn off</button>'), BUILTIN_LEXICON)).toBeNull();
    expect(statusOf(button('<button aria-haspopup="menu">Turn off and delete activity</button>'), BUILTIN_LEXICON)).toBeNull();
    expect(statusOf(button('<button aria-haspopup="menu">Delete</button>'), BUILTIN_LEXICON)).toBeNull();
    expect(statusOf(button('<a aria-haspopup="menu" href="#">Turn off</a>'), BUILTIN_LEXICON)).toBeNull();
    expect(isToggle(button('<button aria-haspopup="menu">More options</button>'), BUILTIN_LEXICON)).toBe(false);
    expect(readState(button('<button aria-haspopup="menu" aria-pressed="false">Turn off</button>'), BUILTIN_LEXICON)).toBe('off');
  });

  it('whole names only', () => {
    expect(BUILTIN_LEXICON.TURN_OFF.test('Turn off')).toBe(true);
    expect(BUILTIN_LEXICON.TURN_OFF.test('Turn off notifications')).toBe(false);
    expect(BUILTIN_LEXICON.TURN_ON.test('Turn on')).toBe(true);
    expect(BUILTIN_LEXICON.TURN_ON.test('Return on investment')).toBe(false);
  });
});

describe('objection words', () => {
  it.each([
    'Object to Your Information Being Used for AI at Meta',
    'You have the right to object to Meta using your information',
    'Widerspruch gegen die Verwendung deiner Informationen für KI bei Meta',
    'Vous pouvez vous opposer à l’utilisation de vos informations',
    'Derecho de oposición',
    'Diritto di opposizione',
    'Direito de oposição',
    'AI 학습에 대한 이의 제기',
    'AIに関する異議申し立て',
  ])('%j names an objection', (text) => {
    expect(BUILTIN_LEXICON.OBJECT.test(text)).toBe(true);
  });

  it.each(['Object storage for AI models', 'Objects in the scene', 'Upload an object'])('%j does not', (text) => {
    expect(BUILTIN_LEXICON.OBJECT.test(text)).toBe(false);
  });
});
