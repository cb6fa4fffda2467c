/**
 * What the engine says must be what a person sees (the trust review), in real Chromium with the
 * engine bundle the CLI injects:
 * - a choice's "Not now" (in each of the nine languages) is no training state: `unknown`,
 *   `deferred: true`; an option with no ON/OFF word of its own is not ON; the German "an" is not
 *   the English article;
 * - "Not now" inside a web component's shadow root is the dialog's way out (no forced-choice);
 * - on a page no rule covers, another service's phrases do not name a control ("Keep Activity");
 * - a training control whose measuring throws stays in the report, with its state and a note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureUrl, openLab, type Lab } from '../helpers/browser';
import { engineBundle } from '../../src/cli/bundle';
import { scanPage } from '../../src/cli/run';
import type { Control, Report } from '../../src/engine/types';

let lab: Lab;
beforeAll(async () => {
  lab = await openLab();
});
afterAll(async () => {
  await lab?.close();
});

async function scanHtml(html: string, before?: string): Promise<Report> {
  const page = await lab.context.newPage();
  try {
    await page.setContent(`<!doctype html><html lang="en"><head><title>Test</title></head><body>${html}</body></html>`);
    if (before) await page.evaluate(before);
    return await scanPage(page, await engineBundle(), 'inline', 100);
  } finally {
    await page.close();
  }
}

const training = (r: Report): Control[] => r.controls.filter((c) => c.purpose === 'ai-training');

/** A terms-update dialog with a radio group of options; `selected` is the index that is checked. */
function choiceDialog(group: string, options: string[], selected: number, lang = 'en'): string {
  const radios = options
    .map((o, i) => `<button type="button" role="radio" aria-checked="${i === selected}" style="display:block;width:300px;height:40px">${o}</button>`)
    .join('');
  return `<div role="dialog" aria-modal="true" lang="${lang}" aria-labelledby="t" style="position:fixed;inset:40px;background:#fff;padding:20px">
    <h2 id="t">Updates to our Consumer Terms and Privacy Policy</h2>
    <p>We are updating our Consumer Terms. Please review the change.</p>
    <div role="radiogroup" aria-label="${group}">${radios}</div>
    <button type="button" style="width:300px;height:48px">Accept</button>
  </div>`;
}

describe('a choice that puts the decision off', () => {
  it('Claude\'s choice list with "Not now" selected: unknown and deferred, not OFF', async () => {
    const page = await lab.context.newPage();
    await page.goto(fixtureUrl('claude-terms-choice.html'));
    // The person picks "Not now" (the fixture starts on the first option).
    await page.evaluate(() => {
      for (const r of document.querySelectorAll('[role=radiogroup] [role=radio]')) r.setAttribute('aria-checked', String(r.getAttribute('value') === 'not-now'));
    });
    const report = await scanPage(page, await engineBundle(), 'claude-terms-choice.html', 100);
    await page.close();
    const [c] = training(report);
    expect(c?.kind).toBe('choice');
    expect(c?.state).toBe('unknown');
    expect(c?.deferred).toBe(true);
  });

  const later: Record<string, [string, string, string, string]> = {
    en: ['Allow the use of your chats to train our AI models', 'Allow', "Don't allow", 'Not now'],
    de: ['Erlaube die Nutzung deiner Chats zum Trainieren unserer KI-Modelle', 'Erlauben', 'Nicht erlauben', 'Nicht jetzt'],
    fr: ["Autoriser l'utilisation de vos conversations pour entraîner nos modèles d'IA", 'Autoriser', 'Ne pas autoriser', 'Plus tard'],
    es: ['Permitir el uso de tus chats para entrenar nuestros modelos de IA', 'Permitir', 'No permitir', 'Ahora no'],
    it: ["Consenti l'uso delle tue chat per addestrare i nostri modelli di IA", 'Consentire', 'Non consentire', 'Più tardi'],
    pt: ['Permitir o uso das suas conversas para treinar os nossos modelos de IA', 'Permitir', 'Não permitir', 'Agora não'],
    nl: ['Sta het gebruik van je chats toe om onze AI-modellen te trainen', 'Toestaan', 'Niet toestaan', 'Niet nu'],
    ja: ['チャットをAIモデルのトレーニングに使用することを許可する', '許可する', '許可しない', '後で'],
    ko: ['AI 모델 학습에 채팅 사용 허용', '허용', '허용 안 함', '나중에'],
  };
  for (const [lang, [group, on, off, defer]] of Object.entries(later)) {
    it(`${lang}: "${defer}" selected is deferred; "${on}" is ON and "${off}" is OFF`, async () => {
      const deferred = training(await scanHtml(choiceDialog(group, [on, off, defer], 2, lang)));
      expect(deferred.map((c) => [c.state, c.deferred ?? false]), 'deferred').toEqual([['unknown', true]]);
      expect(training(await scanHtml(choiceDialog(group, [on, off, defer], 0, lang))).map((c) => [c.state, c.deferred ?? false])).toEqual([['on', false]]);
      expect(training(await scanHtml(choiceDialog(group, [on, off, defer], 1, lang))).map((c) => [c.state, c.deferred ?? false])).toEqual([['off', false]]);
    });
  }

  it('an option with no ON or OFF word of its own is not ON', async () => {
    const r = await scanHtml(choiceDialog('Allow the use of your chats to train our AI models', ['Standard', 'Off'], 0));
    expect(training(r).map((c) => c.state)).toEqual(['unknown']);
  });

  it('the German "an" is a state word only on its own, not the English article', async () => {
    const de = await scanHtml(choiceDialog('Training unserer KI-Modelle mit deinen Chats', ['An', 'Aus'], 0, 'de'));
    expect(training(de).map((c) => c.state)).toEqual(['on']);
    const en = await scanHtml(choiceDialog('Allow the use of your chats to train our AI models', ['Only an anonymised summary', 'Off'], 0));
    expect(training(en).map((c) => c.state)).toEqual(['unknown']);
  });
});

