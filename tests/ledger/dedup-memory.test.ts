// The seen-set stays lean: 64-bit hashes in typed arrays, not strings.
import { describe, expect, it } from 'bun:test';
import { dedupKeys, ResponseDedup } from '../../src/ledger/dedup.ts';

describe('dedup seen-set memory', () => {
  it('holds a million distinct responses in well under 64 MB, and still finds every one', () => {
    const dedup = new ResponseDedup({
      isSidechain: () => false,
      totalTokens: () => 1,
      fileId: () => 0,
      settled: () => false,
      compareFiles: () => 0,
      compareCost: () => 0,
      hasSpeed: () => false,
    });
    const n = 1_000_000;
    const candidate = (i: number) => ({
      keys: dedupKeys(`msg_01${i.toString(36).padStart(22, '0')}`, `req_011C${i}`),
      session: i % 977,
      isSidechain: false,
      totalTokens: 1,
      fileId: 0,
      hasSpeed: false,
    });
    for (let i = 0; i < n; i++) {
      const c = candidate(i);
      expect(dedup.decide(c).kind === 'new').toBe(true);
      dedup.register(c, i);
    }
    expect(dedup.byteLength).toBeLessThan(48 * 1024 * 1024);
    for (let i = 0; i < n; i += 997) expect(dedup.decide(candidate(i))).toEqual({ kind: 'duplicate', group: i });
  });
});
