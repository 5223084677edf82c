// The servers the HTTP bench talks to, each a child process on loopback: the compiled `dist/cco serve` and the raw
// Bun.serve baseline. Both print `listening on http://127.0.0.1:PORT` on stderr; they are stopped with SIGTERM, then
// SIGKILL, and `await using` stops them on every path out.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nowMs } from './lib/timing.ts';

export const CCO_BINARY = resolve(import.meta.dir, '../dist/cco');
const RAW_SERVER = resolve(import.meta.dir, 'http-raw-server.ts');

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
const STOP_GRACE_MS = 5_000;

export interface ServerProcess extends AsyncDisposable {
  readonly name: string;
  readonly pid: number;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** When the listening line arrived, on the `nowMs()` clock. */
  readonly listeningAtMs: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resident set size now, bytes (VmRSS: every thread of the process). */
  rssBytes(): number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Spawns `argv` and resolves once it prints its listening line; kills it and throws if it exits or stays silent. */
export async function startServer(
  name: string,
  argv: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const proc = Bun.spawn([...argv], {
    env: { ...process.env, TZ: 'UTC', NO_COLOR: '1', ...env },
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'pipe',
  });
  let stderr = '';
  let url: string | undefined;
  let listeningAtMs = 0;
  // Keep draining stderr for the whole life of the process, so a chatty server never blocks on a full pipe.
  const drained = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of proc.stderr) {
      stderr += decoder.decode(chunk, { stream: true });
      if (url === undefined) {
        const match = LISTENING.exec(stderr);
        if (match?.[1]) {
          url = match[1];
          listeningAtMs = nowMs();
        }
      }
    }
  })();

  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const exited = await Promise.race([proc.exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
    if (!exited) {
      proc.kill('SIGKILL');
      await proc.exited;
    }
    await drained.catch(() => {});
  };

  const deadline = nowMs() + timeoutMs;
  while (url === undefined) {
    if (proc.exitCode !== null || proc.signalCode !== null || nowMs() > deadline) {
      const why =
        proc.exitCode !== null || proc.signalCode !== null
          ? `exited (${proc.exitCode ?? proc.signalCode})`
          : `did not listen within ${timeoutMs} ms`;
      await stop();
      throw new Error(`${name} ${why}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    }
    await sleep(5);
  }
  const listening = url;
  return {
    name,
    pid: proc.pid,
    url: listening,
    listeningAtMs,
    stderr: () => stderr,
    rssBytes: () => readVmRss(proc.pid),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/**
 * `dist/cco serve --port 0` with `args` (e.g. `--demo`, `--data-dir <root>`, `--interval 100ms`). `dataHome` becomes
 * its XDG_DATA_HOME: a fresh, empty folder gives a fresh store (a true cold start), and the bench never writes to the
 * store in the user's home.
 */
export const startCco = (name: string, args: readonly string[], dataHome: string): Promise<ServerProcess> =>
  startServer(name, [CCO_BINARY, 'serve', '--port', '0', ...args], { XDG_DATA_HOME: dataHome });

/** The raw Bun.serve baseline answering every request with the bytes of `bodyFile`. */
export const startRawServer = (bodyFile: string, contentType: string): Promise<ServerProcess> =>
  startServer('raw Bun.serve', [process.execPath, RAW_SERVER, bodyFile, contentType]);

/** VmRSS of `pid` in bytes, NaN where /proc is missing. */
export function readVmRss(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface Health {
  readonly ready: boolean;
  readonly failed_ticks: number;
  readonly bytes_read: number;
  readonly files_tracked: number;
  readonly last_tick: { readonly at: string; readonly duration_ms: number } | null;
}

export async function fetchHealth(server: ServerProcess): Promise<Health> {
  const response = await fetch(`${server.url}/api/health`);
  if (!response.ok) throw new Error(`${server.name}: GET /api/health answered ${response.status}`);
  return (await response.json()) as Health;
}

/** Polls /api/health every `everyMs` until `ready`; returns the ready health and when it was seen (`nowMs()`). */
export async function waitReady(
  server: ServerProcess,
  timeoutMs: number,
  everyMs = 50,
): Promise<{ health: Health; atMs: number }> {
  const deadline = nowMs() + timeoutMs;
  for (;;) {
    const health = await fetchHealth(server);
    if (health.ready) return { health, atMs: nowMs() };
    if (nowMs() > deadline) throw new Error(`${server.name} not ready after ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}
