// Runs cco's ingest engine over a data root, the way the daemon does, and reads its figures back.
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { IngestEngine, type BulkReader } from '../../src/ingest/engine.ts';
import { NO_MODEL } from '../../src/ledger/ledger.ts';
import type { ReadLimits } from '../../src/ingest/read-appended.ts';
import { rollup, utcDay } from '../../src/ledger/rollup.ts';
import type { Tally } from '../../src/ledger/tally.ts';
import { createCostFn, createPriceBook, type CostMode } from '../../src/pricing/index.ts';

export interface EngineOptions {
  readonly mode?: CostMode;
  readonly limits?: ReadLimits;
  readonly bulkReader?: BulkReader;
  readonly bulkThresholdBytes?: number;
  readonly onUnpriced?: (model: string) => void;
}

export function createEngine(root: string, options: EngineOptions = {}): IngestEngine {
  return new IngestEngine({
    roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/nonexistent' }),
    costOf: createCostFn(options.mode ?? 'calculate', createPriceBook(), options.onUnpriced),
    limits: options.limits,
    bulkReader: options.bulkReader,
    bulkThresholdBytes: options.bulkThresholdBytes,
  });
}

export async function ingestOnce(root: string, options: EngineOptions = {}): Promise<IngestEngine> {
  const engine = createEngine(root, options);
  await engine.tick();
  return engine;
}

/** Per model (as ccusage lists them: no model-less or `<synthetic>` entries). */
export function byModel(engine: IngestEngine): Map<string, Tally> {
  const models = engine.ledger.models;
  return rollup(engine.ledger.cube, (cell) => {
    const name = models.name(cell.model);
    return name === NO_MODEL || name === '<synthetic>' ? undefined : name;
  });
}

/** Per UTC day. */
export function byDay(engine: IngestEngine): Map<string, Tally> {
  return rollup(engine.ledger.cube, (cell) => utcDay(cell.start));
}

/** Per UTC day and model, keyed `YYYY-MM-DD model`. */
export function byDayModel(engine: IngestEngine): Map<string, Tally> {
  const models = engine.ledger.models;
  return rollup(engine.ledger.cube, (cell) => {
    const name = models.name(cell.model);
    return name === NO_MODEL || name === '<synthetic>' ? undefined : `${utcDay(cell.start)} ${name}`;
  });
}
