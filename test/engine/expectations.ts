/**
 * What the engine must report for each committed HTML fixture in test/fixtures/.
 *
 * Every finding below is derived from the rules in /work/shared/DOMAIN.md and was checked
 * against measurements taken in Chromium at 1280x800 (the numbers are in the comments).
 *
 * How these entries read the rules:
 * - A control's `kind` follows its role: role=switch -> 'switch'; a plain
 *   input[type=checkbox] -> 'checkbox', even if a sibling element draws it as a switch;
 *   a radio group -> 'choice'.
 * - For a 'choice' the `visible` box is the radiogroup element. It has no fill of its own;
 *   each option card has a border that passes 3:1 (unselected stone-500 4.8:1, selected
 *   stone-900 17:1), so the choice is not low-contrast.
 * - A control that is not rendered (`hidden`) has no visible box, so it gets none of the
 *   findings that need one (small-target, low-contrast, false-hierarchy, out-of-view).
 *   `preselected` and `bundled-consent` still apply, because they depend on its state.
 */
export type FindingId = 'preselected' | 'false-hierarchy' | 'small-target' | 'low-contrast' | 'hidden'
  | 'out-of-view' | 'bundled-consent' | 'forced-choice' | 'vague-label';
export interface ControlExpectation {
  /** substring (case-insensitive) or RegExp the reported label must match */
  label: string | RegExp;
  state: 'on' | 'off' | 'mixed' | 'unknown';
  kind: 'switch' | 'checkbox' | 'choice' | 'button';
  /** the exact set of finding ids on this control */
  findings: FindingId[];
  /** selector path of the element whose border box IS the visible control; each further entry is queried inside the previous match's shadowRoot. Omit for hidden controls. */
  visible?: string[];
}
export interface SurfaceExpectation {
  kind: 'terms-update' | 'consent-prompt' | 'settings' | 'other';
  title: string | RegExp;
  /** exact set of surface-level finding ids (forced-choice, bundled-consent) */
  findings: FindingId[];
  primaryAction: string | RegExp | null;
}
export interface FixtureExpectation {
  file: string;                          // relative to test/fixtures
  service: string | null;                // a rule id ('claude', 'gemini', …) or null
  aiTraining: ControlExpectation[];      // exactly these ai-training controls, in document order
  surfaces?: SurfaceExpectation[];       // surfaces that contain an ai-training control (omit to skip)
  deadline?: { date: string; source: 'page' | 'rule' } | null; // omit to skip
  negative?: true;
  /** Look-alike toggles on the same page that must be reported, with purpose 'other'. */
  others?: (string | RegExp)[];
  /** Forms to object to AI training (no switch): exactly these surfaces with `objection: true`. */
  objection?: { title: string | RegExp; kind: 'consent-prompt' }[];
}

const CLAUDE_DEADLINE_PAGE = { date: '2025-10-08', source: 'page' } as const;
const CLAUDE_DEADLINE_RULE = { date: '2025-10-08', source: 'rule' } as const;
const RADIX_SWITCH_IN_DIALOG = ['[role="dialog"] button[role="switch"]'];

/**
 * The Claude grace-period dialog (also used for the fr/de/ja copies), measured:
 * switch 28x16; label 12px, oklch(70.7% 0.022 261.325) = #99a1af on #fff -> 2.60:1;
 * switch track (ON) #030712 on #fff -> 20.1:1; Accept 448x44, 16px, #fff on #030712 -> 20.1:1.
 * false-hierarchy: area 19712/448 = 44x, font 16/12 = 1.33x, contrast 20.1/2.60 = 7.7x (3 of 3).
 */
const GRACE_FINDINGS: FindingId[] = ['preselected', 'false-hierarchy', 'small-target', 'low-contrast', 'vague-label'];

