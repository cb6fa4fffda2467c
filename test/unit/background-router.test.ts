import { describe, it, expect, beforeEach } from 'vitest';
import { route } from '../../src/background/router';
import { onAlarm, onNotificationClicked, reconcileAlarms } from '../../src/background/notifier';
import { onTabNavigated, onTabRemoved } from '../../src/background/tab-state';
import type { Sender } from '../../src/background/port';
import { BUILTIN_RULES } from '../../src/rules';

// Two services, fixed here, so the expectations do not change each time a rule is added.
const RULES = BUILTIN_RULES.filter((r) => r.id === 'claude' || r.id === 'chatgpt');
import type { Control, Finding, Report } from '../../src/engine/types';
import { REFS } from '../../src/engine/findings-words';
import type { Message, RulesReply, ServicesView, TabView } from '../../src/shared/messages';
import { WORDS } from '../../src/engine/lexicon-words';
import { isLexiconWords } from '../../src/engine/lexicon';
import { emptyStore, STORAGE_KEY, TAB_KEY, type Prefs, type Stored } from '../../src/shared/storage-schema';
import {
  BASE,
  EXTENSION_ID,
  chromeQuotaError,
  contentSender,
  control,
  fakeDeps,
  fakeWorld,
  popupSender,
  report,
  settingsReport,
  surface,
  type FakeWorld,
} from './background-fakes';

const CLAUDE = 'https://claude.ai/new';
const SETTINGS = 'https://claude.ai/settings/data-privacy-controls';
let clock = new Date('2025-09-01T10:00:00.000Z');
let world: FakeWorld;
let deps: ReturnType<typeof fakeDeps>;

beforeEach(() => {
  clock = new Date('2025-09-01T10:00:00.000Z');
  world = fakeWorld();
  deps = fakeDeps(world, RULES, () => clock);
});

const reportMsg = (r: Report, changedInPage = false): Message => ({ type: 'content→background:report', report: r, changedInPage });

/** Sends and waits; the reply of an accepted message, or 'ignored' when route declined it. */
async function send(message: unknown, sender: Sender): Promise<unknown> {
  const reply = route(message, sender, deps);
  return reply === undefined ? 'ignored' : await reply;
}

const stored = (): Stored | undefined => world.local.data.get(STORAGE_KEY) as Stored | undefined;
const tabEntry = (tabId: number): { report: Report; at: string } | undefined =>
  world.session.data.get(TAB_KEY(tabId)) as { report: Report; at: string } | undefined;

