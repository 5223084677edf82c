// Many machines, one total, by push: three compiled cco daemons on generated roots push to one real Prometheus
// (remote-write receiver on), which goes down and comes back while one of them counts new usage; PromQL's sums equal
// the sum of the daemons' own /api/stats before and after the outage, and every query of docs/grafana/cco.json
// returns series from that data (machine a also has plan-limit samples in its status line's spool).
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { sampleToSpoolLine, type LimitSample } from '../../src/ledger/limit-samples.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { compiledBinary, spawnDaemon, type Daemon } from '../helpers/binary.ts';
import { PROMETHEUS, startPrometheus, type PrometheusServer } from '../helpers/prometheus.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';
import { health, totals, waitFor, type DaemonTotals } from '../helpers/wait.ts';

const COST = 'claude_code_cost_usage_USD_total';
const TOKENS = 'claude_code_token_usage_tokens_total';
const TOKEN_TOTALS = {
  input: 'input_tokens',
  output: 'output_tokens',
  cacheRead: 'cache_read_tokens',
  cacheCreation: 'cache_creation_tokens',
} as const satisfies Record<string, keyof DaemonTotals>;

/** Plan-limit readings a status line spooled on machine a: 5-hour, weekly, and a weekly per-model cap. */
function spooledLimits(now: number): string {
  const reading = (window: LimitSample['window'], usedPercent: number, hours: number, model?: string): LimitSample => ({
    window,
    usedPercent,
    resetsAt: now + hours * 3_600_000,
    observedAt: now,
    session: 'sess-limits',
    source: 'statusline',
    model,
  });
  return [reading('five_hour', 42, 3), reading('seven_day', 63, 90), reading('seven_day_model', 71, 90, 'Opus')]
    .map((s) => `${sampleToSpoolLine(s)}\n`)
    .join('');
}

interface Machine {
  readonly label: string;
  readonly root: string;
  readonly daemon: Daemon;
}

