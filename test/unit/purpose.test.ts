import { describe, it, expect } from 'vitest';
import { classifyPurpose, rulePhraseIn, speaksOfTraining } from '../../src/engine/purpose';
import { BUILTIN_RULES } from '../../src/rules';
import { BUILTIN_LEXICON } from '../../src/engine/lexicon-builtin';

/** [label, description] */
type Case = [string, string];

describe('generic heuristics, no rules — AI-training controls in every language', () => {
  it.each<Case>([
    // en
    ['You can help improve Claude', 'Allow the use of your chats and coding sessions to train and improve Anthropic AI models. Change anytime in your Privacy Settings.'],
    ['Allow the use of your chats and coding sessions to train and improve Anthropic AI models', ''],
    ['Use my data for training content creation AI models', ''],
    ['Model training on text', 'Allow Microsoft to use your conversations to train generative AI models'],
    ['Model training on voice', 'Allow Microsoft to use your voice data to train generative AI models'],
    ['Allow your interactions to be used to train our models', ''],
    [
      'Grok',
      'Allow your public data as well as your interactions, inputs, and results with Grok and xAI to be used for training and fine-tuning.',
    ],
    // de
    ['Erlauben Sie die Nutzung Ihrer Chats zum Trainieren der KI-Modelle', ''],
    ['Claude verbessern', 'Erlaube die Verwendung deiner Chats, um KI-Modelle zu trainieren.'],
    // fr
    ["Autoriser l'utilisation de vos conversations pour entraîner nos modèles d'IA", ''],
    // es
    ['Permitir el uso de tus conversaciones para entrenar modelos de IA', ''],
    ['Ayuda a mejorar Claude', 'Permite que usemos tus chats para entrenar y mejorar los modelos de IA de Anthropic.'],
    // it
    ["Consenti l'utilizzo delle tue conversazioni per addestrare i modelli di IA", ''],
    // pt
    ['Permitir o uso das suas conversas para treinar modelos de IA', ''],
    // ja
    ['チャットをAIモデルのトレーニングに使用することを許可します', ''],
    ['Claudeの改善にご協力ください', 'チャットとコーディングセッションをAnthropicのAIモデルの学習に使用することを許可します。'],
    // ko
    ['대화를 AI 모델 학습에 사용하도록 허용', ''],
  ])('%j', (label, description) => {
    expect(classifyPurpose(label, description, [], BUILTIN_LEXICON)).toBe('ai-training');
  });
});

describe('generic heuristics, no rules — other controls', () => {
  it.each<Case>([
    // cookie categories
    ['Performance cookies — help us improve our website', ''],
    ['Performance cookies', 'These cookies help us improve our website by collecting information about how you use it.'],
    ['Analytics', 'Help us make the product better by sending anonymous usage statistics.'],
    ['Marketing cookies', 'Used to show you relevant ads on other websites.'],
    // notifications and features
    ['Email notifications', 'Get an email when a long response is ready.'],
    ['Push notifications', 'Notify me about new replies'],
    ['Memory — remember things you discuss', ''],
    ['Memory', 'Let the assistant remember things you discuss to give more personalized answers.'],
    ['Send me product news', ''],
    ['Dark mode', ''],
    ['Let ChatGPT reference all previous conversations when responding.', ''],
    ['Personalized ads based on your activity', ''],
    ['Receive training tips by email', ''],
    ['Improve your writing with AI suggestions', ''],
    ['Leistungs-Cookies', 'Helfen uns, unsere Website zu verbessern'],
    ['Cookies de performance', 'Nous aident à améliorer notre site'],
    ['Cookies de rendimiento', 'Nos ayudan a mejorar nuestro sitio web'],
    // an ML tool's own training jobs
    ['Auto-resume failed training runs', ''],
    ['Use mixed-precision training', ''],
    ['Retrain model nightly on new data', ''],
    ['Log training metrics every 50 steps', ''],
    ['Training data sets', ''],
    ['Early stopping', 'Stop training when the validation loss stops improving for 3 epochs.'],
    // the vague labels alone, with nothing else to go on
    ['Help improve Claude', ''],
  ])('%j', (label, description) => {
    expect(classifyPurpose(label, description, [], BUILTIN_LEXICON)).toBe('other');
  });
});

describe('generic heuristics, no rules — other controls the word lists get wrong', () => {
  it('an ML tool’s "Upload your training data set" is not a consent to training on your chats', () => {
    expect(classifyPurpose('Upload your training data set', '', [], BUILTIN_LEXICON)).toBe('other');
  });

  it('a memory feature that uses your chat history for better answers is not training', () => {
    expect(classifyPurpose('Memory', 'Get better answers by letting the AI use your chat history', [], BUILTIN_LEXICON)).toBe('other');
  });

  it('a notification about a model training job is not training consent', () => {
    expect(classifyPurpose('Notify me when model training finishes', '', [], BUILTIN_LEXICON)).toBe('other');
  });
});