describe('content → background: report', () => {
  it('keeps the report for the sending tab, sets its badge and records the choice', async () => {
    // Answered once handled: the content script sends a report again until it gets this.
    expect(await send(reportMsg(report()), contentSender(7, CLAUDE))).toEqual({ received: true });
    expect(tabEntry(7)).toEqual({ report: report(), at: clock.toISOString() });
    expect(world.badges.get(7)).toEqual({ text: 'ON', color: '#dc2626' });
    expect(stored()?.services.claude?.current).toEqual({ state: 'on', at: report().scannedAt, url: CLAUDE, source: 'terms-dialog' });
  });

  it('shows OFF in green, and nothing when the page has no training switch', async () => {
    await send(reportMsg(settingsReport('off')), contentSender(3, SETTINGS));
    expect(world.badges.get(3)).toEqual({ text: 'OFF', color: '#16a34a' });
    await send(reportMsg(report({ controls: [] })), contentSender(4, CLAUDE));
    expect(world.badges.get(4)?.text).toBe('');
  });

  it('records a deadline the page showed', async () => {
    const r = report({ deadline: { date: '2025-10-08', text: 'take effect on October 8, 2025', source: 'page' } });
    await send(reportMsg(r), contentSender(7, CLAUDE));
    expect(stored()?.services.claude?.deadline).toMatchObject({ date: '2025-10-08', source: 'page', url: CLAUDE });
  });

  it('files the choice under the service of the sending page\'s host, not the service the report names', async () => {
    await send(reportMsg(report({ service: 'chatgpt' })), contentSender(7, CLAUDE));
    expect(Object.keys(stored()?.services ?? {})).toEqual(['claude']);
  });

  it('sets drift when a later settings page shows another state, with no click seen', async () => {
    await send(reportMsg(settingsReport('off', { scannedAt: '2025-09-01T10:00:00.000Z' })), contentSender(3, SETTINGS));
    await send(reportMsg(settingsReport('on', { scannedAt: '2025-09-09T10:00:00.000Z' })), contentSender(3, SETTINGS));
    expect(stored()?.services.claude?.drift).toMatchObject({ from: 'off', to: 'on', previousAt: '2025-09-01T10:00:00.000Z' });
  });

  it('loses neither of two reports that arrive together', async () => {
    await Promise.all([
      send(reportMsg(report()), contentSender(1, CLAUDE)),
      send(reportMsg(report({ url: 'https://chatgpt.com/', service: 'chatgpt' })), contentSender(2, 'https://chatgpt.com/')),
    ]);
    expect(Object.keys(stored()?.services ?? {}).sort()).toEqual(['chatgpt', 'claude']);
  });

  it('writes the findings\' sentences and sources itself, over whatever the page sent', async () => {
    const forged = 'Click <a href="https://evil.example/">here</a> to keep training ON.';
    const r = report({
      controls: [
        control({
          findings: [
            { id: 'preselected', severity: 'high', message: '', measured: { state: 'on', surface: 'terms-update' }, refs: [] },
            { id: 'out-of-view', severity: 'high', message: forged, measured: { where: 'scroll-container', distancePx: 312, visibleHeightPx: 421 }, refs: ['evil.example'] },
          ],
        }),
      ],
      surfaces: [surface({ findings: [{ id: 'bundled-consent', severity: 'high', message: forged, measured: { action: 'Accept', trainingState: 'on' }, refs: [] }] })],
    });
    await send(reportMsg(r), contentSender(7, CLAUDE));
    const kept = tabEntry(7)!.report;
    expect(kept.controls[0]!.findings.map((f) => [f.message, f.refs])).toEqual([
      ['The training switch is already ON before you have chosen anything.', REFS.preselected],
      ['The training switch is 312 px outside the scrolling area of the dialog, so you have to scroll to find it, while "Accept" is in plain view.', REFS['out-of-view']],
    ]);
    expect(kept.surfaces[0]!.findings.map((f) => [f.message, f.refs])).toEqual([
      ['One "Accept" button accepts the new terms and also saves the training setting as it stands (ON).', REFS['bundled-consent']],
    ]);
    // Everything else is kept as sent.
    expect({ ...kept, controls: [], surfaces: [] }).toEqual({ ...r, controls: [], surfaces: [] });
    expect(kept.controls[0]!.findings.map((f) => f.measured)).toEqual(r.controls[0]!.findings.map((f) => f.measured));
  });

  it('keeps a report with a number JSON turned into null (Infinity, NaN), and words it without that number', async () => {
    const r = report({ controls: [control({ findings: [{ id: 'small-target', severity: 'medium', message: '', measured: { widthPx: null, heightPx: 16, minimumPx: 24 } as unknown as Finding['measured'], refs: [] }] })] });
    await send(reportMsg(r), contentSender(7, CLAUDE));
    expect(tabEntry(7)!.report.controls[0]!.findings[0]!.message).toBe('The switch is only 0×16 px; the accessibility minimum for a target is 24×24 px.');
  });

  it('never rejects to the content script, even when storage is full', async () => {
    world.local.failSet = chromeQuotaError();
    // Handled (the failure is the background's to note): answered, not rejected.
    expect(await send(reportMsg(report()), contentSender(7, CLAUDE))).toEqual({ received: true });
    expect(deps.warnings.join()).toMatch(/could not record the choice on Claude/);
    expect(tabEntry(7)).toBeDefined();
  });
});

