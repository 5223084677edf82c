// `cco blocks` without a daemon: one in-process ingest of the logs, then the same /api/blocks body the daemon serves.
import { homedir } from 'node:os';
import { resolveDataRoots, type DataRoot } from '../ingest/data-roots.ts';
import { BlockBook } from '../cache/block-book.ts';
import { inProcessIngest, ONE_SHOT_PARSE_THREADS } from '../daemon/ingest-client.ts';
import type { PriceOverride } from '../pricing/types.ts';
import type { Env } from './io.ts';

export async function blocksFromLogs(options: {
  dataDirs?: readonly string[];
  env: Env;
  pricing: readonly PriceOverride[];
  recent: boolean;
  now: number;
}): Promise<{ text: string; roots: readonly DataRoot[] }> {
  const roots = resolveDataRoots({ dataDirs: options.dataDirs, env: options.env, home: homedir() });
  const ingest = inProcessIngest({
    roots,
    costMode: 'auto',
    backfillMs: 0,
    parseThreads: ONE_SHOT_PARSE_THREADS,
    pricing: options.pricing,
  });
  try {
    const book = new BlockBook();
    book.apply((await ingest.tick(options.now)).blocks);
    return { text: JSON.stringify(book.view(options.now, { recent: options.recent })), roots };
  } finally {
    await ingest.close();
  }
}
