// BillingBlocks: ccusage's block rules, and incremental refreshes that always equal a recompute from scratch.
import { describe, expect, it } from 'bun:test';
import { seededRandom } from '../../src/demo/index.ts';
import { BlockBook } from '../../src/cache/block-book.ts';
import { BillingBlocks, type BlockEntry } from '../../src/ledger/billing-blocks.ts';
import type { BlockSummary } from '../../src/ledger/outputs.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 20, 10, 17, 30);

/** Entries by group: tokens and cost derived from the group, so a replacement can change them. */
function ledgerOf() {
  const entries = new Map<number, { at: number; input: number; model: string }>();
  const read = (group: number): BlockEntry => {
    const e = entries.get(group);
    if (!e) throw new Error(`no entry ${group}`);
    return {
      tokens: { input: e.input, output: 1, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 0 },
      cost: e.input / 1000,
      model: e.model,
    };
  };
  return { entries, read };
}

function fromScratch(
  entries: ReadonlyMap<number, { at: number; input: number; model: string }>,
  read: (g: number) => BlockEntry,
): BlockSummary[] {
  const blocks = new BillingBlocks();
  for (const [group, e] of entries) blocks.add(group, e.at);
  const book = new BlockBook();
  book.apply(blocks.refresh(read));
  return summaries(book);
}

const summaries = (book: BlockBook): BlockSummary[] =>
  book
    .view(0)
    .blocks.filter((b) => !b.is_gap)
    .map((b) => ({
      start: Date.parse(b.start),
      firstEntry: 0,
      lastEntry: Date.parse(b.actual_end ?? ''),
      entries: b.entries,
      input: b.input_tokens,
      output: b.output_tokens,
      cacheCreation: 0,
      cacheRead: 0,
      cost: b.cost,
      models: [...b.models].sort(),
      limitResetAt: b.usage_limit_reset_time === null ? undefined : Date.parse(b.usage_limit_reset_time),
    }));

describe('BillingBlocks', () => {
  it('starts a block at the UTC hour of its first entry and closes it 5 h after its start or after 5 idle hours', () => {
    const { entries, read } = ledgerOf();
    const times = [
      T0,
      T0 + 2 * H,
      T0 + 4.8 * H /* past start + 5 h: new block */,
      T0 + 4.9 * H,
      T0 + 11 * H /* 6.1 h idle: new block */,
    ];
    times.forEach((at, group) => entries.set(group, { at, input: 1000, model: 'm' }));
    const blocks = new BillingBlocks();
    for (const [group, e] of entries) blocks.add(group, e.at);
    const book = new BlockBook();
    book.apply(blocks.refresh(read));
    const view = book.view(T0 + 100 * H).blocks;
    expect(view.map((b) => [b.start, b.end, b.entries, b.is_gap])).toEqual([
      ['2026-11-20T10:00:00.000Z', '2026-11-20T15:00:00.000Z', 2, false],
      ['2026-11-20T15:00:00.000Z', '2026-11-20T20:00:00.000Z', 2, false],
      // The gap runs from 5 h after the last entry to the next entry.
      ['2026-11-20T20:11:30.000Z', '2026-11-20T21:17:30.000Z', 0, true],
      ['2026-11-20T21:00:00.000Z', '2026-11-21T02:00:00.000Z', 1, false],
    ]);
  });

  it('counts an entry in the same second as the 5-hour mark into the block (ccusage, to the millisecond, starts a new one)', () => {
    const { entries, read } = ledgerOf();
    entries.set(0, { at: Date.UTC(2026, 10, 20, 10, 0, 0, 500), input: 1, model: 'm' });
    entries.set(1, { at: Date.UTC(2026, 10, 20, 15, 0, 0, 400), input: 1, model: 'm' });
    expect(fromScratch(entries, read).map((b) => b.entries)).toEqual([2]);
  });

  it('recomputes only the open block when entries arrive at the end', () => {
    const { entries, read } = ledgerOf();
    const blocks = new BillingBlocks();
    for (let g = 0; g < 30; g++) {
      entries.set(g, { at: T0 + g * 2 * H, input: 10, model: 'm' });
      blocks.add(g, T0 + g * 2 * H);
    }
    const first = blocks.refresh(read);
    expect(first?.from).toBe(0);
    expect(blocks.refresh(read)).toBeUndefined();
    entries.set(30, { at: T0 + 58.5 * H, input: 10, model: 'm' });
    blocks.add(30, T0 + 58.5 * H);
    const update = blocks.refresh(read);
    expect(update?.from).toBe((first?.blocks.length ?? 0) - 1);
    expect(update?.blocks).toHaveLength(1);
  });

  it('equals a recompute from scratch whatever order entries arrive in, with replacements', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = seededRandom(seed);
      const { entries, read } = ledgerOf();
      const blocks = new BillingBlocks();
      const book = new BlockBook();
      let next = 0;
      let clock = T0;
      for (let tick = 0; tick < 60; tick++) {
        for (let n = rng.int(0, 12); n > 0; n--) {
          // Mostly near the end, sometimes hours back (a late file), sometimes after a long pause.
          clock += rng.chance(0.05) ? rng.int(5, 30) * H : rng.int(0, 40 * 60_000);
          const at = rng.chance(0.15) ? clock - rng.int(0, 12 * H) : clock;
          entries.set(next, { at, input: rng.int(1, 5000), model: rng.pick(['a', 'b', 'c']) });
          blocks.add(next++, at);
        }
        if (next > 0 && rng.chance(0.3)) {
          const group = rng.int(0, next - 1);
          const old = entries.get(group);
          if (old) {
            const moved = rng.chance(0.5) ? old.at : old.at + rng.int(-3 * H, 3 * H);
            entries.set(group, { at: moved, input: old.input + 7, model: old.model });
            blocks.replace(group, moved);
          }
        }
        book.apply(blocks.refresh(read));
        expect(summaries(book)).toEqual(fromScratch(entries, read));
      }
    }
  });
});