describe('trust: who may send what', () => {
  it('cannot name another tab: the tab is the sender\'s, whatever the message says', async () => {
    const forged = { ...reportMsg(report()), tabId: 99, tab: { id: 99 } };
    await send(forged, contentSender(7, CLAUDE));
    expect(tabEntry(7)).toBeDefined();
    expect(tabEntry(99)).toBeUndefined();
    expect(world.badges.has(99)).toBe(false);
  });

  const ignored: [string, Sender][] = [
    ['another extension', { ...contentSender(7, CLAUDE), id: 'someone-else' }],
    ['a sender without an id', { url: CLAUDE, tab: { id: 7, url: CLAUDE }, frameId: 0 }],
    ['no tab', { id: EXTENSION_ID, url: CLAUDE }],
    ['the "no tab" id', { ...contentSender(-1, CLAUDE) }],
    ['a sub-frame', { ...contentSender(7, CLAUDE), frameId: 3 }],
    ['an extension page in a tab', { id: EXTENSION_ID, url: `${BASE}src/popup/index.html`, tab: { id: 7, url: `${BASE}src/popup/index.html` } }],
    ['a page that is not on the web', { ...contentSender(7, 'file:///tmp/x.html') }],
  ];
  for (const [who, sender] of ignored) {
    it(`ignores a content message from ${who}`, async () => {
      expect(await send(reportMsg(report()), sender)).toBe('ignored');
      expect(world.session.data.size + world.local.data.size + world.badges.size).toBe(0);
    });
  }

  it('drops a report about a page on another origin than the sender', async () => {
    // Handled by dropping it: answered, so the content script does not send it again.
    expect(await send(reportMsg(report({ url: 'https://chatgpt.com/' })), contentSender(7, CLAUDE))).toEqual({ received: true });
    expect(world.session.data.size + world.local.data.size + world.badges.size).toBe(0);
  });

  it('drops reports whose fields are not what they must be', async () => {
    const bad: unknown[] = [
      { ...report(), controls: 'many' },
      { ...report(), controls: [{ ...report().controls[0], state: 'sideways' }] },
      { ...report(), schema: 'consent-lens/report@2' },
      { ...report(), scannedAt: 'yesterday' },
      { ...report(), deadline: { date: 'October 8', text: '', source: 'page' } },
      { ...report(), controls: Array.from({ length: 501 }, () => report().controls[0]) },
      // What the background words findings from: their list, ids and numbers, the control's kind, the primary action's label.
      { ...report(), controls: [control({ findings: 'none' as unknown as Finding[] })] },
      { ...report(), controls: [control({ findings: [{ id: 'dark-pattern', severity: 'high', message: 'm', measured: {}, refs: [] } as unknown as Finding] })] },
      { ...report(), controls: [control({ findings: [{ id: 'preselected', severity: 'high', message: 'm', refs: [] } as unknown as Finding] })] },
      { ...report(), controls: [control({ findings: [{ id: 'preselected', severity: 'high', message: 'm', measured: 'on', refs: [] } as unknown as Finding] })] },
      { ...report(), controls: [control({ findings: Array.from({ length: 21 }, (): Finding => ({ id: 'hidden', severity: 'high', message: '', measured: { reason: 'covered' }, refs: [] })) })] },
      { ...report(), controls: [control({ kind: 'slider' as Control['kind'] })] },
      { ...report(), controls: [{ ...control(), findings: undefined }] },
      { ...report(), surfaces: [surface({ primaryAction: { label: 7 as unknown as string, box: { x: 0, y: 0, width: 1, height: 1 } } })] },
      { ...report(), surfaces: [surface({ findings: [{ id: 'forced', severity: 'high', message: 'm', measured: {}, refs: [] } as unknown as Finding] })] },
    ];
    for (const r of bad) await send({ type: 'content→background:report', report: r, changedInPage: false }, contentSender(7, CLAUDE));
    expect(world.session.data.size + world.local.data.size).toBe(0);
  });

  it('ignores messages that are not messages', async () => {
    for (const m of [null, 'report', [], {}, { type: 'content→background:report', report: report() }, { type: 'nope' }]) {
      expect(await send(m, contentSender(7, CLAUDE))).toBe('ignored');
    }
  });

  it('ignores popup requests from a content script or a web page', async () => {
    expect(await send({ type: 'popup→background:get-services' }, contentSender(7, CLAUDE))).toBe('ignored');
    expect(await send({ type: 'popup→background:set-prefs', prefs: { notifications: true } }, { id: EXTENSION_ID, url: 'https://evil.example/' })).toBe('ignored');
    expect(stored()).toBeUndefined();
  });

  it('ignores popup requests that claim the extension\'s URL from another extension', async () => {
    expect(await send({ type: 'popup→background:get-services' }, { ...popupSender(), id: 'someone-else' })).toBe('ignored');
  });

  it('ignores messages meant for content scripts', async () => {
    expect(await send({ type: 'popup→content:turn-off', controlId: 'c1' }, popupSender())).toBe('ignored');
  });
});

