// Many machines, one total: a real Prometheus server scrapes two compiled cco daemons on loopback, and PromQL's sum of
// their cost counters equals the sum of their /api/stats totals. Runs wherever Debian's `prometheus` is installed.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { compiledBinary, spawnDaemon, type Daemon } from '../helpers/binary.ts';
import { NOW } from '../helpers/metrics.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';

const PROMETHEUS = Bun.which('prometheus');

interface Machine {
  readonly label: string;
  readonly daemon: Daemon;
  readonly cost: number;
}

async function freePort(): Promise<number> {
  const probe = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

async function waitFor<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(250);
  }
}

/** The scrape config of docs/prometheus.md, pointed at the daemons. */
const prometheusConfig = (targets: readonly string[]) => `global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: cco
    static_configs:
      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]
`;

describe.skipIf(!PROMETHEUS)('many machines through Prometheus', () => {
  const dirs: TempDir[] = [];
  const machines: Machine[] = [];
  let prometheus: Bun.Subprocess | undefined;
  let promLog = '';
  let api = '';

  beforeAll(async () => {
    const binary = await compiledBinary();
    for (const [label, seed, sessions] of [
      ['a', 1, 12],
      ['b', 2, 20],
    ] as const) {
      const dir = await tempDir(`cco-machine-${label}-`);
      dirs.push(dir);
      await generateDemoRoot(dir.path, { now: NOW, sessions, seed });
      const daemon = await spawnDaemon(binary, ['--data-dir', dir.path, '--no-persist', '--machine-label', label]);
      const cost = await waitFor(`machine ${label}'s first ingest`, async () => {
        const health = (await (await fetch(`${daemon.url}/api/health`)).json()) as { ready: boolean };
        if (!health.ready) return undefined;
        return ((await (await fetch(`${daemon.url}/api/stats`)).json()) as { totals: { cost: number } }).totals.cost;
      });
      machines.push({ label, daemon, cost });
    }
    const work = await tempDir('cco-prometheus-');
    dirs.push(work);
    const config = join(work.path, 'prometheus.yml');
    await writeFile(config, prometheusConfig(machines.map((m) => new URL(m.daemon.url).host)));
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    prometheus = Bun.spawn(
      [
        PROMETHEUS as string,
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(work.path, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdout: 'ignore', stderr: 'pipe' },
    );
    void new Response(prometheus.stderr as ReadableStream).text().then((t) => (promLog = t));
  }, 180_000);

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    await prometheus?.exited;
    for (const m of machines) await m.daemon[Symbol.asyncDispose]();
    for (const d of dirs) await d[Symbol.asyncDispose]();
  });

  /** An instant PromQL query; the vector's samples as label sets and numbers. */
  const query = async (promql: string): Promise<{ metric: Record<string, string>; value: number }[]> => {
    const res = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      status: string;
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== 'success') throw new Error(`query failed: ${JSON.stringify(body)}`);
    return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  };

  it('sums the cost of both machines in PromQL to the sum of their /api/stats totals', async () => {
    // Both targets scraped: one series set per machine label.
    await waitFor('both daemons scraped', async () =>
      (await query('count by (machine) (claude_code_cost_usage_USD_total)')).length === 2 ? true : undefined,
    ).catch((error) => {
      throw new Error(`${(error as Error).message}; prometheus said: ${promLog}`);
    });
    const [total] = await query('sum(claude_code_cost_usage_USD_total)');
    const expected = machines.reduce((sum, m) => sum + m.cost, 0);
    const perMachine = await query('sum by (machine) (claude_code_cost_usage_USD_total)');
    const seen = `PromQL sum ${total?.value}, per machine ${JSON.stringify(perMachine)}; /api/stats ${machines.map((m) => `${m.label}=${m.cost}`).join(' ')}`;
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs((total?.value ?? Number.NaN) - expected), seen).toBeLessThanOrEqual(1e-6);
    for (const m of machines) {
      const got = perMachine.find((r) => r.metric.machine === m.label)?.value ?? Number.NaN;
      expect(Math.abs(got - m.cost), seen).toBeLessThanOrEqual(1e-6);
    }
    expect(machines[0]?.cost).not.toBeCloseTo(machines[1]?.cost ?? 0, 2);
    expect((await query('up{job="cco"}')).map((r) => r.value)).toEqual([1, 1]);
  }, 90_000);
});
