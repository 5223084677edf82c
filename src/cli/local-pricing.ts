// `cco pricing` without a daemon: the config file's overrides over the embedded table, and the unpriced models found
// by one in-process ingest of the logs (the daemon's engine, priced with the same overrides).
import { homedir } from 'node:os';
import { resolveDataRoots, type DataRoot } from '../ingest/data-roots.ts';
import { inProcessIngest, ONE_SHOT_PARSE_THREADS } from '../daemon/ingest-client.ts';
import { pricingBody } from '../pricing/pricing-body.ts';
import type { PriceOverride } from '../pricing/types.ts';
import type { Env } from './io.ts';

export async function pricingFromLogs(options: {
  dataDirs?: readonly string[];
  env: Env;
  pricing: readonly PriceOverride[];
  now: number;
}): Promise<{ text: string; roots: readonly DataRoot[] }> {
  const roots = resolveDataRoots({ dataDirs: options.dataDirs, env: options.env, home: homedir() });
  const ingest = inProcessIngest({
    roots,
    costMode: 'calculate',
    backfillMs: 0,
    parseThreads: ONE_SHOT_PARSE_THREADS,
    pricing: options.pricing,
  });
  try {
    const result = await ingest.tick(options.now);
    return { text: JSON.stringify(pricingBody(options.pricing, result.health.unpriced_models)), roots };
  } finally {
    await ingest.close();
  }
}