describe('content → background: get-rules', () => {
  const GET_RULES = { type: 'content→background:get-rules' };
  const mine = {
    ...RULES[0]!,
    id: 'lumen',
    name: 'Lumen',
    hosts: ['lumen.example'],
    siteNames: ['Lumen'],
    settings: { ...RULES[0]!.settings, url: 'https://lumen.example/settings' },
  };

  const ruleIds = async (): Promise<string[]> => ((await send(GET_RULES, contentSender(3, CLAUDE))) as RulesReply).rules.map((r) => r.id);

  it('answers the built-in rules, then the user\'s own', async () => {
    world.local.data.set(STORAGE_KEY, { ...emptyStore(), userRules: [mine] });
    expect(await ruleIds()).toEqual(['claude', 'chatgpt', 'lumen']);
  });

  it('answers the built-in rules alone when storage holds no user rule, a damaged one, or no store', async () => {
    expect(await ruleIds()).toEqual(['claude', 'chatgpt']);
    world.local.data.set(STORAGE_KEY, { ...emptyStore(), userRules: [{ ...mine, settings: { ...mine.settings, url: 'https://elsewhere.example/' } }] });
    expect(await ruleIds()).toEqual(['claude', 'chatgpt']);
    world.local.data.set(STORAGE_KEY, 'not a store at all');
    expect(await ruleIds()).toEqual(['claude', 'chatgpt']);
  });

  it('answers the word lists too, whatever storage holds, as the content script checks them', async () => {
    const reply = (await send(GET_RULES, contentSender(3, CLAUDE))) as RulesReply;
    expect(Object.keys(reply).sort()).toEqual(['rules', 'words']);
    expect(reply.words).toBe(WORDS);
    // What the content script receives is a structured clone: plain data, the same shape.
    expect(isLexiconWords(structuredClone(reply.words))).toBe(true);
    world.local.data.set(STORAGE_KEY, 'not a store at all');
    expect(((await send(GET_RULES, contentSender(3, CLAUDE))) as RulesReply).words).toBe(WORDS);
  });

  it('is a content script\'s question: ignored from a frame, an extension page or another extension', async () => {
    expect(await send(GET_RULES, { ...contentSender(3, CLAUDE), frameId: 2 })).toBe('ignored');
    expect(await send(GET_RULES, popupSender())).toBe('ignored');
    expect(await send(GET_RULES, { ...contentSender(3, CLAUDE), id: 'someone-else' })).toBe('ignored');
  });
});

