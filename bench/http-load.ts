// Load generators for the HTTP bench: wrk (latency histogram in µs, read through a Lua `done` hook that prints JSON),
// with ApacheBench as the fallback when wrk is missing and cannot be installed, and ab's own `-n 1000 -c 10` check.
import type { Subprocess } from 'bun';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LoadResult {
  readonly tool: 'wrk' | 'ab';
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerS: number;
  /** Latency percentiles, ms (ab: whole ms only). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Socket errors, timeouts and answers with a status ≥ 400. */
  readonly errors: number;
}

export interface LoadOptions {
  readonly connections: number;
  /** wrk threads (ab has one). */
  readonly threads: number;
  /** Upper bound on the run, s. */
  readonly seconds: number;
  /** Ends the run early (SIGINT: both tools then report what they measured) when this resolves. */
  readonly until?: Promise<unknown>;
  /** wrk only: each thread stops at the first response whose body says `"ready":true` (for /api/health). */
  readonly stopWhenReady?: boolean;
}

export interface LoadGenerator {
  readonly tool: 'wrk' | 'ab';
  run(url: string, options: LoadOptions): Promise<LoadResult>;
  close(): Promise<void>;
  /** For a signal handler: kills the runs in flight and removes temp files, synchronously. */
  abort(): void;
}

const PREFIX = 'WRK_JSON ';

// Runs in every wrk thread. `response` is only defined when asked to stop on ready: wrk skips parsing bodies otherwise.
const WRK_SCRIPT = `
function init(args)
  if args[1] == "stop-when-ready" then
    response = function(status, headers, body)
      if string.find(body, '"ready":true', 1, true) then wrk.thread:stop() end
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('${PREFIX}{"duration_us":%d,"requests":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\\n',
    summary.duration, summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
`;

interface WrkJson {
  duration_us: number;
  requests: number;
  errors: number;
  p50_us: number;
  p99_us: number;
  max_us: number;
}

