// `cco stats` without a daemon: one in-process ingest of the logs (the daemon's engine), giving the same /api/stats body.
import { homedir } from 'node:os';
import { resolveDataRoots, type DataRoot } from '../ingest/data-roots.ts';
import { inProcessIngest, ONE_SHOT_PARSE_THREADS } from '../daemon/ingest-client.ts';
import { withStaleness } from '../cache/stale-bodies.ts';
import type { PriceOverride } from '../pricing/types.ts';
import type { Env } from './io.ts';
import type { TimeRangeName } from '../api/values.ts';

export interface LocalStats {
  /** The /api/stats body, serialized (stale_s 0: computed just now). */
  readonly text: string;
  readonly roots: readonly DataRoot[];
}

export async function statsFromLogs(options: {
  dataDirs?: readonly string[];
  env: Env;
  pricing: readonly PriceOverride[];
  range: TimeRangeName;
  now: number;
}): Promise<LocalStats> {
  const roots = resolveDataRoots({ dataDirs: options.dataDirs, env: options.env, home: homedir() });
  const ingest = inProcessIngest({
    roots,
    costMode: 'auto',
    backfillMs: 0,
    parseThreads: ONE_SHOT_PARSE_THREADS,
    pricing: options.pricing,
  });
  try {
    const result = await ingest.tick(options.now);
    return { text: withStaleness(result.statsBodies[options.range], 0), roots };
  } finally {
    await ingest.close();
  }
}
