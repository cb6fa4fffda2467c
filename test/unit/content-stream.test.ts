/**
 * The scheduler's quiet mode for a reply streaming in (src/content/stream.ts), against a fake of
 * the scheduler's observer: after STREAM_BATCHES batches that cannot matter under one element,
 * that element goes unobserved (its ancestors shallowly, everything beside them whole); every
 * QUIET_MS it is glanced at, and it is observed again once it stops changing, leaves the page or
 * holds something new.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStreamWatch, QUIET_MS, STREAM_BATCHES, type StreamHost } from '../../src/content/stream';
import { FULL, SHALLOW } from '../../src/content/watched';
import type { Root } from '../../src/engine/dom';

// happy-dom refuses the case-insensitive attribute flag (`button[class*=toggle i]`); the rest of
// the selector is the content script's own.
vi.mock('../../src/content/watched', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/content/watched')>();
  return { ...real, RELEVANT_SELECTOR: real.RELEVANT_SELECTOR.replace(/ i\]/g, ']') };
});

/** Appends the elements of a fixed piece of markup to `parent`. */
const put = (parent: Element, html: string): void => parent.append(...new DOMParser().parseFromString(html, 'text/html').body.childNodes);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  put(document.body, `<main id="main"><aside id="side"><input type="checkbox"></aside>
    <section id="chat"><nav id="tools"></nav><div id="reply"><p id="para">Hello</p></div></section></main>`);
});
afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

const $ = (id: string): HTMLElement => document.getElementById(id)!;

function setup(over: Partial<StreamHost> = {}) {
  const life = new AbortController();
  const observed: [Node, MutationObserverInit][] = [];
  const reobserved: (((root: Root) => boolean) | undefined)[] = [];
  const host: StreamHost = {
    win: window,
    signal: life.signal,
    observer: { observe: (node, init) => void observed.push([node, init!]) },
    reobserve: (skip) => void reobserved.push(skip),
    tracked: () => [],
    newRoots: () => false,
    request: vi.fn(),
    ...over,
  };
  return { life, observed, reobserved, host, stream: createStreamWatch(host) };
}

/** A batch of text streaming into `el`. */
const batch = (el: Node): MutationRecord[] => [{ type: 'childList', target: el } as unknown as MutationRecord];

function stream(watch: ReturnType<typeof setup>['stream'], el: Node, n = STREAM_BATCHES, gapMs = 40): void {
  for (let i = 0; i < n; i++) {
    watch.note(batch(el));
    vi.advanceTimersByTime(gapMs);
  }
}

