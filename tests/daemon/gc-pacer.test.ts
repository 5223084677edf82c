import { describe, expect, it } from 'bun:test';
import { GcPacer } from '../../src/daemon/gc-pacer.ts';

describe('GcPacer', () => {
  it('collects after a tick that read bytes, then not again within the interval', () => {
    const gc = new GcPacer(4000);
    expect(gc.due(100, 0)).toBe(true);
    expect(gc.due(100, 2000)).toBe(false);
    expect(gc.due(100, 3999)).toBe(false);
    expect(gc.due(100, 4000)).toBe(true);
  });

  it('never collects after an idle tick, however long ago the last collection was', () => {
    const gc = new GcPacer(4000);
    expect(gc.due(0, 0)).toBe(false);
    expect(gc.due(0, 1e9)).toBe(false);
    expect(gc.due(1, 1e9)).toBe(true);
  });
});