describe('speaksOfTraining', () => {
  it('needs training plus AI models or the user’s data, or improving a model', () => {
    expect(speaksOfTraining('Use your conversations to train our models', BUILTIN_LEXICON)).toBe(true);
    expect(speaksOfTraining('Train AI models', BUILTIN_LEXICON)).toBe(true);
    expect(speaksOfTraining('Use your chats to improve our AI models', BUILTIN_LEXICON)).toBe(true);
    // A switch that improves a model lends it your data: the concept, in any wording.
    expect(speaksOfTraining('Improve our AI models', BUILTIN_LEXICON)).toBe(true);
    expect(speaksOfTraining('Help Improve AI Models', BUILTIN_LEXICON)).toBe(true);
    expect(speaksOfTraining('Contribute to model improvement', BUILTIN_LEXICON)).toBe(true);
    expect(speaksOfTraining('Improve the model for everyone', BUILTIN_LEXICON)).toBe(true);
    expect(speaksOfTraining('Use your chats to improve the app', BUILTIN_LEXICON)).toBe(false);
    expect(speaksOfTraining('Help us improve our website', BUILTIN_LEXICON)).toBe(false);
    expect(speaksOfTraining('Training', BUILTIN_LEXICON)).toBe(false);
    expect(speaksOfTraining('', BUILTIN_LEXICON)).toBe(false);
  });

  it('an ML tool’s training words only count when the user’s own data is named', () => {
    expect(speaksOfTraining('Training runs on GPUs for AI models', BUILTIN_LEXICON)).toBe(false);
    expect(speaksOfTraining('Your chats may be used in training runs for our AI models', BUILTIN_LEXICON)).toBe(true);
  });

  it('is what classifyPurpose uses on label and description together', () => {
    // Neither half alone says it; together they do.
    expect(speaksOfTraining('Use my conversations', BUILTIN_LEXICON)).toBe(false);
    expect(speaksOfTraining('for training', BUILTIN_LEXICON)).toBe(false);
    expect(classifyPurpose('Use my conversations', '', [], BUILTIN_LEXICON)).toBe('other');
    expect(classifyPurpose('', 'for training', [], BUILTIN_LEXICON)).toBe('other');
    expect(classifyPurpose('Use my conversations', 'for training', [], BUILTIN_LEXICON)).toBe('ai-training');
  });

  it('Copilot’s bare "Model training on text" names training of a model on its own', () => {
    expect(speaksOfTraining('Model training on text', BUILTIN_LEXICON)).toBe(true);
    expect(classifyPurpose('Model training on text', '', [], BUILTIN_LEXICON)).toBe('ai-training');
  });
});

describe('with the built-in rules', () => {
  it('"Help improve Claude" and "Improve the model for everyone" with no description are ai-training', () => {
    expect(classifyPurpose('Help improve Claude', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('ai-training');
    expect(classifyPurpose('You can help improve Claude', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('ai-training');
    expect(classifyPurpose('Improve the model for everyone', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('ai-training');
  });

  it('…and without rules the one that names no model is not ("Improve the model" names one)', () => {
    expect(classifyPurpose('Help improve Claude', '', [], BUILTIN_LEXICON)).toBe('other');
    expect(classifyPurpose('Improve the model for everyone', '', [], BUILTIN_LEXICON)).toBe('ai-training');
  });

  it('matches rule phrases case-insensitively, in the description too, and in other languages', () => {
    expect(classifyPurpose('HELP IMPROVE CLAUDE', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('ai-training');
    expect(classifyPurpose('On', 'Help improve Claude', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('ai-training');
    expect(classifyPurpose('Das Modell für alle verbessern', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('ai-training');
    expect(classifyPurpose('Améliorer le modèle pour tous', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('ai-training');
    expect(classifyPurpose('모두를 위한 모델 개선', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('ai-training');
  });

  it('rules do not turn other controls into training controls', () => {
    expect(classifyPurpose('Performance cookies — help us improve our website', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('other');
    expect(classifyPurpose('Memory — remember things you discuss', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('other');
    expect(classifyPurpose('Send me product news', '', BUILTIN_RULES, BUILTIN_LEXICON)).toBe('other');
  });

  it('rulePhraseIn returns the phrase that matched, or null', () => {
    expect(rulePhraseIn('You can help improve Claude', BUILTIN_RULES)).toBe('help improve Claude');
    expect(rulePhraseIn('improve the model for everyone', BUILTIN_RULES)).toBe('Improve the model for everyone');
    expect(rulePhraseIn('Help improve the app', BUILTIN_RULES)).toBeNull();
    expect(rulePhraseIn('Help improve Claude', [])).toBeNull();
  });
});