describe.skipIf(!PROMETHEUS)('three machines pushing to one Prometheus', () => {
  const dirs: TempDir[] = [];
  const machines: Machine[] = [];
  let prom: PrometheusServer;

  beforeAll(async () => {
    prom = await startPrometheus();
    const binary = await compiledBinary();
    for (const [label, seed, sessions] of [
      ['a', 11, 6],
      ['b', 12, 10],
      ['c', 13, 14],
    ] as const) {
      const dir = await tempDir(`cco-push-${label}-`);
      dirs.push(dir);
      const root = join(dir.path, 'root');
      await generateDemoRoot(root, { now: Date.now(), sessions, seed });
      const config = join(dir.path, 'config.toml');
      await writeFile(config, `[remote_write]\nurl = "${prom.writeUrl}"\ninterval = "200ms"\ntimeout = "1s"\n`);
      const state = join(dir.path, 'state');
      await mkdir(state, { recursive: true });
      if (label === 'a') await writeFile(join(state, 'limits.jsonl'), spooledLimits(Date.now()));
      const daemon = await spawnDaemon(
        binary,
        [
          ...['--data-dir', root, '--db', join(dir.path, 'cco.db'), '--machine-label', label],
          ...['--interval', '200ms', '--config', config],
        ],
        // (CLAUDE_CONFIG_DIR: no ~/.claude.json of this machine's own)
        { CCO_STATE_DIR: state, CLAUDE_CONFIG_DIR: dir.path },
      );
      machines.push({ label, root, daemon });
    }
  }, 180_000);

  afterAll(async () => {
    for (const m of machines) await m.daemon[Symbol.asyncDispose]();
    await prom?.[Symbol.asyncDispose]();
    for (const d of dirs) await d[Symbol.asyncDispose]();
  });

  /** The daemons' own totals and Prometheus' sums, once they agree (cost to 1e-6, tokens exactly, per machine too). */
  async function agreeing(what: string): Promise<{ cost: number }> {
    let seen = '';
    return waitFor(
      async () => {
        const own = await Promise.all(machines.map((m) => totals(m.daemon.url)));
        const cost = own.reduce((sum, t) => sum + t.cost, 0);
        const [total] = await prom.query(`sum(${COST})`);
        const perMachine = await prom.query(`sum by (machine) (${COST})`);
        seen = `PromQL ${total?.value} per machine ${JSON.stringify(perMachine.map((r) => [r.metric.machine, r.value]))}; /api/stats ${own.map((t) => t.cost)}`;
        if (perMachine.length !== 3 || Math.abs((total?.value ?? Number.NaN) - cost) > 1e-6) return undefined;
        for (const [i, m] of machines.entries()) {
          const got = perMachine.find((r) => r.metric.machine === m.label)?.value ?? Number.NaN;
          if (Math.abs(got - (own[i]?.cost ?? 0)) > 1e-6) return undefined;
        }
        for (const [type, key] of Object.entries(TOKEN_TOTALS)) {
          const [sum] = await prom.query(`sum(${TOKENS}{type="${type}"})`);
          if (sum?.value !== own.reduce((n, t) => n + t[key], 0)) return undefined;
        }
        return { cost };
      },
      what,
      60_000,
      200,
    ).catch((error) => {
      throw new Error(`${(error as Error).message}: ${seen}; prometheus said: ${prom.log()}`);
    });
  }

  it('gives one team total equal to the sum of the machines’ own totals, through an outage of the receiver', async () => {
    const before = await agreeing('the first pushes');
    expect(before.cost).toBeGreaterThan(0);

    await prom.stop();
    const downAt = Date.now();
    const [a] = machines;
    if (!a) throw new Error('no machine');
    const costBefore = (await totals(a.daemon.url)).cost;
    await mkdir(join(a.root, 'projects', '-home-ada-src-offline'), { recursive: true });
    await appendFile(
      join(a.root, 'projects', '-home-ada-src-offline', 'offline.jsonl'),
      `${assistant({ id: 'msg_offline', requestId: 'req_offline', timestamp: new Date().toISOString(), model: 'claude-opus-4-5-20251101', input: 20_000, output: 4_000 })}\n`,
    );
    await waitFor(async () => ((await totals(a.daemon.url)).cost > costBefore ? true : undefined), 'the new usage');
    const ticksDuringOutage = await Promise.all(machines.map(async (m) => (await health(m.daemon.url)).last_tick?.at));
    // Every daemon keeps ticking and keeps its samples while the receiver is down.
    await waitFor(async () => {
      for (const [i, m] of machines.entries()) {
        const h = await health(m.daemon.url);
        if (h.last_tick?.at === ticksDuringOutage[i] || h.failed_ticks !== 0) return undefined;
        if (!h.remote_write?.last_error || (h.remote_write.pending_samples ?? 0) === 0) return undefined;
      }
      return true;
    }, 'ticks and kept samples during the outage');
    await Bun.sleep(1_000);
    const upAt = Date.now();
    await prom.start();

    const after = await agreeing('the backlog to drain');
    expect(after.cost).toBeGreaterThan(before.cost);
    // The outage's samples were filled in: machine a has cost samples dated inside it.
    const middle = (downAt + upAt) / 2000;
    const inside = await prom.query(`count_over_time(${COST}{machine="a"}[500ms])`, middle);
    expect(inside.length).toBeGreaterThan(0);
    expect(await prom.query(`resets(${COST}[10m]) > 0`)).toEqual([]);
  }, 150_000);

  it('answers every panel and variable query of docs/grafana/cco.json with series from pushed data', async () => {
    await agreeing('pushed data');
    const dashboard = JSON.parse(
      await readFile(join(import.meta.dir, '..', '..', 'docs', 'grafana', 'cco.json'), 'utf8'),
    ) as {
      panels: { title: string; targets: { expr: string }[] }[];
      templating: { list: { name: string; type: string; query: string | { query: string } }[] };
    };
    const resolve = (expr: string) =>
      expr.replace(/\$(machine|project|model)\b/g, '.*').replace(/\$__(rate_)?interval\b/g, '1m');
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(8);
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        const result = await prom.query(resolve(target.expr));
        expect({ panel: panel.title, series: result.length > 0 }).toEqual({ panel: panel.title, series: true });
      }
    }
    const variables = dashboard.templating.list.filter((v) => v.type === 'query');
    expect(variables.map((v) => v.name)).toEqual(['machine', 'project', 'model']);
    for (const v of variables) {
      const text = typeof v.query === 'string' ? v.query : v.query.query;
      const [, match, label] = /^label_values\((.+), (\w+)\)$/.exec(text) ?? [];
      const values = await prom.labelValues(label ?? '', resolve(match ?? ''));
      expect({ variable: v.name, values: values.length > 0 }).toEqual({ variable: v.name, values: true });
      if (v.name === 'machine') expect(values).toEqual(['a', 'b', 'c']);
    }
    expect(dashboard.templating.list.find((v) => v.name === 'datasource')?.type).toBe('datasource');
    const limits = await prom.query('cco_plan_limit_used_percent');
    expect(limits.map((r) => [r.metric.machine, r.metric.window, r.metric.model ?? '', r.value]).sort()).toEqual([
      ['a', 'five_hour', '', 42],
      ['a', 'seven_day', '', 63],
      ['a', 'seven_day_model', 'Opus', 71],
    ]);
  }, 90_000);
});
