/**
 * In-memory stand-ins for the extension APIs the background uses (src/background/port.ts), and
 * report builders. Not a test file: imported by the background, storage and choices tests.
 */
import type { Control, Report, Surface } from '../../src/engine/types';
import type { Alarm, BackgroundPort, Deps, Sender } from '../../src/background/port';
import type { Rule } from '../../src/rules/schema';
import type { StorageArea } from '../../src/shared/storage';

/** Lets other queued work run, the way a real storage call does. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A storage area that copies values in and out (as the browser serialises them). */
export class FakeArea implements StorageArea {
  readonly data = new Map<string, unknown>();
  writes = 0;
  /** When set, `set` throws this (once per call) instead of writing. */
  failSet: unknown = null;
  failGet: unknown = null;

  constructor(initial: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(initial)) this.data.set(k, structuredClone(v));
  }

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    await tick();
    if (this.failGet) throw this.failGet;
    const wanted = keys === null || keys === undefined ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const k of wanted) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    await tick();
    if (this.failSet) throw this.failSet;
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
    this.writes++;
  }

  async remove(keys: string | string[]): Promise<void> {
    await tick();
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}

/** Chrome's message for a full storage.local. */
export const chromeQuotaError = (): Error => new Error('QUOTA_BYTES quota exceeded');

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const BASE = `chrome-extension://${EXTENSION_ID}/`;

export interface FakeWorld {
  port: BackgroundPort;
  local: FakeArea;
  session: FakeArea;
  /** Tab id → URL, for tabs.get. */
  tabs: Map<number, string>;
  opened: string[];
  badges: Map<number, { text: string; color?: string }>;
  granted: Set<string>;
  alarms: Map<string, number>;
  alarmCalls: { create: string[]; clear: string[] };
  notifications: { id: string; title: string; message: string }[];
}

export function fakeWorld(): FakeWorld {
  const local = new FakeArea();
  const session = new FakeArea();
  const tabs = new Map<number, string>();
  const opened: string[] = [];
  const badges = new Map<number, { text: string; color?: string }>();
  const granted = new Set<string>();
  const alarms = new Map<string, number>();
  const alarmCalls = { create: [] as string[], clear: [] as string[] };
  const notifications: FakeWorld['notifications'] = [];
  const port: BackgroundPort = {
    runtime: { id: EXTENSION_ID, getURL: (path) => `${BASE}${path.replace(/^\//, '')}` },
    storage: { local, session },
    tabs: {
      get: async (tabId) => {
        const url = tabs.get(tabId);
        if (url === undefined) throw new Error(`No tab with id: ${tabId}.`);
        return { id: tabId, url };
      },
      create: async ({ url }) => {
        opened.push(url);
        return {};
      },
    },
    action: {
      setBadgeText: async ({ tabId, text }) => {
        badges.set(tabId, { ...badges.get(tabId), text });
      },
      setBadgeBackgroundColor: async ({ tabId, color }) => {
        badges.set(tabId, { text: badges.get(tabId)?.text ?? '', color });
      },
    },
    permissions: { contains: async ({ permissions }) => permissions.every((p) => granted.has(p)) },
    alarms: () =>
      granted.has('alarms')
        ? {
            create: async (name, { when }) => {
              alarmCalls.create.push(name);
              alarms.set(name, when);
            },
            getAll: async (): Promise<Alarm[]> => [...alarms].map(([name, scheduledTime]) => ({ name, scheduledTime })),
            clear: async (name) => {
              alarmCalls.clear.push(name);
              return alarms.delete(name);
            },
          }
        : undefined,
    notifications: () =>
      granted.has('notifications')
        ? {
            create: async (id, o) => {
              notifications.push({ id, title: o.title, message: o.message });
              return id;
            },
            clear: async () => true,
          }
        : undefined,
  };
  return { port, local, session, tabs, opened, badges, granted, alarms, alarmCalls, notifications };
}

export function fakeDeps(world: FakeWorld, rules: readonly Rule[], now: () => Date): Deps & { warnings: string[] } {
  const warnings: string[] = [];
  return { port: world.port, rules, now, warn: (m) => warnings.push(m), warnings };
}

// ── senders ─────────────────────────────────────────────────────────────────────────────

/** A content script in a top frame of tab `tabId` showing `url`. */
export function contentSender(tabId: number, url: string): Sender {
  return { id: EXTENSION_ID, url, tab: { id: tabId, url }, frameId: 0 };
}

export function popupSender(): Sender {
  return { id: EXTENSION_ID, url: `${BASE}src/popup/index.html` };
}

// ── reports ─────────────────────────────────────────────────────────────────────────────

export function control(over: Partial<Control> = {}): Control {
  return {
    id: 'c1',
    label: 'Help improve Claude',
    description: 'Allow the use of your chats and coding sessions to train and improve Anthropic AI models.',
    purpose: 'ai-training',
    state: 'on',
    kind: 'switch',
    box: { x: 100, y: 400, width: 28, height: 16 },
    findings: [],
    surfaceId: 's1',
    ...over,
  };
}

export function surface(over: Partial<Surface> = {}): Surface {
  return {
    id: 's1',
    kind: 'terms-update',
    title: 'Updates to Consumer Terms and Policies',
    box: { x: 0, y: 0, width: 600, height: 500 },
    primaryAction: { label: 'Accept', box: { x: 40, y: 300, width: 520, height: 44 } },
    findings: [],
    ...over,
  };
}

export function report(over: Partial<Report> = {}): Report {
  return {
    schema: 'consent-lens/report@1',
    target: 'https://claude.ai/new',
    url: 'https://claude.ai/new',
    savedFrom: null,
    title: 'Claude',
    scannedAt: '2025-09-01T10:00:00.000Z',
    service: 'claude',
    viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
    surfaces: [surface()],
    controls: [control()],
    deadline: null,
    engine: { version: '0.1.0', ms: 12 },
    ...over,
  };
}

/** A settings-page report with the training switch in `state`. */
export function settingsReport(state: Control['state'], over: Partial<Report> = {}): Report {
  return report({
    url: 'https://claude.ai/settings/data-privacy-controls',
    target: 'https://claude.ai/settings/data-privacy-controls',
    surfaces: [surface({ id: 'p', kind: 'settings', title: 'Privacy', primaryAction: null })],
    controls: [control({ surfaceId: 'p', state })],
    ...over,
  });
}
