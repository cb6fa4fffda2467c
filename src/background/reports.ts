/**
 * What a content script tells us: a tab's report (kept per tab, shown on the badge, recorded as
 * an observation of the service's choice) and the result of our turn-off click. The service is
 * the one whose host the sending page is on, as the browser names that page; never what the
 * report says of itself.
 */
import { ruleForUrl } from '../engine/service';
import { findDeadline } from '../engine/deadline';
import { wordFindings } from '../engine/findings-words';
import type { Report } from '../engine/types';
import type { Rule } from '../rules/schema';
import { observationFrom, recordObservation, recordPageDeadline } from '../shared/choices';
import type { ReportMessage, TurnedOffMessage } from '../shared/messages';
import { withinTextBudget } from '../shared/limits';
import { emptyRecord, type Observation, type ServiceRecord, type Stored } from '../shared/storage-schema';
import { badgeFor, setBadge } from './badge';
import { termsNoticeDue, termsTrainingOn } from './notify';
import { notifyTerms, permitted, reconcileAlarms } from './notifier';
import type { Deps } from './port';
import { updateStored } from './saves';
import { writeTab } from './tab-state';
import { isState, validReport } from './validate';

function withRecord(s: Stored, id: string, record: ServiceRecord): Stored {
  return { ...s, services: { ...s.services, [id]: record } };
}

async function recordReport(deps: Deps, rule: Rule, report: Report, changedInPage: boolean): Promise<void> {
  const observation = observationFrom(report);
  const pageDeadline = report.deadline?.source === 'page';
  const mayNotify = termsTrainingOn(report) && (await permitted(deps, 'notifications'));
  if (!observation && !pageDeadline && !mayNotify) return;
  const now = deps.now();
  let notify = false;
  const stored = await updateStored(deps, (s) => {
    const before = s.services[rule.id] ?? emptyRecord();
    let record = before;
    if (observation) record = recordObservation(record, observation, { changedInPage });
    record = recordPageDeadline(record, report);
    if (mayNotify && s.prefs.notifications && termsNoticeDue(record, now)) {
      record = { ...record, termsNotifiedAt: now.toISOString() };
      notify = true;
    }
    return record === before ? s : withRecord(s, rule.id, record);
  });
  if (notify) await notifyTerms(deps, rule);
  if (pageDeadline) await reconcileAlarms(deps, stored);
}

/**
 * The content script leaves reading dates to us (the date reader's locale tables stay out of
 * every page): a date stated in the surfaces' text replaces a deadline known only from the rule.
 */
export function withPageDeadline(report: Report, texts: readonly string[] | undefined): Report {
  if (!texts?.length || report.deadline?.source === 'page') return report;
  for (const text of withinTextBudget(texts)) {
    const found = findDeadline(text);
    if (found) return { ...report, deadline: { date: found.date, text: found.text, source: 'page' } };
  }
  return report;
}

/** A tab's report: kept for the popup, shown on the badge, recorded for its service. */
export async function onReport(deps: Deps, tabId: number, pageUrl: string, message: ReportMessage): Promise<void> {
  const valid = validReport(message.report, pageUrl);
  if (!valid) return;
  // The content script sends findings unworded (and what a page sends is not trusted): the
  // English sentences and sources are always written here.
  const report = wordFindings(withPageDeadline(valid, message.texts));
  try {
    await writeTab(deps.port.storage.session, tabId, { report, at: deps.now().toISOString() });
  } catch (e) {
    deps.warn('could not keep the tab\'s report', e);
  }
  try {
    await setBadge(deps.port, tabId, badgeFor(report));
  } catch (e) {
    deps.warn('could not set the badge', e);
  }
  const rule = ruleForUrl(pageUrl, deps.rules);
  if (!rule) return;
  try {
    await recordReport(deps, rule, report, message.changedInPage);
  } catch (e) {
    deps.warn(`could not record the choice on ${rule.name}`, e);
  }
}

/**
 * Our turn-off click's result: the state read back is the user's own choice — when it took. A
 * Turn off that did not take records nothing as set by Consent Lens (and so clears no drift).
 */
export async function onTurnedOff(deps: Deps, pageUrl: string, message: TurnedOffMessage): Promise<void> {
  if (message.ok !== true || !isState(message.state) || message.state === 'unknown') return;
  const rule = ruleForUrl(pageUrl, deps.rules);
  if (!rule) return;
  const observation: Observation = { state: message.state, at: deps.now().toISOString(), url: pageUrl, source: 'turn-off' };
  try {
    await updateStored(deps, (s) =>
      withRecord(s, rule.id, recordObservation(s.services[rule.id] ?? null, observation, { changedInPage: false })),
    );
  } catch (e) {
    deps.warn(`could not record the turn-off on ${rule.name}`, e);
  }
}
