/**
 * The pure geometry of a capture: scroll steps, which rows of which frame make the stitched
 * picture, where masks and annotation boxes land, text wrapping, and what the annotated copy
 * and its stamp say.
 */
import { describe, expect, it } from 'vitest';
import { mapRegions, needsStitch, placeBox, scrollSteps, stitchPlan, viewportPlan, type ComposePlan, type Rect } from '../../src/shared/capture-geometry';
import { wrapText } from '../../src/report/annotated-picture';
import { annotationFor, redactionLine } from '../../src/report/annotation';
import { redactionSummary } from '../../src/background/capture';
import { primaryActionKey, type MaskRegion, type StitchLayout } from '../../src/shared/messages';
import { parseStampText, stampText } from '../../src/report/stamp';
import { control, report, surface } from './background-fakes';

const VIEW = { width: 1280, height: 800 };

/** A dialog at y 100..700 with a 400 px band (y 200..600) over 1000 px of content. */
const inside = (over: Partial<StitchLayout> = {}): StitchLayout => ({
  mode: 'inside',
  dialog: { x: 400, y: 100, width: 500, height: 600 },
  band: { x: 432, y: 200, width: 436, height: 400 },
  contentHeight: 1000,
  maxScroll: 600,
  scrollAtScan: 0,
  moving: ['c1'],
  ...over,
});

/** The pixel of frame `f` at viewport (x, y) that the plan puts at output (ox, oy), or null. */
function source(plan: ComposePlan, ox: number, oy: number): { frame: number; x: number; y: number } | null {
  let found: { frame: number; x: number; y: number } | null = null;
  for (const op of plan.ops) {
    const d = op.dst;
    if (ox >= d.x && ox < d.x + d.width && oy >= d.y && oy < d.y + d.height) {
      found = { frame: op.frame, x: ox - d.x + op.src.x, y: oy - d.y + op.src.y }; // later ops win
    }
  }
  return found;
}

describe('scroll steps', () => {
  it('walks an inner scroll container a band at a time, the last step clamped', () => {
    expect(scrollSteps(inside(), VIEW)).toEqual({ positions: [0, 400, 600], truncated: false });
  });

  it('stops at MAX_PARTS and says it was cut', () => {
    const { positions, truncated } = scrollSteps(inside({ contentHeight: 40_000, maxScroll: 39_600 }), VIEW, 5);
    expect(positions).toEqual([0, 400, 800, 1200, 1600]);
    expect(truncated).toBe(true);
  });

  it('scrolls a tall dialog in the document from its top, a viewport at a time', () => {
    const around: StitchLayout = {
      mode: 'around',
      dialog: { x: 200, y: -300, width: 800, height: 1800 }, // scrolled 500 px, dialog top at document y 200
      band: { x: 0, y: 0, ...VIEW },
      contentHeight: 2400,
      maxScroll: 1600,
      scrollAtScan: 500,
      moving: [],
    };
    expect(scrollSteps(around, VIEW).positions).toEqual([200, 1000, 1600]);
  });

  it('needs no stitching when nothing scrolls', () => {
    expect(needsStitch(null)).toBe(false);
    expect(needsStitch(inside({ maxScroll: 0 }))).toBe(false);
    expect(needsStitch(inside())).toBe(true);
  });
});

