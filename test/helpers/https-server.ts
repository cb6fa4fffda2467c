/**
 * The end-to-end tests' pages: committed fixtures served over HTTPS on 127.0.0.1 under the
 * services' real host names (see src/cli/https-fixture-server.ts for the server itself).
 */
import {
  fixture,
  flippingClaudeSettings,
  startFixtureServer,
  STRICT_CSP,
  type FixtureServer,
  type Routes,
} from '../../src/cli/https-fixture-server';

export { flippingClaudeSettings, STRICT_CSP, type FixtureServer, type Routes };

/** Pages with an AI-training control the content script must highlight. */
export const PAGES = {
  claudeDialog: { host: 'claude.ai', path: '/new' },
  claudeLate: { host: 'claude.ai', path: '/late' },
  claudeSettings: { host: 'claude.ai', path: '/settings/data-privacy-controls' },
  claudeChoice: { host: 'claude.ai', path: '/choice' },
  /** A terms dialog whose training checkbox sits in a closed <details>. */
  claudeHidden: { host: 'claude.ai', path: '/hidden' },
  /** The Claude dialog again, with a strict Content-Security-Policy header. */
  claudeCsp: { host: 'claude.ai', path: '/csp' },
  chatgpt: { host: 'chatgpt.com', path: '/' },
  chatOpenai: { host: 'chat.openai.com', path: '/' },
  /** The Claude dialog on a host no rule or match pattern covers: the content script must not run. */
  unmatched: { host: 'example-chat.test', path: '/' },
} as const;

/** Pages on the services' hosts with toggles, checkboxes or training talk, but no AI-training control. */
export const NEGATIVES = {
  chatTranscript: { host: 'claude.ai', path: '/chat/3f6c2a9e-8d41-4b7a-9c2e-5a1d7e0b6f26' },
  cookiePreferences: { host: 'claude.ai', path: '/legal/cookies' },
  mlDashboard: { host: 'claude.ai', path: '/ml/runs' },
  appSettings: { host: 'chatgpt.com', path: '/settings/general' },
  newsletter: { host: 'chatgpt.com', path: '/auth/signup' },
} as const;

export type PageRef = { host: string; path: string };

/**
 * "Check all sites" (test/e2e/all-sites.test.ts): a terms dialog with a pre-set training switch
 * and no brand any rule knows ("Lumen"), on a host no rule or match pattern covers.
 */
export const ALL_SITES_PAGES = {
  genericTerms: { host: 'example-chat.test', path: '/terms' },
} as const;

/**
 * Every other service with a rule: its fixture at the address it was saved from, and again
 * under the rule's other host names (so each of the manifest's match patterns is exercised).
 */
export const SERVICE_PAGES = {
  gemini: [{ host: 'myactivity.google.com', path: '/product/gemini' }],
  copilot: [{ host: 'copilot.microsoft.com', path: '/' }],
  grok: [{ host: 'x.com', path: '/settings/grok_settings' }],
  linkedin: [{ host: 'www.linkedin.com', path: '/mypreferences/d/settings/data-for-ai-improvement' }],
  perplexity: [{ host: 'www.perplexity.ai', path: '/settings/preferences' }],
  mistral: [
    { host: 'admin.mistral.ai', path: '/' },
    { host: 'chat.mistral.ai', path: '/' },
  ],
  meta: [
    { host: 'www.facebook.com', path: '/help/contact/712876720715583' },
    { host: 'www.meta.ai', path: '/' },
  ],
} as const satisfies Record<string, readonly PageRef[]>;

/** Look-alikes on the services' own hosts: toggles that are not AI training, nothing to outline. */
export const SERVICE_NEGATIVES = {
  /** Gemini's "Personal context › Your past chats with Gemini" (personalisation, not training). */
  geminiPersonalContext: { host: 'gemini.google.com', path: '/app', fixture: 'gemini-app-personal-context.html', service: 'gemini' },
} as const satisfies Record<string, PageRef & { fixture: string; service: string }>;

/** The committed fixture each service's pages serve. */
export const SERVICE_FIXTURES: Record<keyof typeof SERVICE_PAGES, string> = {
  gemini: 'gemini-activity.html',
  copilot: 'copilot-privacy.html',
  grok: 'grok-settings.html',
  linkedin: 'linkedin-data-for-ai.html',
  perplexity: 'perplexity-preferences.html',
  mistral: 'mistral-privacy.html',
  meta: 'meta-objection.html',
};

const key = (p: PageRef): string => `${p.host}${p.path}`;

export const DEFAULT_ROUTES: Routes = {
  [key(PAGES.claudeDialog)]: fixture('claude-terms-grace-switch.html'),
  [key(PAGES.claudeLate)]: fixture('hard-late-dialog.html'),
  [key(PAGES.claudeSettings)]: fixture('claude-settings-privacy.html'),
  [key(PAGES.claudeChoice)]: fixture('claude-terms-choice.html'),
  [key(PAGES.claudeHidden)]: fixture('hard-details-hidden.html'),
  [key(PAGES.claudeCsp)]: fixture('claude-terms-grace-switch.html', { csp: STRICT_CSP }),
  [key(PAGES.chatgpt)]: fixture('chatgpt-data-controls.html'),
  [key(PAGES.chatOpenai)]: fixture('chatgpt-data-controls.html'),
  [key(PAGES.unmatched)]: fixture('claude-terms-grace-switch.html'),
  [key(ALL_SITES_PAGES.genericTerms)]: fixture('hard-scroll-out-of-view.html'),
  [key(NEGATIVES.chatTranscript)]: fixture('neg-chat-transcript.html'),
  [key(NEGATIVES.cookiePreferences)]: fixture('neg-cookie-preferences.html'),
  [key(NEGATIVES.mlDashboard)]: fixture('neg-ml-dashboard.html'),
  [key(NEGATIVES.appSettings)]: fixture('neg-app-settings.html'),
  [key(NEGATIVES.newsletter)]: fixture('neg-newsletter.html'),
  ...Object.fromEntries(
    (Object.keys(SERVICE_PAGES) as (keyof typeof SERVICE_PAGES)[]).flatMap((service) =>
      SERVICE_PAGES[service].map((ref) => [key(ref), fixture(SERVICE_FIXTURES[service])]),
    ),
  ),
  ...Object.fromEntries(Object.values(SERVICE_NEGATIVES).map((n) => [key(n), fixture(n.fixture)])),
};

/**
 * DEFAULT_ROUTES with the Claude privacy settings page replaced by one whose training switch is
 * OFF on the first visit and ON on later ones (drift between two visits).
 */
export function driftRoutes(): Routes {
  return { ...DEFAULT_ROUTES, [key(PAGES.claudeSettings)]: flippingClaudeSettings() };
}

export function startTestServer(routes: Routes = DEFAULT_ROUTES): Promise<FixtureServer> {
  return startFixtureServer({ routes });
}
