/**
 * A scan that throws is not silent (src/content/scheduler.ts): it is counted, the caller is told,
 * and the next scan waits longer — 500 ms, then twice that per failure in a row, at most 30 s —
 * until one succeeds.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, FAIL_GAP_MS, FAIL_MAX_MS } from '../../src/content/scheduler';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a scan that throws', () => {
  it('is counted, reported, and backs off until one succeeds', () => {
    const life = new AbortController();
    let fail = true;
    let scans = 0;
    const errors: number[] = [];
    const s = createScheduler({
      scan: () => {
        scans++;
        if (fail) throw new Error('boom');
        return { found: false, tracked: [] };
      },
      isOwn: () => false,
      onError: (e, n) => {
        expect(String(e)).toContain('boom');
        errors.push(n);
      },
      signal: life.signal,
    });
    s.now();
    expect(scans).toBe(1);
    expect(s.failures()).toEqual({ total: 1, inARow: 1 });
    let wait = FAIL_GAP_MS;
    for (let n = 2; n <= 4; n++) {
      s.request();
      vi.advanceTimersByTime(wait - 20);
      expect(scans, `scan ${n} waits ${wait} ms`).toBe(n - 1);
      vi.advanceTimersByTime(40);
      expect(scans).toBe(n);
      wait *= 2;
    }
    expect(errors).toEqual([1, 2, 3, 4]);
    expect(s.failures()).toEqual({ total: 4, inARow: 4 });
    fail = false;
    s.request();
    vi.advanceTimersByTime(wait + 20);
    expect(scans).toBe(5);
    expect(s.failures()).toEqual({ total: 4, inARow: 0 });
    // Once it succeeds, the next scan does not wait.
    s.request();
    vi.advanceTimersByTime(20);
    expect(scans).toBe(6);
    life.abort();
  });

  it('never waits more than the cap', () => {
    const life = new AbortController();
    let scans = 0;
    const s = createScheduler({ scan: () => { scans++; throw new Error('x'); }, isOwn: () => false, signal: life.signal });
    for (let i = 0; i < 12; i++) s.now();
    s.request();
    vi.advanceTimersByTime(FAIL_MAX_MS + 20);
    expect(scans).toBe(13);
    life.abort();
  });
});