describe('stitch plan', () => {
  it('unrolls an inner scroll container between the parts of the dialog that stay put', () => {
    const layout = inside();
    const plan = stitchPlan(layout, [0, 400, 600], VIEW);
    expect(plan).toMatchObject({ width: 500, height: 600 - 400 + 1000, truncated: false });
    // Above the band: from the first frame, as it is.
    expect(source(plan, 10, 50)).toEqual({ frame: 0, x: 410, y: 150 });
    // Content row 0 and 399: frame 0; row 450: frame 1 (scrolled 400); row 999: frame 2 (scrolled 600).
    expect(source(plan, 40, 100)).toEqual({ frame: 0, x: 440, y: 200 });
    expect(source(plan, 40, 100 + 399)).toEqual({ frame: 0, x: 440, y: 599 });
    expect(source(plan, 40, 100 + 450)).toMatchObject({ frame: 1, y: 200 + 450 - 400 });
    expect(source(plan, 40, 100 + 999)).toMatchObject({ frame: 2, y: 200 + 999 - 600 });
    // Below the band (the Accept button): from the last frame.
    expect(source(plan, 40, 1100 + 50)).toEqual({ frame: 2, x: 440, y: 650 });
    // Every output row is covered.
    for (let y = 0; y < plan.height; y += 7) expect(source(plan, 250, y), `row ${y}`).not.toBeNull();
  });

  it('takes a dialog that moves as a whole from each frame where it shows', () => {
    const around: StitchLayout = {
      mode: 'around',
      dialog: { x: 200, y: -300, width: 800, height: 1800 },
      band: { x: 0, y: 0, ...VIEW },
      contentHeight: 2400,
      maxScroll: 1600,
      scrollAtScan: 500,
      moving: [],
    };
    const plan = stitchPlan(around, [200, 1000, 1600], VIEW);
    expect(plan).toMatchObject({ width: 800, height: 1800 });
    expect(source(plan, 0, 0)).toEqual({ frame: 0, x: 200, y: 0 });
    expect(source(plan, 0, 900)).toEqual({ frame: 1, x: 200, y: 100 });
    expect(source(plan, 0, 1799)).toEqual({ frame: 2, x: 200, y: 1799 + 200 - 1600 });
    for (let y = 0; y < plan.height; y += 7) expect(source(plan, 10, y), `row ${y}`).not.toBeNull();
  });

  it('cuts a picture taller than the canvas allows', () => {
    const plan = stitchPlan(inside({ contentHeight: 20_000, maxScroll: 19_600 }), [0, 400], VIEW, { maxHeight: 1000 });
    expect(plan.height).toBe(1000);
    expect(plan.truncated).toBe(true);
    expect(plan.ops.every((o) => o.dst.y + o.dst.height <= 1000)).toBe(true);
  });

  it('copies the whole viewport for a single capture', () => {
    expect(viewportPlan(VIEW)).toEqual({ width: 1280, height: 800, truncated: false, ops: [{ frame: 0, src: { x: 0, y: 0, ...VIEW }, dst: { x: 0, y: 0, ...VIEW } }] });
  });
});

describe('masks', () => {
  const email: MaskRegion = { kind: 'email', x: 10, y: 700, width: 150, height: 14 };

  it('stay where they were on a single capture', () => {
    expect(mapRegions(viewportPlan(VIEW), [[email]])).toEqual([email]);
    expect(mapRegions(viewportPlan(VIEW), [[email]], 2)).toEqual([{ kind: 'email', x: 8, y: 698, width: 154, height: 18 }]);
  });

  it('follow the frame they were measured on into the stitched picture, and drop what is outside it', () => {
    const plan = stitchPlan(inside(), [0, 400, 600], VIEW);
    // An email in the band on frame 1 (scrolled 400) at viewport y 300: content row 500.
    const inBand: MaskRegion = { kind: 'email', x: 450, y: 300, width: 100, height: 14 };
    // The sidebar's email (outside the dialog) is not in the picture at all.
    const sidebar: MaskRegion = { kind: 'email', x: 10, y: 700, width: 150, height: 14 };
    const masks = mapRegions(plan, [[sidebar], [inBand, sidebar], []]);
    expect(masks).toEqual([{ kind: 'email', x: 50, y: 100 + 500, width: 100, height: 14 }]);
  });

  it('are counted by kind and by distinct rectangle, never by value', () => {
    const masks: MaskRegion[] = [
      { kind: 'avatar', x: 1, y: 1, width: 32, height: 32 },
      { kind: 'email', x: 50, y: 10, width: 100, height: 14 },
      { kind: 'email', x: 50, y: 10, width: 100, height: 14 },
      { kind: 'name', x: 50, y: 30, width: 80, height: 14 },
    ];
    expect(redactionSummary(masks)).toEqual({ masked: ['name', 'email', 'avatar'], regions: 3 });
    expect(redactionLine({ enabled: true, ...redactionSummary(masks) })).toBe('Redaction: name, email, avatar masked (3 regions).');
    expect(redactionLine({ enabled: false, masked: [], regions: 0 })).toBe('Redaction: off.');
  });
});

