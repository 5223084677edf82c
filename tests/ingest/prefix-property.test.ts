// Property: a running engine that sees a root grow by random byte cuts (lines split anywhere, files growing at
// different paces) has, after every tick, exactly the figures of a one-shot read of the same bytes.
import { describe, expect, it } from 'bun:test';
import { appendFile, lstat, readdir, readFile, truncate } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { seededRandom } from '../../src/demo/index.ts';
import type { IngestEngine } from '../../src/ingest/engine.ts';
import { write2026Root } from '../fixtures/root-2026.ts';
import { byDay, byModel, createEngine, ingestOnce } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/temp.ts';

/** Regular files below `dir` (symlinks are left as they are), relative paths. */
async function regularFiles(dir: string, under = dir): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(under)) {
    const path = join(under, name);
    const st = await lstat(path);
    if (st.isDirectory()) out.push(...(await regularFiles(dir, path)));
    else if (st.isFile()) out.push(relative(dir, path));
  }
  return out.sort();
}

/** What the property compares: totals, per model and per day, tokens by kind and cost rounded to 1e-9 USD. */
function figures(engine: IngestEngine) {
  const tally = (t: {
    input: number;
    output: number;
    cacheCreation: number;
    cacheRead: number;
    cost: number;
    messages: number;
    failed: number;
  }) => [t.input, t.output, t.cacheCreation, t.cacheRead, Math.round(t.cost * 1e9), t.messages, t.failed];
  const map = (m: Map<string, Parameters<typeof tally>[0]>) => [...m].map(([k, t]) => [k, ...tally(t)]).sort();
  return {
    responses: engine.ledger.responses,
    totals: tally(engine.ledger.totals),
    models: map(byModel(engine)),
    days: map(byDay(engine)),
  };
}

describe('daemon and one-shot agree on every prefix', () => {
  it.each([1, 2, 3])(
    'after each tick of random appends (seed %p), the running figures equal a fresh read of the same bytes',
    async (seed) => {
      await using full = await tempDir('cco-prefix-full-');
      await using live = await tempDir('cco-prefix-live-');
      await write2026Root(full.path, { perShape: 8, seed });
      await write2026Root(live.path, { perShape: 8, seed }); // (same tree and links; its files are emptied below)
      const files = await regularFiles(live.path);
      const contents = new Map<string, Buffer>();
      for (const f of files) {
        contents.set(f, await readFile(join(full.path, f)));
        await truncate(join(live.path, f), 0);
      }
      const written = new Map(files.map((f) => [f, 0]));
      const rng = seededRandom(seed * 7919);
      const engine = createEngine(live.path);
      let ticks = 0;
      while ([...written].some(([f, n]) => n < (contents.get(f)?.byteLength ?? 0))) {
        for (const f of files) {
          const bytes = contents.get(f) as Buffer;
          const from = written.get(f) ?? 0;
          if (from >= bytes.byteLength || !rng.chance(0.6)) continue;
          const to = Math.min(bytes.byteLength, from + rng.int(1, 1_500));
          await appendFile(join(live.path, f), bytes.subarray(from, to));
          written.set(f, to);
        }
        await engine.tick();
        ticks++;
        expect({ tick: ticks, ...figures(engine) }).toEqual({ tick: ticks, ...figures(await ingestOnce(live.path)) });
      }
      expect(ticks).toBeGreaterThan(5);
      expect(figures(engine)).toEqual(figures(await ingestOnce(full.path)));
    },
  );
});
