import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { costOfUsage, createPriceBook } from '../../src/pricing/index.ts';
import { tempDir } from '../helpers/temp.ts';
import { assistantLine, pricedLines, syntheticLine } from './oracle-fixture.ts';

const CCUSAGE = resolve(import.meta.dir, '../../node_modules/.bin/ccusage');
const FIRST_DAY = Date.UTC(2025, 0, 1);

/** Each message on its own UTC day, so ccusage's daily breakdown shows every message's cost separately. */
const dayOf = (n: number) => new Date(FIRST_DAY + n * 86_400_000).toISOString().slice(0, 10);

interface CcusageDaily {
  daily: { date: string; modelBreakdowns: { modelName: string; cost: number }[] }[];
}

/** Runs the pinned ccusage offline over `root`, isolated from the user's home, config and aliases. */
async function ccusageDaily(root: string, home: string): Promise<CcusageDaily> {
  const proc = Bun.spawn([CCUSAGE, 'claude', 'daily', '--json', '--offline', '--mode', 'calculate', '-z', 'UTC'], {
    cwd: home,
    env: { PATH: process.env.PATH ?? '', HOME: home, CLAUDE_CONFIG_DIR: root, TZ: 'UTC', NO_COLOR: '1' },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`ccusage exited ${code}: ${err}`);
  return JSON.parse(out) as CcusageDaily;
}

describe('pricing against ccusage 20.0.24 (oracle)', () => {
  it('computes the same cost for every message as ccusage --mode calculate, to 1e-9 relative', async () => {
    await using dir = await tempDir('cco-pricing-oracle-');
    const root = join(dir.path, 'root');
    const home = join(dir.path, 'home');
    await mkdir(join(root, 'projects', '-home-x'), { recursive: true });
    await mkdir(home);

    const lines = pricedLines();
    const jsonl = lines.map((line, n) => assistantLine(line, n, `${dayOf(n)}T10:15:02.113Z`));
    jsonl.push(syntheticLine(lines.length, `${dayOf(0)}T11:00:00.000Z`));
    await writeFile(join(root, 'projects', '-home-x', 's1.jsonl'), `${jsonl.join('\n')}\n`);

    const book = createPriceBook();
    const expected = new Map<string, number>();
    lines.forEach((line, n) => {
      const pricing = book.findPricing(line.modelId);
      if (!pricing) throw new Error(`fixture model ${line.modelId} has no price`);
      // ccusage lists fast-mode messages under `<model>-fast`.
      const name = line.speed === 'fast' ? `${line.modelId}-fast` : line.modelId;
      expected.set(`${dayOf(n)} ${name}`, costOfUsage(pricing, line.tokens, line.speed));
    });

    const report = await ccusageDaily(root, home);
    const actual = new Map<string, number>();
    for (const day of report.daily) {
      for (const { modelName, cost } of day.modelBreakdowns) actual.set(`${day.date} ${modelName}`, cost);
    }

    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    const off = [...expected].flatMap(([name, cost]) => {
      const theirs = actual.get(name) ?? Number.NaN;
      const relative = Math.abs(cost - theirs) / Math.max(Math.abs(theirs), Number.MIN_VALUE);
      return relative <= 1e-9 ? [] : [{ name, cco: cost, ccusage: theirs }];
    });
    expect(off).toEqual([]);
  });
});