describe('annotation boxes', () => {
  const box: Rect = { x: 500, y: 1450, width: 28, height: 16 };

  it('are document boxes moved by the scroll at the scan', () => {
    expect(placeBox(box, 'c1', { x: 0, y: 1000 }, null, VIEW)).toEqual({ x: 500, y: 450, width: 28, height: 16 });
    expect(placeBox(box, 'c1', { x: 0, y: 0 }, null, VIEW)).toBeNull(); // below the picture
    expect(placeBox({ ...box, width: 0 }, 'c1', { x: 0, y: 1000 }, null, VIEW)).toBeNull();
  });

  it('land in the unrolled content when they scroll with the container, or stay put when they do not', () => {
    const layout = inside({ scrollAtScan: 100, moving: ['c1'] });
    const picture = { width: 500, height: 1200 };
    // Seen at viewport y 450 while scrolled 100: content row 350, picture y 100 + 350.
    expect(placeBox({ x: 500, y: 450, width: 28, height: 16 }, 'c1', { x: 0, y: 0 }, layout, picture)).toEqual({ x: 100, y: 450, width: 28, height: 16 });
    // The Accept button below the band (viewport y 620): after the whole content.
    expect(placeBox({ x: 432, y: 620, width: 436, height: 44 }, 'accept', { x: 0, y: 0 }, layout, picture)).toEqual({ x: 32, y: 620 - 100 + 600, width: 436, height: 44 });
  });

  it('put out-of-view controls into a stitched picture, not into a viewport one', () => {
    const r = report({
      controls: [control({ id: 'c1', box: { x: 500, y: 950, width: 28, height: 16 }, findings: [{ id: 'out-of-view', severity: 'high', message: 'm', measured: { distancePx: 350 }, refs: [] }] })],
      surfaces: [surface({ primaryAction: { label: 'Accept', box: { x: 432, y: 620, width: 436, height: 44 } } })],
    });
    const stamp = { rawSha256: 'a'.repeat(64), url: 'https://claude.ai/new', time: '2025-09-26T12:00:00.000Z', service: 'claude', version: '0.1.0' };
    const common = { report: r, scroll: { x: 0, y: 0 }, stamp, redaction: { enabled: true, masked: [], regions: 0 } };
    const flat = annotationFor({ ...common, layout: null, picture: VIEW, capture: { method: 'viewport', parts: 1, truncated: false } });
    expect(flat.marks[0]!.box).toBeNull();
    const layout = inside({ moving: ['c1', primaryActionKey('s1')] });
    const stitched = annotationFor({ ...common, layout, picture: { width: 500, height: 1200 }, capture: { method: 'stitched', parts: 3, truncated: false } });
    expect(stitched.marks[0]!.box).toEqual({ x: 100, y: 850, width: 28, height: 16 });
    expect(stitched.primary[0]!.box.y).toBe(620 - 100);
    expect(stitched.heading).toBe('1 AI-training control found');
    expect(stitched.lines).toContain('Whole dialog, stitched from 3 captures as it was scrolled.');
    expect(stitched.footer).toEqual(['https://claude.ai/new · 2025-09-26T12:00:00.000Z · service claude · Consent Lens 0.1.0', `raw image SHA-256: ${'a'.repeat(64)}`]);
    expect(stitched.marks[0]!.findings[0]).toBe('[high] m (distancePx 350)');
    // And the stamp's text chunk reads back.
    expect(parseStampText(stampText(stamp))).toEqual(stamp);
  });
});

describe('wrapping', () => {
  const mono = (s: string): number => s.length * 10; // 10 px a character

  it('breaks at spaces, keeps paragraphs, and cuts a word longer than a line', () => {
    expect(wrapText('one two three four', 100, mono)).toEqual(['one two', 'three four']);
    expect(wrapText('a\nb c', 100, mono)).toEqual(['a', 'b c']);
    expect(wrapText(`sha ${'f'.repeat(25)}`, 100, mono)).toEqual(['sha', 'ffffffffff', 'ffffffffff', 'fffff']);
  });
});
