// The reference tool: the pinned ccusage 20.0.24, run offline over a data root in its own empty HOME, timed end to end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runChild, type ChildRun } from './child.ts';
import type { UsageTotals } from './totals.ts';

export const CCUSAGE = resolve(import.meta.dir, '../../node_modules/.bin/ccusage');

interface DailyReport {
  readonly totals: {
    inputTokens: number;
    outputTokens: number;
    cacheCreationTokens: number;
    cacheReadTokens: number;
    totalCost: number;
  };
}

export interface CcusageRun extends ChildRun {
  readonly totals: UsageTotals;
}

/** `ccusage claude daily --json --offline --mode calculate -z UTC` on `root`. */
export async function runCcusage(root: string): Promise<CcusageRun> {
  const home = await mkdtemp(join(tmpdir(), 'cco-bench-home-'));
  try {
    const run = await runChild(
      [CCUSAGE, 'claude', 'daily', '--json', '--offline', '--mode', 'calculate', '-z', 'UTC'],
      {
        cwd: home,
        env: { PATH: process.env.PATH, HOME: home, CLAUDE_CONFIG_DIR: root, TZ: 'UTC', NO_COLOR: '1' },
      },
    );
    const t = (JSON.parse(run.stdout) as DailyReport).totals;
    const totals = {
      input: t.inputTokens,
      output: t.outputTokens,
      cacheCreation: t.cacheCreationTokens,
      cacheRead: t.cacheReadTokens,
      cost: t.totalCost,
    };
    return { ...run, totals };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
