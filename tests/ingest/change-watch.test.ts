// Ticks that learn from the OS what changed: an idle one stats nothing, appends and new files are still counted in the
// next tick, and when events go missing or the watch cannot start, the polling walk finds everything anyway.
import { describe, expect, it } from 'bun:test';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChangeWatch, type ChangeSource, type WatchedChanges } from '../../src/ingest/change-watch.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { IngestEngine } from '../../src/ingest/engine.ts';
import { createCostFn, createPriceBook } from '../../src/pricing/index.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { tempDir } from '../helpers/temp.ts';
import { waitFor } from '../helpers/wait.ts';

const line = (n: number) =>
  `${assistant({ id: `m${n}`, requestId: `r${n}`, input: n, output: 0, cacheWrite: 0, cacheRead: 0 })}\n`;

function engineOver(root: string, changes: ChangeSource, fullCheckEvery = 30) {
  const roots = resolveDataRoots({ dataDirs: [root], env: {}, home: '/nonexistent' });
  return new IngestEngine({ roots, costOf: createCostFn('calculate', createPriceBook()), changes, fullCheckEvery });
}

/** The real watch over `root`; `settled` waits until the OS has reported something since the last take. */
function watching(root: string) {
  const watch = new ChangeWatch(resolveDataRoots({ dataDirs: [root], env: {}, home: '/nonexistent' }));
  let pending: WatchedChanges | undefined;
  const source: ChangeSource = {
    take: () => {
      const taken = pending ?? watch.take();
      pending = undefined;
      return taken;
    },
    revive: () => watch.revive(),
    close: () => watch.close(),
  };
  const settled = () =>
    waitFor(
      () => {
        const c = watch.take();
        if (c && (c.structural || c.files.size > 0)) pending = c;
        return pending;
      },
      'a change event',
      5_000,
    );
  return { watch, source, settled };
}

async function project() {
  const dir = await tempDir('cco-watch-');
  const p = join(dir.path, 'projects', '-p');
  await mkdir(p, { recursive: true });
  await writeFile(join(p, 'a.jsonl'), line(1));
  return { dir, p };
}

describe('ticks driven by change events', () => {
  it('stats no file on an idle tick, and counts an append in the tick after it', async () => {
    const { dir, p } = await project();
    await using _ = dir;
    const { watch, source, settled } = watching(dir.path);
    expect(watch.start()).toBe(true);
    const engine = engineOver(dir.path, source);
    await engine.tick(); // (the first tick walks)
    const idle = await engine.tick();
    expect(idle.filesChecked).toBe(0);
    await appendFile(join(p, 'a.jsonl'), line(2));
    await settled();
    const after = await engine.tick();
    expect(after.filesChecked).toBe(1);
    expect(engine.ledger.totals.input).toBe(3);
    source.close();
  });

  it('walks again when a file or a folder appears, and when a watched folder is removed and made again', async () => {
    const { dir, p } = await project();
    await using _ = dir;
    const { watch, source, settled } = watching(dir.path);
    watch.start();
    const engine = engineOver(dir.path, source);
    await engine.tick();
    await engine.tick();
    await mkdir(join(p, 's1', 'subagents'), { recursive: true });
    await writeFile(join(p, 's1', 'subagents', 'agent-1.jsonl'), line(10));
    await settled();
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(11);
    await rm(join(dir.path, 'projects', '-p'), { recursive: true });
    await mkdir(join(dir.path, 'projects', '-p'));
    await writeFile(join(dir.path, 'projects', '-p', 'b.jsonl'), line(100));
    await settled();
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(111);
    // The re-made folder is watched too: an append to it is an event, not a walk.
    await appendFile(join(dir.path, 'projects', '-p', 'b.jsonl'), line(1000));
    await settled();
    expect((await engine.tick()).filesChecked).toBe(1);
    expect(engine.ledger.totals.input).toBe(1111);
    source.close();
  });

  it('still counts an append whose event was dropped, at the next full walk', async () => {
    const { dir, p } = await project();
    await using _ = dir;
    // A source that reports nothing at all, as if every event were lost.
    const silent: ChangeSource = {
      take: () => ({ files: new Set(), structural: false }),
      revive: () => {},
      close: () => {},
    };
    const engine = engineOver(dir.path, silent, 4);
    await engine.tick();
    await appendFile(join(p, 'a.jsonl'), line(2));
    const missed = [await engine.tick(), await engine.tick(), await engine.tick()];
    expect(missed.map((t) => t.filesChecked)).toEqual([0, 0, 0]);
    expect(engine.ledger.totals.input).toBe(1);
    await engine.tick(); // (tick 4: a full walk)
    expect(engine.ledger.totals.input).toBe(3);
  });

  it('polls as before while the roots cannot be watched', async () => {
    await using dir = await tempDir('cco-watch-');
    const watch = new ChangeWatch(resolveDataRoots({ dataDirs: [dir.path], env: {}, home: '/nonexistent' }));
    expect(watch.start()).toBe(false); // (no projects/ yet)
    const engine = engineOver(dir.path, watch);
    await engine.tick();
    await mkdir(join(dir.path, 'projects', '-p'), { recursive: true });
    await writeFile(join(dir.path, 'projects', '-p', 'a.jsonl'), line(5));
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(5);
    watch.close();
  });
});
