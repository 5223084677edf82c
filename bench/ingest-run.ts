// Child process of the ingest bench: one cold tick of cco's IngestEngine over <root>, from engine creation to exact
// totals, with a pool of <threads> parse workers (0: everything on this thread). Prints one JSON line.
import { resolveDataRoots } from '../src/ingest/data-roots.ts';
import { IngestEngine } from '../src/ingest/engine.ts';
import { ParsePool } from '../src/ingest/parse-pool.ts';
import { createCostFn, createPriceBook } from '../src/pricing/index.ts';
import { startRssProbe } from './lib/rss.ts';
import { nowMs } from './lib/timing.ts';
import type { UsageTotals } from './lib/totals.ts';

export interface IngestRunResult {
  readonly threads: number;
  /** Engine creation (pool start included) to totals in hand, ms. */
  readonly wallMs: number;
  readonly filesRead: number;
  readonly bytesRead: number;
  readonly responses: number;
  readonly peakRssBytes: number;
  readonly rssSource: string;
  readonly totals: UsageTotals;
}

const [root, threadsArg = '2'] = process.argv.slice(2);
const threads = Number(threadsArg);
if (!root || !Number.isInteger(threads) || threads < 0) {
  console.error('usage: bun bench/ingest-run.ts <data-root> [threads=2]');
  process.exit(2);
}

const probe = startRssProbe();
const t0 = nowMs();
const pool = threads > 0 ? new ParsePool(threads) : undefined;
const engine = new IngestEngine({
  roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/nonexistent' }),
  costOf: createCostFn('calculate', createPriceBook()),
  bulkReader: pool,
});
const report = await engine.tick();
const t = engine.ledger.totals;
const totals: UsageTotals = {
  input: t.input,
  output: t.output,
  cacheCreation: t.cacheCreation,
  cacheRead: t.cacheRead,
  cost: t.cost,
};
const wallMs = nowMs() - t0;
const result: IngestRunResult = {
  threads,
  wallMs,
  filesRead: report.filesRead,
  bytesRead: report.bytesRead,
  responses: engine.ledger.responses,
  peakRssBytes: probe.peakBytes(),
  rssSource: probe.source,
  totals,
};
probe.stop();
pool?.close();
console.log(JSON.stringify(result));
