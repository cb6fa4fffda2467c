/**
 * Builders and fakes for the evidence tests (not a test file): records, a fake capture port
 * and fake imaging, so the capture's order of work is tested without a browser.
 */
import { EVIDENCE_SCHEMA, type EvidenceRecord } from '../../src/shared/evidence';
import type { EvidenceEntry } from '../../src/background/evidence-store';
import type { CapturePort, CaptureTab } from '../../src/background/capture-port';
import type { Imaging, RawPicture } from '../../src/background/capture-draw';
import type { Annotation } from '../../src/report/annotation';
import type { CapturePrepared, CopiedTexts, Message } from '../../src/shared/messages';
import { sha256Hex, utf8 } from '../../src/report/sums';
import { BASE, EXTENSION_ID, FakeArea, report } from './background-fakes';

/** The smallest valid PNG (1×1, transparent), with a `tag` byte in a private chunk so files differ. */
export function tinyPng(tag = 0): Uint8Array {
  const b64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  const png = new Uint8Array(Buffer.from(b64, 'base64'));
  if (tag === 0) return png;
  // Insert a "tgGg" ancillary chunk (4-byte length, type, data, CRC ignored by readers) before IEND.
  const iend = png.length - 12;
  const chunk = new Uint8Array([0, 0, 0, 1, 0x74, 0x67, 0x47, 0x67, tag, 0, 0, 0, 0]);
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, iend));
  out.set(chunk, iend);
  out.set(png.subarray(iend), iend + chunk.length);
  return out;
}

export async function entry(id: string, capturedAt: string, over: Partial<EvidenceRecord['provenance']> = {}): Promise<EvidenceEntry> {
  const files: Record<string, Uint8Array> = {
    'report.json': utf8(`${JSON.stringify(report(), null, 2)}\n`),
    'dom.html': utf8('<div role="dialog">Updates</div>'),
    'raw.png': tinyPng(1),
    'annotated.png': tinyPng(2),
  };
  const types: Record<string, string> = { 'report.json': 'application/json', 'dom.html': 'text/html', 'raw.png': 'image/png', 'annotated.png': 'image/png' };
  const record: EvidenceRecord = {
    schema: EVIDENCE_SCHEMA,
    id,
    provenance: {
      url: 'https://claude.ai/new',
      title: 'Claude',
      capturedAt,
      service: 'claude',
      tool: { name: 'extension', version: '0.1.0' },
      engineVersion: '0.1.0',
      userAgent: 'test',
      viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
      capture: { method: 'viewport', parts: 1 },
      rawSha256: await sha256Hex(files['raw.png']!),
      redaction: { enabled: true, masked: ['email'], regions: 1 },
      ...over,
    },
    report: report(),
    domExcerpt: '<div role="dialog">Updates</div>',
    files: await Promise.all(
      Object.entries(files).map(async ([name, bytes]) => ({ name, type: types[name]!, sha256: await sha256Hex(bytes), bytes: bytes.byteLength })),
    ),
  };
  return { record, files };
}

export interface FakeCapture {
  port: CapturePort;
  session: FakeArea;
  /** Messages sent to the tab, in order. */
  sent: Message[];
  captures: number[];
  tab: CaptureTab;
  /** What the content script answers to each message type. */
  answers: Partial<Record<Message['type'], (m: Message) => unknown>>;
  failCapture: (n: number) => Error | null;
  /** For each time the capture code was injected: how many messages had been sent before it. */
  injected: number[];
  failInject: () => Error | null;
}

/**
 * `prepared()`'s `copied` unless a test gives its own: the fake content script answers with the
 * prepare message's `copied` as it came (a page where nothing needed scrubbing in them).
 */
export const ECHO_COPIED: CopiedTexts = Object.freeze({ url: '(echo)', deadline: null });

export function prepared(over: Partial<CapturePrepared> = {}): CapturePrepared {
  return {
    report: report({ url: 'https://claude.ai/new' }),
    domExcerpt: '<div role="dialog">Updates</div>',
    scroll: { x: 0, y: 0 },
    viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
    userAgent: 'test',
    regions: [{ kind: 'email', x: 10, y: 700, width: 150, height: 14 }],
    redactionComplete: true,
    copied: ECHO_COPIED,
    stitch: null,
    ...over,
  };
}

export function fakeCapture(): FakeCapture {
  const session = new FakeArea();
  const world: FakeCapture = {
    session,
    sent: [],
    captures: [],
    tab: { id: 7, windowId: 1, url: 'https://claude.ai/new', active: true },
    answers: {
      'background→content:capture-prepare': () => prepared(),
      'background→content:capture-restore': () => ({ ok: true }),
      'background→content:capture-notice': () => ({ ok: true }),
    },
    failCapture: () => null,
    injected: [],
    failInject: () => null,
    port: null as unknown as CapturePort,
  };
  world.port = {
    extension: { id: EXTENSION_ID, base: BASE, version: '0.1.0' },
    tabs: {
      get: async (tabId) => {
        if (tabId !== world.tab.id) throw new Error(`No tab with id: ${tabId}.`);
        return world.tab;
      },
      active: async () => world.tab,
      captureVisibleTab: async () => {
        world.captures.push(world.captures.length);
        const fail = world.failCapture(world.captures.length);
        if (fail) throw fail;
        return `data:image/png;base64,${Buffer.from(tinyPng(world.captures.length)).toString('base64')}`;
      },
      sendMessage: async (_tabId, message) => {
        world.sent.push(message);
        const answer = world.answers[message.type];
        if (!answer) throw new Error('Could not establish connection. Receiving end does not exist.');
        const a = answer(message);
        if (message.type === 'background→content:capture-prepare' && a && typeof a === 'object' && (a as CapturePrepared).copied === ECHO_COPIED) {
          return { ...(a as CapturePrepared), copied: message.copied };
        }
        return a;
      },
      injectCapture: async () => {
        const fail = world.failInject();
        if (fail) throw fail;
        world.injected.push(world.sent.length);
      },
    },
    session,
  };
  return world;
}

/** Imaging without pixels: records what it was asked to draw. */
export function fakeImaging(): Imaging & { composed: { frames: number; masks: number; height: number }[]; annotations: Annotation[] } {
  const composed: { frames: number; masks: number; height: number }[] = [];
  const annotations: Annotation[] = [];
  return {
    composed,
    annotations,
    async composeRaw(frames, plan, masks): Promise<RawPicture> {
      composed.push({ frames: frames.length, masks: masks.length, height: plan.height });
      return { png: tinyPng(100 + frames.length), scale: 1, width: plan.width, height: plan.height, canvas: null };
    },
    async annotate(_raw, annotation) {
      annotations.push(annotation);
      return tinyPng(200);
    },
    async thumbnail() {
      return { bytes: new Uint8Array([0xff, 0xd8, 0xff]), type: 'image/jpeg' };
    },
  };
}