describe('a reply streaming in', () => {
  it(`goes unobserved after ${STREAM_BATCHES} batches: its ancestors shallowly, what stands beside them whole`, () => {
    const { stream: watch, observed, reobserved } = setup();
    stream(watch, $('para'), STREAM_BATCHES - 1);
    expect(reobserved).toHaveLength(0);
    stream(watch, $('para'), 1);
    expect(reobserved).toHaveLength(1);
    const skip = reobserved[0]!;
    expect(skip(document), 'the document is observed without its subtree').toBe(true);
    const shallow = observed.filter(([, init]) => init === SHALLOW).map(([n]) => n);
    expect(shallow).toEqual([$('reply'), $('chat'), $('main'), document.body, document.documentElement]);
    const full = observed.filter(([, init]) => init === FULL).map(([n]) => (n as Element).id || (n as Element).localName);
    expect(full).toEqual(['tools', 'side', 'head']);
    expect(observed.at(-1)).toEqual([document, { childList: true }]);
    expect(watch.onPath($('chat'))).toBe(true);
    expect(watch.onPath($('side'))).toBe(false);
  });

  it('counts only batches close together, and starts again after one that mattered', () => {
    const { stream: watch, reobserved } = setup();
    stream(watch, $('para'), STREAM_BATCHES - 1);
    vi.advanceTimersByTime(1_100);
    stream(watch, $('para'), STREAM_BATCHES - 1);
    expect(reobserved, 'a pause of over a second breaks the stream').toHaveLength(0);
    watch.reset();
    stream(watch, $('para'), STREAM_BATCHES - 1);
    expect(reobserved).toHaveLength(0);
    stream(watch, $('para'), 1);
    expect(reobserved).toHaveLength(1);
  });

  it('quiets the element all batches fall under; never the body or the root, nor around a control we track', () => {
    const a = setup();
    for (let i = 0; i < STREAM_BATCHES; i++) {
      a.stream.note([...batch($('para')), ...batch($('side'))]);
      vi.advanceTimersByTime(40);
    }
    expect(a.reobserved).toHaveLength(1);
    expect(a.stream.onPath(document.body)).toBe(true);
    expect(a.stream.onPath($('main')), 'what both batches fall under is quiet itself').toBe(false);
    const root = setup();
    for (let i = 0; i < STREAM_BATCHES; i++) {
      root.stream.note([...batch($('para')), ...batch(document.head)]);
      vi.advanceTimersByTime(40);
    }
    expect(root.reobserved).toHaveLength(0);
    const b = setup({ tracked: () => [$('para')] });
    stream(b.stream, $('para'));
    expect(b.reobserved).toHaveLength(0);
    const c = setup();
    stream(c.stream, document.body);
    expect(c.reobserved).toHaveLength(0);
  });

  it('is observed again once it has stopped changing; a scan only if it held a toggle', () => {
    const { stream: watch, reobserved, host } = setup();
    stream(watch, $('para'));
    vi.advanceTimersByTime(QUIET_MS);
    expect(reobserved).toHaveLength(2);
    expect(reobserved[1], 'everything, every root').toBeUndefined();
    expect(watch.onPath($('chat'))).toBe(false);
    expect(host.request).not.toHaveBeenCalled();

    put($('para'), '<input type="checkbox">');
    const again = setup();
    stream(again.stream, $('para'));
    vi.advanceTimersByTime(QUIET_MS);
    expect(again.host.request, 'the toggle may have changed unobserved').toHaveBeenCalledTimes(1);
  });

  it('stays unobserved while it grows, and takes no note of batches meanwhile', () => {
    const { stream: watch, reobserved } = setup();
    stream(watch, $('para'));
    for (let i = 0; i < 3; i++) {
      $('para').append(' more');
      watch.note(batch($('para')));
      vi.advanceTimersByTime(QUIET_MS);
    }
    expect(reobserved).toHaveLength(1);
    vi.advanceTimersByTime(QUIET_MS);
    expect(reobserved).toHaveLength(2);
  });

  it('asks for a scan, observed again, when a toggle or a shadow root appears in it', () => {
    const a = setup();
    stream(a.stream, $('para'));
    put($('para'), '<button role="switch" aria-checked="true"></button>');
    vi.advanceTimersByTime(QUIET_MS);
    expect(a.host.request).toHaveBeenCalledTimes(1);
    expect(a.reobserved).toHaveLength(2);

    let fresh = false;
    const b = setup({ newRoots: () => fresh });
    stream(b.stream, $('para'));
    $('para').append(' more');
    fresh = true;
    vi.advanceTimersByTime(QUIET_MS);
    expect(b.host.request).toHaveBeenCalledTimes(1);
    expect(b.reobserved).toHaveLength(2);
  });

  it('is observed again when it leaves the page', () => {
    const { stream: watch, reobserved, host } = setup();
    stream(watch, $('para'));
    $('reply').remove();
    vi.advanceTimersByTime(QUIET_MS);
    expect(reobserved).toHaveLength(2);
    expect(host.request).not.toHaveBeenCalled();
  });

  it('stops glancing once aborted', () => {
    const { stream: watch, reobserved, life } = setup();
    stream(watch, $('para'));
    life.abort();
    vi.advanceTimersByTime(10 * QUIET_MS);
    expect(reobserved).toHaveLength(1);
  });
});
