// The oracle: the pinned ccusage 20.0.24, run offline over a data root, isolated from the user's home and config.
import { expect } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runProcess } from './run.ts';
import type { DaemonTotals } from './wait.ts';

const CCUSAGE = resolve(import.meta.dir, '../../node_modules/.bin/ccusage');

export interface CcusageTokens {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

export interface CcusageModelBreakdown extends CcusageTokens {
  modelName: string;
  cost: number;
}

export interface CcusageDaily {
  daily: (CcusageTokens & { date: string; totalCost: number; modelBreakdowns: CcusageModelBreakdown[] })[];
  totals: CcusageTokens & { totalCost: number; totalTokens: number };
}

export interface CcusageSessions {
  sessions: (CcusageTokens & { sessionId: string; totalCost: number; modelBreakdowns: CcusageModelBreakdown[] })[];
  totals: CcusageTokens & { totalCost: number };
}

/** Runs `ccusage claude <report> --json --offline --mode calculate -z <zone> ...extra` on `root`; parses its JSON. */
export async function ccusage<T = CcusageDaily>(
  root: string,
  report: 'daily' | 'weekly' | 'monthly' | 'session' | 'blocks' = 'daily',
  extra: string[] = [],
  zone = 'UTC',
): Promise<T> {
  const home = await mkdtemp(join(tmpdir(), 'cco-oracle-home-'));
  try {
    const { code, out, err } = await runProcess(
      [CCUSAGE, 'claude', report, '--json', '--offline', '--mode', 'calculate', '-z', zone, ...extra],
      {
        cwd: home,
        env: { PATH: process.env.PATH ?? '', HOME: home, CLAUDE_CONFIG_DIR: root, TZ: 'UTC', NO_COLOR: '1' },
      },
    );
    if (code !== 0) throw new Error(`ccusage exited ${code}: ${err}`);
    return JSON.parse(out) as T;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** Relative difference, safe at 0. */
export const relativeError = (a: number, b: number): number =>
  a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

/** Asserts cco's totals equal ccusage's: every token kind exactly, the cost to `costDigits` decimals. */
export function expectTotalsEqualOracle(
  totals: Pick<DaemonTotals, 'input_tokens' | 'output_tokens' | 'cache_creation_tokens' | 'cache_read_tokens' | 'cost'>,
  oracle: CcusageDaily,
  costDigits: number,
): void {
  expect(totals).toMatchObject({
    input_tokens: oracle.totals.inputTokens,
    output_tokens: oracle.totals.outputTokens,
    cache_creation_tokens: oracle.totals.cacheCreationTokens,
    cache_read_tokens: oracle.totals.cacheReadTokens,
  });
  expect(totals.cost).toBeCloseTo(oracle.totals.totalCost, costDigits);
}
