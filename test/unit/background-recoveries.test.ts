/**
 * The background's answers about saved data that was set aside (get-recoveries, dismiss), and
 * the note it keeps when saving fails for lack of room.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { route } from '../../src/background/router';
import { SAVE_FAILED_KEY } from '../../src/background/saves';
import type { Sender } from '../../src/background/port';
import type { Message, RecoveriesView } from '../../src/shared/messages';
import { ASIDE_KEY, CORRUPT_PREFIX } from '../../src/shared/storage';
import { STORAGE_KEY, type Stored } from '../../src/shared/storage-schema';
import { BUILTIN_RULES } from '../../src/rules';
import { BASE, chromeQuotaError, contentSender, fakeDeps, fakeWorld, popupSender, settingsReport, type FakeWorld } from './background-fakes';

const RULES = BUILTIN_RULES.filter((r) => r.id === 'claude' || r.id === 'chatgpt');
const SETTINGS = 'https://claude.ai/settings/data-privacy-controls';
const NOW = new Date('2025-09-01T10:00:00.000Z');
const optionsSender: Sender = { ...popupSender(), url: `${BASE}src/options/index.html` };
let world: FakeWorld;
let deps: ReturnType<typeof fakeDeps>;

beforeEach(() => {
  world = fakeWorld();
  deps = fakeDeps(world, RULES, () => NOW);
});

async function send(message: unknown, sender: Sender): Promise<unknown> {
  const reply = route(message, sender, deps);
  return reply === undefined ? 'ignored' : await reply;
}
const getRecoveries = (sender: Sender = popupSender()) => send({ type: 'popup→background:get-recoveries' }, sender) as Promise<RecoveriesView>;
const reportMsg = (state: 'on' | 'off'): Message => ({ type: 'content→background:report', report: settingsReport(state), changedInPage: false });

describe('saved data set aside, as the popup and the options page see it', () => {
  it('lists what was kept aside, for the popup and the options page only', async () => {
    world.local.data.set(STORAGE_KEY, 'garbage');
    const view = await getRecoveries();
    expect(view).toEqual({
      recoveries: [
        {
          key: `${CORRUPT_PREFIX}${NOW.toISOString()}`,
          at: NOW.toISOString(),
          reason: expect.stringMatching(/a string, not an object/),
          kind: 'unreadable',
          version: null,
          restoredAt: null,
          dismissedAt: null,
        },
      ],
      problem: null,
      fullSince: null,
    });
    expect(await send({ type: 'options→background:get-recoveries' }, optionsSender)).toEqual(view);
    expect(await send({ type: 'popup→background:get-recoveries' }, contentSender(7, SETTINGS))).toBe('ignored');
    expect(await send({ type: 'popup→background:dismiss-recovery', key: view.recoveries[0]!.key }, contentSender(7, SETTINGS))).toBe('ignored');
  });

  it('dismisses a notice in the popup; the value stays kept and listed', async () => {
    world.local.data.set(STORAGE_KEY, 'garbage');
    const key = (await getRecoveries()).recoveries[0]!.key;
    const after = (await send({ type: 'popup→background:dismiss-recovery', key }, popupSender())) as RecoveriesView;
    expect(after.recoveries).toEqual([expect.objectContaining({ key, dismissedAt: NOW.toISOString() })]);
    expect(world.local.data.get(key)).toMatchObject({ value: 'garbage' });
  });

  it('deletes a kept value at the options page\'s word, also from the list to put back', async () => {
    const key = `${CORRUPT_PREFIX}2025-08-01T00:00:00.000Z`;
    world.local.data.set(key, { reason: 'newer', kind: 'newer', version: 3, value: { version: 3 } });
    world.local.data.set(ASIDE_KEY, [{ key, version: 3 }]);
    const del = { type: 'options→background:delete-recovery', key };
    expect(await send(del, popupSender())).toMatchObject({ recoveries: [] });
    expect(world.local.data.has(key)).toBe(false);
    expect(world.local.data.get(ASIDE_KEY)).toEqual([]);
    world.local.data.set(STORAGE_KEY, 'garbage');
    expect(await send({ ...del, key: STORAGE_KEY }, optionsSender)).toMatchObject({ recoveries: [expect.anything()] });
    expect(world.local.data.has(STORAGE_KEY)).toBe(true);
    expect(await send(del, contentSender(7, SETTINGS))).toBe('ignored');
  });

  it('says when saved data can be neither read nor kept aside, and a report does not write over it', async () => {
    world.local.data.set(STORAGE_KEY, { theme: 'dark' });
    world.local.failSet = chromeQuotaError();
    expect(await send(reportMsg('off'), contentSender(7, SETTINGS))).toEqual({ received: true });
    expect(world.local.data.get(STORAGE_KEY)).toEqual({ theme: 'dark' });
    const view = await getRecoveries();
    expect(view.problem).toMatch(/not ours.*stays in place: storage is full/);
    expect(view.fullSince).toBe(NOW.toISOString());
    expect(deps.warnings.some((w) => /could not record/.test(w))).toBe(true);
  });

  it('notes when saving fails for lack of room, until a save works again', async () => {
    world.local.failSet = chromeQuotaError();
    await send(reportMsg('off'), contentSender(7, SETTINGS));
    expect(world.session.data.get(SAVE_FAILED_KEY)).toEqual({ at: NOW.toISOString() });
    expect((await getRecoveries()).fullSince).toBe(NOW.toISOString());
    world.local.failSet = null;
    await send(reportMsg('on'), contentSender(7, SETTINGS));
    expect((world.local.data.get(STORAGE_KEY) as Stored).services.claude?.current?.state).toBe('on');
    expect((await getRecoveries()).fullSince).toBeNull();
  });
});
