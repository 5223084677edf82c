// A real Prometheus server (Debian's `prometheus`) on a free loopback port with a temp storage dir and the remote-write
// receiver on, which tests stop and start again on the same port and data; and PromQL queries against it.
import { join } from 'node:path';
import { tempDir, type TempDir } from './temp.ts';

export const PROMETHEUS = Bun.which('prometheus');

export async function freePort(): Promise<number> {
  const probe = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

export interface PromSeries {
  readonly metric: Record<string, string>;
  readonly value: number;
}

export interface PrometheusServer extends AsyncDisposable {
  readonly url: string;
  /** Where cco pushes: `<url>/api/v1/write`. */
  readonly writeUrl: string;
  /** An instant query (at `time`, epoch seconds, when given). */
  query(promql: string, time?: number): Promise<PromSeries[]>;
  /** Values of a label among series matching `match` (what Grafana's label_values() asks). */
  labelValues(label: string, match: string): Promise<string[]>;
  /** SIGTERM and wait: the receiver is gone (its data stays on disk). */
  stop(): Promise<void>;
  /** Starts it again on the same port and storage; resolves once it answers. */
  start(): Promise<void>;
  log(): string;
}

export async function startPrometheus(): Promise<PrometheusServer> {
  const dir: TempDir = await tempDir('cco-prometheus-');
  const config = join(dir.path, 'prometheus.yml');
  await Bun.write(config, 'global:\n  scrape_interval: 15s\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let proc: Bun.Subprocess<'ignore', 'ignore', 'pipe'> | undefined;
  let log = '';
  const start = async () => {
    proc = Bun.spawn(
      [
        PROMETHEUS as string,
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir.path, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--web.enable-remote-write-receiver',
        '--log.level=warn',
      ],
      { stdin: 'ignore', stdout: 'ignore', stderr: 'pipe' },
    );
    void new Response(proc.stderr).text().then((text) => (log += text));
    const deadline = Date.now() + 30_000;
    while (
      !(await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) throw new Error(`prometheus did not start: ${log}`);
      await Bun.sleep(100);
    }
  };
  const stop = async () => {
    proc?.kill('SIGTERM');
    await proc?.exited;
    proc = undefined;
  };
  await start();
  return {
    url,
    writeUrl: `${url}/api/v1/write`,
    async query(promql, time) {
      const at = time === undefined ? '' : `&time=${time}`;
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}${at}`);
      const body = (await res.json()) as {
        status: string;
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== 'success') throw new Error(`query ${promql} failed: ${JSON.stringify(body)}`);
      return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
    async labelValues(label, match) {
      const res = await fetch(`${url}/api/v1/label/${label}/values?match[]=${encodeURIComponent(match)}`);
      const body = (await res.json()) as { status: string; data: string[] };
      if (body.status !== 'success') throw new Error(`label_values(${match}, ${label}) failed`);
      return body.data;
    },
    stop,
    start,
    log: () => log,
    async [Symbol.asyncDispose]() {
      await stop();
      await dir[Symbol.asyncDispose]();
    },
  };
}

/** What the receiver in front of Prometheus does with each request. */
export type ReceiverMode = 'pass' | 'stall' | 400 | 429 | 503;

export interface FaultyReceiver extends AsyncDisposable {
  readonly url: string;
  mode: ReceiverMode;
  /** Requests answered (or held) by each mode so far. */
  readonly seen: Record<string, number>;
  /** Requests held open right now ('stall'). */
  readonly stalled: number;
}

/** A real HTTP receiver that forwards pushes to `target` ('pass'), answers an error status, or accepts and never answers. */
export function faultyReceiver(target: string, mode: ReceiverMode): FaultyReceiver {
  const seen: Record<string, number> = {};
  let stalled = 0;
  const held: (() => void)[] = [];
  const receiver: { mode: ReceiverMode } = { mode };
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    idleTimeout: 0,
    async fetch(request) {
      const now = receiver.mode;
      seen[String(now)] = (seen[String(now)] ?? 0) + 1;
      if (now === 'pass') {
        const forwarded = await fetch(target, {
          method: 'POST',
          headers: request.headers,
          body: await request.arrayBuffer(),
        });
        return new Response(await forwarded.arrayBuffer(), { status: forwarded.status });
      }
      if (now === 'stall') {
        stalled++;
        await new Promise<void>((resolve) => held.push(resolve));
        stalled--;
        return new Response(null, { status: 204 });
      }
      return new Response(`receiver says ${now}`, { status: now, headers: now === 429 ? { 'retry-after': '0' } : {} });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}/api/v1/write`,
    get mode() {
      return receiver.mode;
    },
    set mode(next) {
      receiver.mode = next;
    },
    seen,
    get stalled() {
      return stalled;
    },
    async [Symbol.asyncDispose]() {
      for (const release of held.splice(0)) release();
      await server.stop(true);
    },
  };
}
