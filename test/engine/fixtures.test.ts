/**
 * The engine on every committed fixture, in real Chromium: purpose, state, kind, findings,
 * the visible box, surfaces and deadlines, as declared in expectations.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectations, type FixtureExpectation } from './expectations';
import { boxAt, openLab, scanFixture, type Lab } from '../helpers/browser';
import type { Report } from '../../src/engine/types';

let lab: Lab;
beforeAll(async () => {
  lab = await openLab();
});
afterAll(async () => {
  await lab?.close();
});

function matches(actual: string, want: string | RegExp): boolean {
  return typeof want === 'string' ? actual.toLowerCase().includes(want.toLowerCase()) : want.test(actual);
}

const sorted = (xs: string[]): string[] => [...xs].sort();

describe.each(expectations.map((e) => [e.file, e] as [string, FixtureExpectation]))('%s', (file, exp) => {
  let report: Report;
  let page: Page;
  beforeAll(async () => {
    ({ report, page } = await scanFixture(lab, file));
  });
  afterAll(async () => {
    await page?.close();
  });

  it('scans without error and names the service', () => {
    expect(report.error).toBeUndefined();
    expect(report.schema).toBe('consent-lens/report@1');
    expect(report.service).toBe(exp.service);
  });

  it(exp.negative ? 'reports no AI-training control' : 'reports exactly the AI-training controls', () => {
    const training = report.controls.filter((c) => c.purpose === 'ai-training');
    expect(training.map((c) => c.label)).toHaveLength(exp.aiTraining.length);
    exp.aiTraining.forEach((want, i) => {
      const got = training[i]!;
      expect(matches(got.label, want.label), `label "${got.label}" should match ${String(want.label)}`).toBe(true);
      expect({ state: got.state, kind: got.kind }).toEqual({ state: want.state, kind: want.kind });
      expect(sorted(got.findings.map((f) => f.id))).toEqual(sorted(want.findings));
      for (const f of got.findings) {
        expect(f.message.length).toBeGreaterThan(10);
        expect(f.refs.length).toBeGreaterThan(0);
        expect(Object.keys(f.measured).length).toBeGreaterThan(0);
      }
    });
  });

  it('measures the visible control, not a hidden input', async () => {
    const training = report.controls.filter((c) => c.purpose === 'ai-training');
    for (const [i, want] of exp.aiTraining.entries()) {
      if (!want.visible) continue;
      const box = await boxAt(page, want.visible);
      expect(box, `selector ${want.visible.join(' >>> ')} not found`).not.toBeNull();
      const got = training[i]!.box;
      for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(got[k] - box![k])).toBeLessThanOrEqual(1);
      expect(got.width).toBeGreaterThanOrEqual(4);
    }
  });

  if (exp.surfaces) {
    it('finds the surfaces with their kind, title, primary action and findings', () => {
      const withTraining = report.surfaces.filter((s) =>
        report.controls.some((c) => c.surfaceId === s.id && c.purpose === 'ai-training'),
      );
      expect(withTraining).toHaveLength(exp.surfaces!.length);
      exp.surfaces!.forEach((want, i) => {
        const got = withTraining[i]!;
        expect(got.kind).toBe(want.kind);
        expect(matches(got.title, want.title), `title "${got.title}"`).toBe(true);
        expect(sorted(got.findings.map((f) => f.id))).toEqual(sorted(want.findings));
        if (want.primaryAction === null) expect(got.primaryAction).toBeNull();
        else expect(matches(got.primaryAction?.label ?? '', want.primaryAction), `primary "${got.primaryAction?.label}"`).toBe(true);
      });
    });
  }

  if (exp.others) {
    it('reports the look-alike toggles, as purpose other', () => {
      for (const want of exp.others!) {
        const got = report.controls.filter((c) => matches(c.label, want));
        expect(got, `a control labelled ${String(want)}`).toHaveLength(1);
        expect(got[0]!.purpose).toBe('other');
      }
    });
  }

  if (exp.objection) {
    it('finds the objection form: a surface with no control', () => {
      const forms = report.surfaces.filter((s) => s.objection === true);
      expect(forms).toHaveLength(exp.objection!.length);
      exp.objection!.forEach((want, i) => {
        const got = forms[i]!;
        expect(got.kind).toBe(want.kind);
        expect(matches(got.title, want.title), `title "${got.title}"`).toBe(true);
        expect(report.controls.filter((c) => c.surfaceId === got.id)).toEqual([]);
        expect(got.box.width * got.box.height).toBeGreaterThan(0);
      });
    });
  } else {
    it('reports no objection form', () => {
      expect(report.surfaces.filter((s) => s.objection === true)).toEqual([]);
    });
  }

  if (exp.deadline !== undefined) {
    it('reads the deadline', () => {
      if (exp.deadline === null) expect(report.deadline).toBeNull();
      else expect({ date: report.deadline?.date, source: report.deadline?.source }).toEqual(exp.deadline);
    });
  }
});