describe('content → background: a document the tab has left', () => {
  it('a report from a document that is not the tab\'s active one is refused (Chromium names its lifecycle)', async () => {
    for (const documentLifecycle of ['pending_deletion', 'cached', 'prerender']) {
      expect(await send(reportMsg(report()), { ...contentSender(7, CLAUDE), documentId: 'old', documentLifecycle }), documentLifecycle).toBe('ignored');
    }
    expect(tabEntry(7)).toBeUndefined();
    expect(stored()).toBeUndefined();
    await send(reportMsg(report()), { ...contentSender(7, CLAUDE), documentId: 'new', documentLifecycle: 'active' });
    expect(tabEntry(7)?.report).toEqual(report());
  });

  it('nor a turn-off from one', async () => {
    expect(
      await send({ type: 'content→background:turned-off', controlId: 'c1', state: 'off', ok: true }, { ...contentSender(3, SETTINGS), documentLifecycle: 'pending_deletion' }),
    ).toBe('ignored');
    expect(stored()).toBeUndefined();
  });

  it('without a lifecycle (Firefox): refused when the document\'s URL is not the tab\'s', async () => {
    const left = { ...contentSender(7, CLAUDE), tab: { id: 7, url: 'https://claude.ai/settings/data-privacy-controls' } };
    expect(await send(reportMsg(report()), left)).toBe('ignored');
    expect(tabEntry(7)).toBeUndefined();
    // Only the fragment differs: the same document.
    await send(reportMsg(report()), { ...contentSender(7, CLAUDE), tab: { id: 7, url: `${CLAUDE}#x` } });
    expect(tabEntry(7)?.report).toEqual(report());
  });
});

describe('content → background: turned-off', () => {
  it('records a turn-off observation, which clears drift', async () => {
    await send(reportMsg(settingsReport('off')), contentSender(3, SETTINGS));
    await send(reportMsg(settingsReport('on', { scannedAt: '2025-09-02T10:00:00.000Z' })), contentSender(3, SETTINGS));
    expect(stored()?.services.claude?.drift).not.toBeNull();
    clock = new Date('2025-09-03T10:00:00.000Z');
    await send({ type: 'content→background:turned-off', controlId: 'c1', state: 'off', ok: true }, contentSender(3, SETTINGS));
    const rec = stored()?.services.claude;
    expect(rec?.drift).toBeNull();
    expect(rec?.current).toEqual({ state: 'off', at: clock.toISOString(), url: SETTINGS, source: 'turn-off' });
  });

  it('records nothing when our Turn off did not take: no "set by Consent Lens", and the drift stays', async () => {
    await send(reportMsg(settingsReport('off')), contentSender(3, SETTINGS));
    await send(reportMsg(settingsReport('on', { scannedAt: '2025-09-02T10:00:00.000Z' })), contentSender(3, SETTINGS));
    const before = stored()?.services.claude;
    expect(before?.drift).not.toBeNull();
    clock = new Date('2025-09-03T10:00:00.000Z');
    await send({ type: 'content→background:turned-off', controlId: 'c1', state: 'on', ok: false }, contentSender(3, SETTINGS));
    await send({ type: 'content→background:turned-off', controlId: 'c1', state: 'off', ok: false }, contentSender(3, SETTINGS));
    expect(stored()?.services.claude).toEqual(before);
    expect(stored()?.services.claude?.history.some((o) => o.source === 'turn-off')).toBe(false);
  });

  it('records nothing for an unreadable state', async () => {
    await send({ type: 'content→background:turned-off', controlId: 'c1', state: 'sideways', ok: true }, contentSender(3, SETTINGS));
    await send({ type: 'content→background:turned-off', controlId: 'c1', state: 'unknown', ok: false }, contentSender(3, SETTINGS));
    expect(stored()).toBeUndefined();
  });
});

