// The dedup seen-set's hash table, against a Map holding the same keys.
import { describe, expect, it } from 'bun:test';
import { KeyTable } from '../../src/ledger/key-table.ts';

/** A small deterministic generator (xorshift32), so failures reproduce. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

describe('KeyTable', () => {
  it('finds nothing when empty', () => {
    const table = new KeyTable(16);
    expect(table.get(0, 0)).toBeUndefined();
    expect(table.get(0xffffffff, 0xffffffff)).toBeUndefined();
    expect(table.size).toBe(0);
  });

  it('agrees with a Map through growth, overwrites and misses', () => {
    const next = xorshift(42);
    const table = new KeyTable(16);
    const oracle = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      // Some keys repeat (overwrites), some share a half (probe chains), some have the top bit set.
      const hi = i % 7 === 0 ? 0x80000000 : next();
      const lo = i % 11 === 0 ? 7 : next();
      const value = next() % 0xfffffffe;
      table.set(hi, lo, value);
      oracle.set(`${hi}:${lo}`, value);
    }
    expect(table.size).toBe(oracle.size);
    for (const [key, value] of oracle) {
      const [hi, lo] = key.split(':').map(Number) as [number, number];
      expect(table.get(hi, lo)).toBe(value);
    }
    const probe = xorshift(7);
    for (let i = 0; i < 10_000; i++) {
      const hi = probe();
      const lo = probe();
      expect(table.get(hi, lo)).toBe(oracle.get(`${hi}:${lo}`));
    }
  });

  it('treats signed and unsigned forms of a half as the same key', () => {
    const table = new KeyTable();
    table.set(-1, -2, 5);
    expect(table.get(0xffffffff, 0xfffffffe)).toBe(5);
    expect(table.get(-1, -2)).toBe(5);
  });

  it('costs 12 bytes a slot', () => {
    const table = new KeyTable(1024);
    expect(table.byteLength).toBe(1024 * 12);
  });
});
