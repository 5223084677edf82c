// One in-process ingest of the logs, as the daemon's engine runs it (two parse workers for a large backlog), priced with
// the config file's overrides: what the report commands compute when no daemon answers.
import { homedir } from 'node:os';
import type { TickResult } from '../ledger/outputs.ts';
import { inProcessIngest, ONE_SHOT_PARSE_THREADS, type IngestClient } from '../daemon/ingest-client.ts';
import { resolveDataRoots, type DataRoot } from '../ingest/data-roots.ts';
import type { CostMode, PriceOverride } from '../pricing/index.ts';
import { settingsFromFlags } from './budget-flags.ts';
import type { Env } from './io.ts';

/** The flags of a command that can compute from the logs. */
export const logsArgs = {
  'data-dir': {
    type: 'string',
    description: 'Compute from these logs instead of asking a daemon (comma-separated roots)',
    valueHint: 'dir',
  },
  config: {
    type: 'string',
    description:
      'Config file whose [pricing."<model>"] overrides apply when computing from the logs (default: ~/.config/cco/config.toml or config.json)',
    valueHint: 'path',
  },
} as const;

export interface OneShot {
  /** These roots, else the default ones (CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude). */
  readonly dataDirs?: readonly string[];
  readonly env: Env;
  /** The config file to take price overrides from (else the default one); a bad file is a usage error. */
  readonly config?: string;
  /** As `cco serve --cost-mode` (default `auto`, as the daemon's default). */
  readonly costMode?: CostMode;
  /** Epoch ms the figures are for. */
  readonly now: number;
}

/** The body `answer` makes of one tick over every byte of the logs, and the roots read. */
export async function answerFromLogs(
  shot: OneShot,
  answer: (tick: TickResult, pricing: readonly PriceOverride[], ingest: IngestClient) => string | Promise<string>,
): Promise<{ text: string; roots: readonly DataRoot[] }> {
  const roots = resolveDataRoots({ dataDirs: shot.dataDirs, env: shot.env, home: homedir() });
  const { pricing } = settingsFromFlags({ config: shot.config }, shot.env, homedir());
  const ingest = inProcessIngest({
    roots,
    costMode: shot.costMode ?? 'auto',
    backfillMs: 0,
    parseThreads: ONE_SHOT_PARSE_THREADS,
    pricing,
  });
  try {
    return { text: await answer(await ingest.tick(shot.now), pricing, ingest), roots };
  } finally {
    await ingest.close();
  }
}