export const expectations: FixtureExpectation[] = [
  // ------------------------------------------------------------------ Claude
  {
    file: 'claude-terms-grace-switch.html',
    service: 'claude',
    aiTraining: [{
      label: 'You can help improve Claude', state: 'on', kind: 'switch',
      findings: GRACE_FINDINGS,
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: 'Updates to Consumer Terms and Policies', findings: ['bundled-consent'], primaryAction: /^accept$/i }],
    deadline: CLAUDE_DEADLINE_PAGE,
  },
  {
    // sr-only input + styled sibling track 36x20 (the <label> wrapping both is also 36x20);
    // area 19712/720 = 27x, font 1.33x, contrast 7.7x.
    file: 'claude-terms-grace-checkbox.html',
    service: 'claude',
    aiTraining: [{
      label: 'You can help improve Claude', state: 'on', kind: 'switch', // a person sees the styled track (36x20), not the sr-only input
      findings: GRACE_FINDINGS,
      visible: ['[role="dialog"] label > input.peer + div'],
    }],
    surfaces: [{ kind: 'terms-update', title: 'Updates to Consumer Terms and Policies', findings: ['bundled-consent'], primaryAction: /^accept$/i }],
    deadline: CLAUDE_DEADLINE_PAGE,
  },
  {
    // Radio cards 448x48, 14px #1c1917 (16.8:1) vs Continue 448x44, 16px, 20.1:1:
    // area < 1x, font 1.14x, contrast 1.2x -> no false-hierarchy. Not bundled (explicit choice).
    file: 'claude-terms-choice.html',
    service: 'claude',
    aiTraining: [{
      label: 'Help improve Claude', state: 'on', kind: 'choice',
      findings: ['preselected', 'vague-label'],
      visible: ['[role="dialog"] [role="radiogroup"]'],
    }],
    surfaces: [{ kind: 'terms-update', title: 'Updates to Consumer Terms and Policies', findings: [], primaryAction: /^continue$/i }],
    deadline: CLAUDE_DEADLINE_PAGE,
  },
  {
    // Switch 36x20; heading 14px/600 #1c1917 (17.5:1); Accept 448x44, 16px, 20.1:1:
    // area 27x, font 1.14x, contrast 1.15x -> 1 of 3, no false-hierarchy. No close / "Not now".
    // The switch sits in a <form>, so Radix renders its aria-hidden, opacity:0 "bubble"
    // input next to it; that input is not a second control.
    file: 'claude-terms-post-deadline.html',
    service: 'claude',
    aiTraining: [{
      label: 'Help improve Claude', state: 'on', kind: 'switch',
      findings: ['preselected', 'small-target', 'vague-label'],
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: /updated our Consumer Terms and Privacy Policy/i, findings: ['bundled-consent', 'forced-choice'], primaryAction: /^accept$/i }],
    deadline: CLAUDE_DEADLINE_RULE,
  },
  {
    // Settings page (not a dialog). Switch 36x20, OFF track stone-500 #79716b on #fff -> 4.81:1;
    // label 14px #1c1917 -> 17.5:1. "Location metadata" (ON) is not ai-training.
    file: 'claude-settings-privacy.html',
    service: 'claude',
    aiTraining: [{
      label: 'Help improve Claude', state: 'off', kind: 'switch',
      findings: ['small-target', 'vague-label'],
      visible: ['button[role="switch"][aria-labelledby="model-improvement-label"]'],
    }],
    surfaces: [{ kind: 'settings', title: /privacy|settings/i, findings: [], primaryAction: null }],
    deadline: CLAUDE_DEADLINE_RULE,
  },
  // ------------------------------------------------------------------ ChatGPT
  {
    // Settings modal, Data controls tab. Switch 32x20, ON #0a0a0a on #fff -> 19.8:1;
    // label 14px #171717 -> 17.9:1.
    file: 'chatgpt-data-controls.html',
    service: 'chatgpt',
    aiTraining: [{
      label: 'Improve the model for everyone', state: 'on', kind: 'switch',
      findings: ['small-target', 'vague-label'],
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'settings', title: /settings|data controls/i, findings: [], primaryAction: null }],
    deadline: null,
  },
  // ------------------------------------------------------------------ hard cases
  {
    // Checked native checkbox inside a closed <details> ("More options"): checkVisibility() false.
    // Its label is 14px #1e2939 (14.7:1) and "Accept and continue" 14px 17.8:1, so font and
    // contrast would not give false-hierarchy even if a box were assumed.
    file: 'hard-details-hidden.html',
    service: null,
    aiTraining: [{
      label: 'train Parley', state: 'on', kind: 'checkbox',
      findings: ['hidden', 'preselected'],
    }],
    surfaces: [{ kind: 'terms-update', title: 'Updated Terms of Service', findings: ['bundled-consent'], primaryAction: /accept and continue/i }],
    deadline: { date: '2025-11-15', source: 'page' },
  },
  {
    // Scroll container 576x380 at y=206..586; switch 48x28 at y~1600 (below it and the viewport);
    // Accept 88x40 at y=603 (on screen). Area 3508/1344 = 2.6x, font 14/14, contrast
    // 6.44/17.75 -> no false-hierarchy. ON track indigo-600 on #fff -> 6.4:1.
    file: 'hard-scroll-out-of-view.html',
    service: null,
    aiTraining: [{
      label: 'Use my chats to train Lumen models', state: 'on', kind: 'switch',
      findings: ['out-of-view', 'preselected'],
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: 'Lumen Terms of Service update', findings: ['bundled-consent'], primaryAction: /^accept$/i }],
    deadline: { date: '2025-12-01', source: 'page' },
  },
  {
    // No terms text, so a consent prompt. Label 14px lab(79.5 0 0) = #c5c5c5 on
    // rgba(255,255,255,.72) over color(srgb 1 1 1) -> 1.73:1. input[role=switch] 44x26,
    // ON lab(18 2 -12) -> 13.9:1. Continue 112x36, 14px, 17.7:1. The <label> around the row
    // is 462x68: area 4032/31416 (or 4032/1144 = 3.5x for the switch alone), font 1x,
    // contrast 10.3x -> 1 of 3, no false-hierarchy.
    file: 'hard-low-contrast.html',
    service: null,
    aiTraining: [{
      label: 'train its models on my conversations', state: 'on', kind: 'switch',
      findings: ['preselected', 'low-contrast'],
      visible: ['[role="dialog"] input[role="switch"]'],
    }],
    surfaces: [{ kind: 'consent-prompt', title: 'A quick question about your chats', findings: [], primaryAction: /^continue$/i }],
    deadline: null,
  },
  {
    // Dialog inside <consent-modal>'s open shadow root. Switch 46x26, ON #111827 -> 17.7:1;
    // label 14px #1f2937 -> 14.7:1; Accept 96x36, 14px, 17.7:1: area 2.9x, font 1x,
    // contrast 1.2x.
    file: 'hard-shadow-dom.html',
    service: null,
    aiTraining: [{
      label: 'train Quill', state: 'on', kind: 'switch',
      findings: ['preselected'],
      visible: ['consent-modal', 'button[role="switch"]'],
    }],
    surfaces: [{ kind: 'terms-update', title: /updating our Terms/i, findings: ['bundled-consent'], primaryAction: /^accept$/i }],
    deadline: { date: '2026-01-05', source: 'page' },
  },
  {
    // The DOM changes every ~250 ms (longest gap 253 ms); the dialog is inserted at ~2.5 s
    // and nothing changes after that. Switch 36x20, ON #030712; label 14px #101828 -> 17.8:1;
    // Accept 400x40, 14px, 20.1:1: area 22x, font 1x, contrast 1.13x -> no false-hierarchy.
    file: 'hard-late-dialog.html',
    service: null,
    aiTraining: [{
      label: 'Let Orbit train its models on my chats', state: 'on', kind: 'switch',
      findings: ['preselected', 'small-target'],
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: /changes to orbit/i, findings: ['bundled-consent'], primaryAction: /^accept$/i }],
    deadline: { date: '2025-11-01', source: 'page' },
  },
  // ------------------------------------------------------------------ other languages
  {
    file: 'lang-fr.html',
    service: 'claude',
    aiTraining: [{
      label: 'Aidez à améliorer Claude', state: 'on', kind: 'switch',
      findings: GRACE_FINDINGS,
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: /Mises à jour des Conditions d.utilisation/i, findings: ['bundled-consent'], primaryAction: /^accepter$/i }],
    deadline: CLAUDE_DEADLINE_PAGE,
  },
  {
    file: 'lang-de.html',
    service: 'claude',
    aiTraining: [{
      label: 'Helfen Sie, Claude zu verbessern', state: 'on', kind: 'switch',
      findings: GRACE_FINDINGS,
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: 'Aktualisierungen der Verbraucherbedingungen und Richtlinien', findings: ['bundled-consent'], primaryAction: /^akzeptieren$/i }],
    deadline: CLAUDE_DEADLINE_PAGE,
  },
  {
    file: 'lang-ja.html',
    service: 'claude',
    aiTraining: [{
      label: 'Claudeの改善にご協力ください', state: 'on', kind: 'switch',
      findings: GRACE_FINDINGS,
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: '消費者向け利用規約およびポリシーの更新', findings: ['bundled-consent'], primaryAction: /^同意する$/ }],
    deadline: CLAUDE_DEADLINE_PAGE,
  },
  // ------------------------------------------------------------------ negatives
  // OneTrust preference center: "Performance Cookies" (pre-enabled, "help us improve our website"),
  // "Functional Cookies", "Targeting Cookies"; "Strictly Necessary" is "Always Active".
  {
    // A listbox choice (role=listbox, aria-selected options) between training ON and OFF, the
    // ON option selected; modal with no close or later option. No rule: generic heuristics.
    file: 'hard-listbox-choice.html',
    service: null,
    aiTraining: [{
      label: 'Model training', state: 'on', kind: 'choice',
      findings: ['preselected'],
      visible: ['[role="listbox"]'],
    }],
    surfaces: [{ kind: 'consent-prompt', title: 'Your chats and our models', findings: ['forced-choice'], primaryAction: /^save and continue$/i }],
    deadline: null,
  },
  {
    // A bottom sheet with no role (only position: fixed) and a custom toggle whose state lives
    // only in its class ("toggle-switch is-on"). Toggle 40x24, #2563eb on white (5.2:1); label
    // 15px bold on white; "Got it" 16px: area 4.2x, font 1x, contrast ~1x -> one vote only.
    file: 'hard-bottom-sheet.html',
    service: null,
    aiTraining: [{
      label: 'Help Kite get smarter', state: 'on', kind: 'switch',
      findings: ['preselected', 'vague-label'],
      visible: ['[data-testid="sheet-toggle"]'],
    }],
    surfaces: [{ kind: 'consent-prompt', title: 'Help Kite get smarter', findings: [], primaryAction: /^got it$/i }],
    deadline: null,
  },
  {
    // A promotional strip (position: fixed, z-index above the dialog) is painted over the
    // switch's centre: rendered, in view, but covered -> hidden (reason "covered").
    file: 'hard-covered.html',
    service: null,
    aiTraining: [{
      label: 'Use my conversations to train Parlance models', state: 'on', kind: 'switch',
      findings: ['preselected', 'hidden'],
    }],
    surfaces: [{ kind: 'terms-update', title: 'Updated Terms of Use', findings: ['bundled-consent'], primaryAction: /^accept$/i }],
    deadline: { date: '2026-02-01', source: 'page' },
  },
  { file: 'neg-cookie-preferences.html', service: null, aiTraining: [], negative: true },
  // ChatGPT Settings > General: dark-theme code, data-analyst code, notifications, Memory.
  { file: 'neg-app-settings.html', service: 'chatgpt', aiTraining: [], negative: true },
  // Sign-up modal with a pre-checked "Send me product news and tips" checkbox.
  { file: 'neg-newsletter.html', service: null, aiTraining: [], negative: true },
  // ML platform: "Auto-resume failed training runs", "Retrain model nightly on new data", ...
  { file: 'neg-ml-dashboard.html', service: null, aiTraining: [], negative: true },
  // A claude.ai conversation *about* the training toggle; aria-pressed feedback buttons, no dialog.
  { file: 'neg-chat-transcript.html', service: 'claude', aiTraining: [], negative: true },

  // ------------------------------------------------------------------ more languages (Claude dialog)
  // The same grace-period dialog as lang-de/fr/ja, translated; each carries the deadline in its
  // language's own date format ("8 de octubre de 2025", "l’8 ottobre 2025",
  // "8 de outubro de 2025", "2025년 10월 8일").
  {
    file: 'lang-es.html',
    service: 'claude',
    aiTraining: [{
      label: 'Ayuda a mejorar Claude', state: 'on', kind: 'switch',
      findings: GRACE_FINDINGS,
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: 'Actualizaciones de los Términos y Políticas para consumidores', findings: ['bundled-consent'], primaryAction: /^aceptar$/i }],
    deadline: CLAUDE_DEADLINE_PAGE,
  },
  {
    file: 'lang-it.html',
    service: 'claude',
    aiTraining: [{
      label: 'Aiuta a migliorare Claude', state: 'on', kind: 'switch',
      findings: GRACE_FINDINGS,
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: 'Aggiornamenti ai Termini e alle Politiche per i consumatori', findings: ['bundled-consent'], primaryAction: /^accetta$/i }],
    deadline: CLAUDE_DEADLINE_PAGE,
  },
  {
    file: 'lang-pt.html',
    service: 'claude',
    aiTraining: [{
      label: 'Ajude a melhorar o Claude', state: 'on', kind: 'switch',
      findings: GRACE_FINDINGS,
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: 'Atualizações dos Termos e Políticas do Consumidor', findings: ['bundled-consent'], primaryAction: /^aceitar$/i }],
    deadline: CLAUDE_DEADLINE_PAGE,
  },
  {
    file: 'lang-ko.html',
    service: 'claude',
    aiTraining: [{
      label: 'Claude 개선에 도움 주기', state: 'on', kind: 'switch',
      findings: GRACE_FINDINGS,
      visible: RADIX_SWITCH_IN_DIALOG,
    }],
    surfaces: [{ kind: 'terms-update', title: '소비자 약관 및 정책 업데이트', findings: ['bundled-consent'], primaryAction: /^동의$/ }],
    deadline: CLAUDE_DEADLINE_PAGE,
  },
  // ------------------------------------------------------------------ other services (rules in src/rules/services)
  // All are settings pages, where ON may be the user's own choice: never `preselected`.
  {
    // myactivity.google.com/product/gemini. "Keep Activity" is a status with a "Turn off ▾" menu
    // button (aria-haspopup), 114x40, outline #747775 on #fff (4.6:1): kind 'button', state read
    // from the action it offers (on). The audio box: a transparent 40x40 input over an 18x18
    // drawn box (small-target); its label promises to "improve Google services for everyone"
    // and names no training or data (vague-label). "Auto-delete › Change", "Delete ▾" and the
    // items' option menus are menu buttons that act on no setting: not controls.
    file: 'gemini-activity.html',
    service: 'gemini',
    aiTraining: [
      { label: 'Keep Activity', state: 'on', kind: 'button', findings: [], visible: ['button[jsname="turn-off"]'] },
      {
        label: 'Improve Google services for everyone with your audio and Gemini Live recordings', state: 'off', kind: 'checkbox',
        findings: ['small-target', 'vague-label'],
        visible: ['#c-audio-recordings + .VfPpkd-YQoJzd'],
      },
    ],
    surfaces: [{ kind: 'settings', title: 'Gemini Apps Activity', findings: [], primaryAction: null }],
    deadline: null,
  },
  // gemini.google.com, Settings › Personal context: "Your past chats with Gemini" (ON) lets
  // Gemini personalise answers from past chats — a look-alike, not the training setting.
  { file: 'gemini-app-personal-context.html', service: 'gemini', aiTraining: [], negative: true },
  {
    // Copilot Settings dialog, Privacy tab. Fluent UI switches: transparent input[role=switch]
    // over a 40x20 indicator (small-target), ON #0f6cbd on #fff (5.2:1); labels 14px #242424.
    file: 'copilot-privacy.html',
    service: 'copilot',
    aiTraining: [
      { label: 'Model training on text', state: 'on', kind: 'switch', findings: ['small-target'], visible: ['#sw-train-text + .fui-Switch__indicator'] },
      { label: 'Model training on voice', state: 'on', kind: 'switch', findings: ['small-target'], visible: ['#sw-train-voice + .fui-Switch__indicator'] },
    ],
    others: ['Personalization and memory', 'Personalized ads'],
    surfaces: [{ kind: 'settings', title: 'Settings', findings: [], primaryAction: null }],
    deadline: null,
  },
  {
    // x.com/settings/grok_settings. A transparent native checkbox over a 20x20 drawn box
    // (small-target), checked #1d9bf0; the label names training and fine-tuning.
    file: 'grok-settings.html',
    service: 'grok',
    aiTraining: [{
      label: 'Allow your public data as well as your interactions, inputs, and results with Grok and xAI to be used for training and fine-tuning.',
      state: 'on', kind: 'checkbox',
      findings: ['small-target'],
      visible: ['.r-checkwrap > div[aria-hidden="true"]'],
    }],
    surfaces: [{ kind: 'settings', title: 'Grok & Third-party Collaborators', findings: [], primaryAction: null }],
    deadline: null,
  },
  {
    // LinkedIn's styled native checkbox (role=switch) is itself the 48x24 track, ON #01754f on
    // #fff (5.6:1). The page names no date: the rule's 2025-11-03 (EU/EEA, UK, CH, CA, HK).
    file: 'linkedin-data-for-ai.html',
    service: 'linkedin',
    aiTraining: [{
      label: 'Use my data for training content creation AI models', state: 'on', kind: 'switch',
      findings: [],
      visible: ['#ember215'],
    }],
    surfaces: [{ kind: 'settings', title: 'Data for Generative AI Improvement', findings: [], primaryAction: null }],
    deadline: { date: '2025-11-03', source: 'rule' },
  },
  {
    // Radix switches 36x20 (small-target), ON oklch(54.8% 0.084 205.3) on the page background.
    // "Autosuggest" and "Homepage widgets" (both on) are the look-alikes.
    file: 'perplexity-preferences.html',
    service: 'perplexity',
    aiTraining: [{
      label: 'AI data retention', state: 'on', kind: 'switch',
      findings: ['small-target'],
      visible: ['button[role="switch"][aria-labelledby="ai-data-retention-label"]'],
    }],
    others: ['Autosuggest', 'Homepage widgets'],
    surfaces: [{ kind: 'settings', title: 'Preferences', findings: [], primaryAction: null }],
    deadline: null,
  },
  {
    // Mistral Admin Console › Le Chat › Privacy: a shadcn switch 36x20 (small-target), ON zinc-900.
    file: 'mistral-privacy.html',
    service: 'mistral',
    aiTraining: [{
      label: 'Allow your interactions to be used to train our models', state: 'on', kind: 'switch',
      findings: ['small-target'],
      visible: ['#train-on-interactions'],
    }],
    surfaces: [{ kind: 'settings', title: 'Privacy', findings: [], primaryAction: null }],
    deadline: null,
  },
  {
    // Meta's objection form: no switch at all. The form is reported as a consent-prompt surface
    // with `objection: true` and no control; its "Send" is not an accept action.
    file: 'meta-objection.html',
    service: 'meta',
    aiTraining: [],
    surfaces: [],
    objection: [{ title: 'Object to Your Information Being Used for AI at Meta', kind: 'consent-prompt' }],
    deadline: null,
  },
];