describe('popup → background', () => {
  it('get-tab: the tab\'s report and its service with record and deadline', async () => {
    world.tabs.set(7, CLAUDE);
    await send(reportMsg(report()), contentSender(7, CLAUDE));
    const view = (await send({ type: 'popup→background:get-tab', tabId: 7 }, popupSender())) as TabView;
    expect(view.tabId).toBe(7);
    expect(view.report).toEqual(report());
    expect(view.service).toMatchObject({
      id: 'claude',
      name: 'Claude',
      settingsUrl: 'https://claude.ai/settings/data-privacy-controls',
      settingsPath: 'Settings › Privacy › Help improve Claude',
      defaultState: 'on',
      deadline: { date: '2025-10-08', source: 'rule', where: 'https://www.anthropic.com/news/updates-to-our-consumer-terms' },
    });
    expect(view.service?.record?.current?.state).toBe('on');
  });

  it('get-tab: the service by the tab\'s host when it has not reported, none on other sites', async () => {
    world.tabs.set(8, 'https://chat.openai.com/c/1');
    world.tabs.set(9, 'https://example.com/');
    expect(await send({ type: 'popup→background:get-tab', tabId: 8 }, popupSender())).toMatchObject({ report: null, service: { id: 'chatgpt', record: null } });
    expect(await send({ type: 'popup→background:get-tab', tabId: 9 }, popupSender())).toEqual({ tabId: 9, report: null, service: null });
  });

  it('get-tab: the report\'s service when the tab\'s URL cannot be read', async () => {
    await send(reportMsg(report()), contentSender(7, CLAUDE));
    expect(((await send({ type: 'popup→background:get-tab', tabId: 7 }, popupSender())) as TabView).service?.id).toBe('claude');
  });

  it('get-tab: ignores a tab id that is not one', async () => {
    expect(await send({ type: 'popup→background:get-tab', tabId: -1 }, popupSender())).toBe('ignored');
    expect(await send({ type: 'popup→background:get-tab', tabId: '7' }, popupSender())).toBe('ignored');
  });

  it('get-services: every built-in service, its record or null, and the prefs', async () => {
    await send(reportMsg(report()), contentSender(7, CLAUDE));
    const view = (await send({ type: 'popup→background:get-services' }, popupSender())) as ServicesView;
    expect(view.services.map((s) => [s.id, s.record === null])).toEqual([['claude', false], ['chatgpt', true]]);
    expect(view.prefs).toEqual({ notifications: false });
  });

  it('set-prefs: saves the known fields and returns the prefs', async () => {
    expect(await send({ type: 'popup→background:set-prefs', prefs: { notifications: true, evil: 1 } }, popupSender())).toEqual({ notifications: true });
    expect(stored()?.prefs).toEqual({ notifications: true });
    expect(await send({ type: 'popup→background:set-prefs', prefs: { notifications: 'no' } }, popupSender())).toEqual({ notifications: true });
  });

  it('rejects to the popup when storage is full, so it can say so', async () => {
    world.local.failSet = chromeQuotaError();
    await expect(route({ type: 'popup→background:set-prefs', prefs: { notifications: true } }, popupSender(), deps)).rejects.toThrow(/storage is full/);
  });
});

describe('tabs', () => {
  it('forgets a closed tab\'s report', async () => {
    await send(reportMsg(report()), contentSender(7, CLAUDE));
    await onTabRemoved(deps, 7);
    expect(tabEntry(7)).toBeUndefined();
  });

  it('clears the report and badge when the tab goes to another page, but not for the page it reported', async () => {
    await send(reportMsg(report()), contentSender(7, CLAUDE));
    await onTabNavigated(deps, 7, CLAUDE);
    expect(tabEntry(7)).toBeDefined();
    expect(world.badges.get(7)?.text).toBe('ON');
    await onTabNavigated(deps, 7, 'https://claude.ai/chat/42');
    expect(tabEntry(7)).toBeUndefined();
    expect(world.badges.get(7)?.text).toBe('');
  });
});