/** Runs `argv` to exit (kept in `running` meanwhile); SIGINT when `until` resolves first. Throws on a non-zero exit. */
async function runTool(argv: readonly string[], until?: Promise<unknown>, running?: Set<Subprocess>): Promise<string> {
  const proc = Bun.spawn([...argv], { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  running?.add(proc);
  let finished = false;
  let interrupted = false;
  void until?.then(() => {
    if (finished) return;
    interrupted = true;
    proc.kill('SIGINT');
  });
  try {
    const [stdout, stderr, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    // Interrupted, ab prints its report and exits non-zero; the report is still good.
    if (code !== 0 && !interrupted)
      throw new Error(
        `${argv.join(' ')} exited ${code}: ${(stderr || stdout).trim().split('\n').slice(-2).join(' | ')}`,
      );
    return stdout;
  } finally {
    finished = true;
    running?.delete(proc);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
}

async function wrkGenerator(): Promise<LoadGenerator> {
  const dir = await mkdtemp(join(tmpdir(), 'cco-bench-wrk-'));
  const script = join(dir, 'report.lua');
  await writeFile(script, WRK_SCRIPT);
  const running = new Set<Subprocess>();
  return {
    tool: 'wrk',
    async run(url, o) {
      // A long timeout: wrk leaves timed-out requests out of its latency histogram, which would hide the slowest.
      const argv = [
        'wrk',
        `-t${o.threads}`,
        `-c${o.connections}`,
        `-d${Math.ceil(o.seconds)}s`,
        '--timeout',
        '60s',
        '-s',
        script,
        url,
      ];
      const stdout = await runTool(o.stopWhenReady ? [...argv, '--', 'stop-when-ready'] : argv, o.until, running);
      const line = stdout.split('\n').find((l) => l.startsWith(PREFIX));
      if (!line) throw new Error(`wrk printed no result for ${url}: ${stdout.trim().slice(-300)}`);
      const r = JSON.parse(line.slice(PREFIX.length)) as WrkJson;
      const seconds = r.duration_us / 1e6;
      return {
        tool: 'wrk',
        requests: r.requests,
        seconds,
        requestsPerS: r.requests / seconds,
        p50Ms: r.p50_us / 1e3,
        p99Ms: r.p99_us / 1e3,
        maxMs: r.max_us / 1e3,
        errors: r.errors,
      };
    },
    close: () => rm(dir, { recursive: true, force: true }),
    abort() {
      for (const proc of running) proc.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface AbReport {
  readonly requests: number;
  readonly requestsPerS: number;
  readonly seconds: number;
  /** Percentile → ms, from ab's "Percentage of the requests served within a certain time" table (100: longest). */
  readonly percentiles: ReadonlyMap<number, number>;
  /** Connect, receive and exception failures and non-2xx answers. */
  readonly errors: number;
  /** Bodies whose length differs from the first one's: ab calls them failed, but /api/stats's `stale_s` varies. */
  readonly lengthMismatches: number;
}

const num = (text: string, pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? Number.NaN);

export function parseAb(stdout: string): AbReport {
  const percentiles = new Map<number, number>();
  for (const m of stdout.matchAll(/^\s*(\d+)%\s+(\d+)/gm)) percentiles.set(Number(m[1]), Number(m[2]));
  const count = (pattern: RegExp) => (pattern.test(stdout) ? num(stdout, pattern) : 0);
  const failed = count(/^\s*\(Connect: (\d+)/m) + count(/Receive: (\d+)/) + count(/Exceptions: (\d+)/);
  return {
    requests: num(stdout, /^Complete requests:\s+(\d+)/m),
    requestsPerS: num(stdout, /^Requests per second:\s+([\d.]+)/m),
    seconds: num(stdout, /^Time taken for tests:\s+([\d.]+)/m),
    percentiles,
    errors: failed + count(/^Non-2xx responses:\s+(\d+)/m),
    lengthMismatches: count(/Length: (\d+)/),
  };
}

/** ab's own check: `ab -n <requests> -c <connections> url`, no keep-alive. */
export async function runAb(url: string, requests: number, connections: number): Promise<AbReport> {
  return parseAb(await runTool(['ab', '-q', '-n', String(requests), '-c', String(connections), url]));
}

function abGenerator(): LoadGenerator {
  const running = new Set<Subprocess>();
  return {
    tool: 'ab',
    async run(url, o) {
      const r = parseAb(
        await runTool(
          ['ab', '-q', '-k', '-c', String(o.connections), '-t', String(Math.ceil(o.seconds)), '-n', '100000000', url],
          o.until,
          running,
        ),
      );
      const at = (p: number) => r.percentiles.get(p) ?? Number.NaN;
      return {
        tool: 'ab',
        requests: r.requests,
        seconds: r.seconds,
        requestsPerS: r.requestsPerS,
        p50Ms: at(50),
        p99Ms: at(99),
        maxMs: at(100),
        errors: r.errors,
      };
    },
    close: async () => {},
    abort() {
      for (const proc of running) proc.kill('SIGKILL');
    },
  };
}

const isRoot = () => process.getuid?.() === 0;

/** `apt-get install -y <pkg>` as root (with one `apt-get update` retry); false when not root or it fails. */
function aptInstall(pkg: string, log: (line: string) => void): boolean {
  if (!isRoot() || !Bun.which('apt-get')) return false;
  log(`installing ${pkg} with apt-get …`);
  const install = () =>
    Bun.spawnSync(['apt-get', 'install', '-y', '-q', pkg], { stdout: 'ignore', stderr: 'ignore' }).exitCode === 0;
  if (install()) return true;
  Bun.spawnSync(['apt-get', 'update', '-q'], { stdout: 'ignore', stderr: 'ignore' });
  return install();
}

/** wrk when present or installable, else ab; throws when neither is. */
export async function loadGenerator(log: (line: string) => void): Promise<LoadGenerator> {
  if (Bun.which('wrk') || aptInstall('wrk', log)) return wrkGenerator();
  if (hasAb(log)) {
    log('wrk unavailable: falling back to ab (latency in whole ms)');
    return abGenerator();
  }
  throw new Error('no load generator: install wrk (apt-get install wrk) or ab (apt-get install apache2-utils)');
}

/** ab on PATH, installing apache2-utils as root if needed. */
export const hasAb = (log: (line: string) => void): boolean =>
  Bun.which('ab') !== null || aptInstall('apache2-utils', log);
