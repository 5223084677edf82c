import { describe, expect, it } from 'bun:test';
import { seededRandom } from '../../src/demo/index.ts';
import { RingBuffer } from '../../src/cache/ring-buffer.ts';

interface Snap {
  readonly ts: number;
  readonly id: number;
}

const ring = (capacity?: number) => new RingBuffer<Snap>({ capacity, timestampOf: (s) => s.ts });
const snap = (ts: number, id = ts): Snap => ({ ts, id });

/** The obvious, slow model the ring must agree with: an array trimmed from the front. */
const naive = (capacity: number) => {
  const items: Snap[] = [];
  return {
    items,
    push(s: Snap) {
      items.push(s);
      if (items.length > capacity) items.shift();
    },
    range: (start: number, end: number) => items.filter((s) => s.ts >= start && s.ts <= end),
  };
};

describe('RingBuffer', () => {
  it('defaults to an hour of 1 s snapshots', () => {
    expect(ring().capacity).toBe(3600);
  });

  it('rejects a capacity that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => ring(bad)).toThrow(RangeError);
  });

  it('answers empty for every query when nothing was pushed', () => {
    const r = ring(4);
    expect(r.size).toBe(0);
    expect(r.latest()).toBeUndefined();
    expect(r.all()).toEqual([]);
    expect(r.range(-Infinity, Infinity)).toEqual([]);
  });

  it('keeps only the newest item at capacity 1', () => {
    const r = ring(1);
    for (const ts of [1, 2, 3]) r.push(snap(ts));
    expect(r.size).toBe(1);
    expect(r.all()).toEqual([snap(3)]);
    expect(r.latest()).toEqual(snap(3));
    expect(r.range(1, 2)).toEqual([]);
  });

  it('holds exactly capacity items in push order when filled exactly', () => {
    const r = ring(5);
    for (let ts = 1; ts <= 5; ts++) r.push(snap(ts));
    expect(r.size).toBe(5);
    expect(r.all().map((s) => s.ts)).toEqual([1, 2, 3, 4, 5]);
  });

  it('matches a naive array after wrapping around many times', () => {
    const r = ring(7);
    const model = naive(7);
    for (let ts = 0; ts < 10_000; ts++) {
      r.push(snap(ts));
      model.push(snap(ts));
    }
    expect(r.size).toBe(7);
    expect(r.all()).toEqual(model.items);
    expect(r.latest()).toEqual(snap(9999));
    expect(r.range(9995, 10_000)).toEqual(model.range(9995, 10_000));
  });

  it('includes both bounds of a range and nothing beyond them', () => {
    const r = ring(10);
    for (const ts of [10, 20, 30, 40, 50]) r.push(snap(ts));
    expect(r.range(20, 40).map((s) => s.ts)).toEqual([20, 30, 40]);
    expect(r.range(21, 39).map((s) => s.ts)).toEqual([30]);
    expect(r.range(30, 30).map((s) => s.ts)).toEqual([30]);
    expect(r.range(31, 39)).toEqual([]);
  });

  it('returns nothing when start is after end', () => {
    const r = ring(10);
    for (const ts of [10, 20, 30]) r.push(snap(ts));
    expect(r.range(30, 10)).toEqual([]);
    expect(r.range(Number.NaN, 30)).toEqual([]);
  });

  it('clips queries that reach outside the stored window', () => {
    const r = ring(3);
    for (const ts of [10, 20, 30, 40, 50]) r.push(snap(ts)); // 10 and 20 were overwritten
    expect(r.range(0, 5)).toEqual([]);
    expect(r.range(60, 90)).toEqual([]);
    expect(r.range(0, 35).map((s) => s.ts)).toEqual([30]);
    expect(r.range(-Infinity, Infinity).map((s) => s.ts)).toEqual([30, 40, 50]);
  });

  it('returns every item that shares a timestamp, in push order', () => {
    const r = ring(10);
    r.push(snap(1));
    for (let id = 0; id < 4; id++) r.push(snap(5, id));
    r.push(snap(9));
    expect(r.range(5, 5).map((s) => s.id)).toEqual([0, 1, 2, 3]);
  });

  it('throws RangeError on an out-of-order push and leaves the buffer unchanged', () => {
    const r = ring(3);
    for (const ts of [10, 20]) r.push(snap(ts));
    expect(() => r.push(snap(15))).toThrow(RangeError);
    expect(() => r.push(snap(Number.NaN))).toThrow(RangeError);
    expect(r.all().map((s) => s.ts)).toEqual([10, 20]);
    r.push(snap(20, 99)); // equal to the latest is in order
    expect(r.latest()).toEqual(snap(20, 99));
  });

  it('empties on clear and accepts any timestamp afterwards', () => {
    const r = ring(3);
    for (const ts of [10, 20, 30, 40]) r.push(snap(ts));
    r.clear();
    expect(r.size).toBe(0);
    expect(r.all()).toEqual([]);
    r.push(snap(1));
    expect(r.all()).toEqual([snap(1)]);
  });

  it('agrees with a naive model on random pushes and ranges', () => {
    const rng = seededRandom(7);
    for (let round = 0; round < 50; round++) {
      const capacity = rng.int(1, 20);
      const r = ring(capacity);
      const model = naive(capacity);
      let ts = rng.int(-50, 50);
      for (let i = rng.int(0, 200); i > 0; i--) {
        ts += rng.pick([0, 0, 1, 2, 7]);
        r.push(snap(ts, i));
        model.push(snap(ts, i));
        const start = ts - rng.int(-5, 40);
        const end = start + rng.int(-3, 30);
        expect(r.range(start, end)).toEqual(model.range(start, end));
      }
      expect(r.all()).toEqual(model.items);
      expect(r.size).toBe(model.items.length);
      expect(r.latest()).toEqual(model.items.at(-1));
    }
  });
});