describe('a dialog\'s way out inside a shadow root', () => {
  it('a web component\'s "Not now" is the dismiss option: no forced-choice', async () => {
    const html = `<div role="dialog" aria-modal="true" aria-labelledby="t" style="position:fixed;inset:40px;background:#fff;padding:20px">
      <h2 id="t">Updates to our Consumer Terms</h2><p>We are updating our Consumer Terms.</p>
      <label><input type="checkbox" checked> Allow the use of your chats to train our AI models</label>
      <button type="button" style="width:300px;height:48px">Accept</button>
      <later-button></later-button>
    </div>`;
    const define = `customElements.define('later-button', class extends HTMLElement {
      constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<button type="button">Not now</button>'; }
    });`;
    const r = await scanHtml(html, define);
    const surface = r.surfaces.find((s) => s.kind === 'terms-update');
    expect(surface, JSON.stringify(r.surfaces)).toBeDefined();
    expect(surface!.findings.map((f) => f.id)).not.toContain('forced-choice');
    // The same dialog without it is forced.
    const forced = await scanHtml(html.replace('<later-button></later-button>', ''));
    expect(forced.surfaces.find((s) => s.kind === 'terms-update')!.findings.map((f) => f.id)).toContain('forced-choice');
  });
});

describe('a page no rule covers', () => {
  it('another service\'s phrase does not name a control: "Keep Activity" is Google\'s words, not a concept', async () => {
    const r = await scanHtml('<h1>Settings</h1><label><input type="checkbox" checked> Keep Activity</label>');
    expect(r.service).toBeNull();
    expect(training(r)).toEqual([]);
  });
});

describe('a training control whose measuring throws', () => {
  it('stays in the report with the state its markup gives and a note', async () => {
    const html = '<button type="button" role="switch" aria-checked="true" id="s">Allow the use of your chats to train our AI models</button>';
    const r = await scanHtml(html, `document.getElementById('s').getBoundingClientRect = () => { throw new Error('detached'); };`);
    const [c] = training(r);
    expect(c, JSON.stringify(r.controls)).toBeDefined();
    expect(c!.state).toBe('on');
    expect(c!.note).toMatch(/could not be measured: detached/);
  });
});

describe('the colour reader is the caller\'s', () => {
  it('a scan measures contrast with the reader it is given, not one of the engine\'s own', async () => {
    const { pageBundle } = await import('../helpers/browser');
    const code = await pageBundle(`import { BUILTIN_LEXICON } from './src/engine/lexicon-builtin';
import { scan } from './src/engine/scan';
globalThis.__withReader = (black) => {
  const colour = black ? () => ({ r: 0, g: 0, b: 0, a: 1 }) : undefined;
  const r = scan(document, { rules: [], lexicon: BUILTIN_LEXICON, ...(colour ? { colour } : {}) }).report;
  const f = r.controls.find((c) => c.purpose === 'ai-training')?.findings.find((x) => x.id === 'low-contrast');
  return f ? f.measured.labelContrast ?? f.measured.controlContrast : null;
};`);
    const page = await lab.context.newPage();
    try {
      await page.setContent('<label style="color:#111;background:#fff;font-size:16px"><input type="checkbox" checked> Allow the use of your chats to train our AI models</label>');
      await page.evaluate(code);
      // Everything read as black: black text on black, contrast 1:1.
      expect(await page.evaluate(() => (globalThis as unknown as { __withReader(b: boolean): unknown }).__withReader(true))).toBe(1);
      // The page's own colours, through a reader the scan makes for itself: dark on white, no finding.
      expect(await page.evaluate(() => (globalThis as unknown as { __withReader(b: boolean): unknown }).__withReader(false))).toBeNull();
    } finally {
      await page.close();
    }
  });
});
