// When the store folds its write-ahead log into the file: after busy ticks, then only now and then while idle (a
// checkpoint on every idle tick was most of an idle daemon's CPU), and on a busy tick once the log grows too large.
import { describe, expect, it } from 'bun:test';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { UsageStore } from '../../src/store/usage-store.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = Date.UTC(2026, 10, 28, 12);

describe('store checkpoints', () => {
  it('checkpoints on the first idle tick after busy ones, then at most once a minute while idle', async () => {
    await using dir = await tempDir('cco-checkpoint-');
    const path = join(dir.path, 'cco.db');
    const store = new UsageStore(openStore(path, NOW).db, path);
    try {
      const at = (s: number) => NOW + s * 1000;
      expect(store.checkpoint(false, at(0))).toBe(false); // (busy, small log: no fsync)
      expect(store.checkpoint(true, at(2))).toBe(true); // (the first idle tick after it)
      expect([4, 6, 30, 61].map((s) => store.checkpoint(true, at(s)))).toEqual([false, false, false, false]);
      expect(store.checkpoint(true, at(62))).toBe(true); // (a minute of idle ticks)
      expect(store.checkpoint(false, at(64))).toBe(false);
      expect(store.checkpoint(true, at(66))).toBe(true); // (busy again in between)
      expect(store.checkpoint(false, at(68), 0)).toBe(true); // (a log past the limit, even when busy)
    } finally {
      store.close();
    }
  });
});