describe('notifications (opt-in, optional permissions)', () => {
  const enable = async (): Promise<void> => {
    await send({ type: 'popup→background:set-prefs', prefs: { notifications: true } as Partial<Prefs> }, popupSender());
  };

  it('notifies about a terms dialog with the switch ON once in 24 hours', async () => {
    world.granted.add('notifications');
    await enable();
    await send(reportMsg(report()), contentSender(7, CLAUDE));
    expect(world.notifications).toEqual([
      { id: 'consentLens:terms:claude', title: 'Consent Lens', message: 'Claude asks you to accept new terms — the training switch is ON' },
    ]);
    clock = new Date('2025-09-02T09:00:00.000Z');
    await send(reportMsg(report({ scannedAt: clock.toISOString() })), contentSender(7, CLAUDE));
    expect(world.notifications).toHaveLength(1);
    clock = new Date('2025-09-02T10:00:00.000Z');
    await send(reportMsg(report({ scannedAt: clock.toISOString() })), contentSender(7, CLAUDE));
    expect(world.notifications).toHaveLength(2);
  });

  it('stays silent when not opted in, or without the permission, and does not fail', async () => {
    world.granted.add('notifications');
    await send(reportMsg(report()), contentSender(7, CLAUDE));
    expect(world.notifications).toHaveLength(0);

    world.granted.clear();
    await enable();
    await send(reportMsg(report()), contentSender(7, CLAUDE));
    expect(world.notifications).toHaveLength(0);
    expect(deps.warnings).toEqual([]);
  });

  it('schedules one reminder per future deadline, idempotently, and removes it when opted out', async () => {
    world.granted.add('alarms');
    await enable();
    const name = 'consentLens:deadline:claude:2025-10-08';
    expect([...world.alarms.keys()]).toEqual([name]);
    expect(world.alarms.get(name)).toBe(new Date(2025, 9, 5, 9, 0).getTime());
    await reconcileAlarms(deps);
    await reconcileAlarms(deps);
    expect(world.alarmCalls.create).toEqual([name]);
    await send({ type: 'popup→background:set-prefs', prefs: { notifications: false } }, popupSender());
    expect(world.alarms.size).toBe(0);
  });

  it('moves the reminder when a page shows a new deadline', async () => {
    world.granted.add('alarms');
    await enable();
    await send(reportMsg(report({ deadline: { date: '2025-11-15', text: 'by November 15, 2025', source: 'page' } })), contentSender(7, CLAUDE));
    expect([...world.alarms.keys()]).toEqual(['consentLens:deadline:claude:2025-11-15']);
  });

  it('does nothing about alarms without the permission', async () => {
    await enable();
    expect(world.alarms.size).toBe(0);
    expect(deps.warnings).toEqual([]);
  });

  it('on the alarm, notifies with the days left; not when opted out or the deadline moved', async () => {
    world.granted.add('notifications');
    await enable();
    clock = new Date(2025, 9, 5, 9, 0);
    await onAlarm(deps, { name: 'consentLens:deadline:claude:2025-10-08', scheduledTime: clock.getTime() });
    expect(world.notifications.map((n) => n.title)).toEqual(['Claude: 3 days left']);
    await onAlarm(deps, { name: 'consentLens:deadline:claude:2025-09-28', scheduledTime: clock.getTime() });
    await onAlarm(deps, { name: 'someone-else', scheduledTime: clock.getTime() });
    expect(world.notifications).toHaveLength(1);
  });

  it('opens the service\'s setting when a notification is clicked', async () => {
    await onNotificationClicked(deps, 'consentLens:terms:claude');
    await onNotificationClicked(deps, 'not-ours');
    expect(world.opened).toEqual(['https://claude.ai/settings/data-privacy-controls']);
  });
});

it('reports the extension base the popup check relies on', () => {
  // Guards the fake: popup senders must start with runtime.getURL('').
  expect(popupSender().url?.startsWith(world.port.runtime.getURL(''))).toBe(true);
});
