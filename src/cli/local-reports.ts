// `cco daily|weekly|monthly|session|project` without a daemon: one in-process ingest of the logs feeding the same
// report book and engine the daemon answers from, so the figures are the same.
import { homedir } from 'node:os';
import { resolveDataRoots, type DataRoot } from '../ingest/data-roots.ts';
import { inProcessIngest, ONE_SHOT_PARSE_THREADS } from '../daemon/ingest-client.ts';
import { ReportBook } from '../reports/report-book.ts';
import { ReportEngine } from '../reports/report-engine.ts';
import type { ReportQuery } from '../reports/types.ts';
import type { Env } from './io.ts';

/** `session --id` without a daemon: the same in-process ingest, then that session's calls (`null` as ccusage: none). */
export async function sessionCallsFromLogs(options: {
  dataDirs?: readonly string[];
  env: Env;
  query: ReportQuery;
  now: number;
}): Promise<{ text: string; roots: readonly DataRoot[] }> {
  const roots = resolveDataRoots({ dataDirs: options.dataDirs, env: options.env, home: homedir() });
  const ingest = inProcessIngest({ roots, costMode: 'auto', backfillMs: 0, parseThreads: ONE_SHOT_PARSE_THREADS });
  try {
    const book = new ReportBook();
    book.apply((await ingest.tick(options.now)).reports);
    const calls = await ingest.sessionCalls(options.query.sessionId ?? '');
    const body = new ReportEngine(book).sessionCalls(options.query, calls);
    return { text: JSON.stringify(body ?? null), roots };
  } finally {
    await ingest.close();
  }
}

export async function reportFromLogs(options: {
  dataDirs?: readonly string[];
  env: Env;
  query: ReportQuery;
  now: number;
}): Promise<{ text: string; roots: readonly DataRoot[] }> {
  const roots = resolveDataRoots({ dataDirs: options.dataDirs, env: options.env, home: homedir() });
  const ingest = inProcessIngest({ roots, costMode: 'auto', backfillMs: 0, parseThreads: ONE_SHOT_PARSE_THREADS });
  try {
    const book = new ReportBook();
    book.apply((await ingest.tick(options.now)).reports);
    return { text: JSON.stringify(new ReportEngine(book).build(options.query)), roots };
  } finally {
    await ingest.close();
  }
}
