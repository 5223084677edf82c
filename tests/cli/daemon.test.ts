// `cco daemon` through the compiled binary (it re-executes itself) and once in-process from source.
import { beforeAll, describe, expect, it } from 'bun:test';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lookupDaemon } from '../../src/cli/daemon/lookup.ts';
import { procfsInspector, psInspector, systemInspector } from '../../src/cli/daemon/process.ts';
import { startManaged } from '../../src/cli/daemon/start.ts';
import { statePaths } from '../../src/cli/daemon/state.ts';
import { stopManaged } from '../../src/cli/daemon/stop.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { compiledBinary, isolatedEnv } from '../helpers/binary.ts';
import { cliWith } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

let binary = '';
beforeAll(async () => {
  binary = await compiledBinary();
}, 120_000);

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(args: string[], env: Record<string, string>): Promise<Run> {
  const proc = Bun.spawn([binary, ...args], {
    stdout: 'pipe',
    stderr: 'pipe',
    env: { ...process.env, ...isolatedEnv(), TZ: 'UTC', ...env },
  });
  const [code, out, err] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  return { code, out: out.trimEnd(), err: err.trimEnd() };
}

/** Runs and is not a zombie (an exited daemon whose parent is gone may wait a while for a reaper). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/\) Z /.test(stat);
};

/** A pid that surely runs nothing: a process that has already exited. */
async function deadPid(): Promise<number> {
  const proc = Bun.spawn(['true']);
  await proc.exited;
  return proc.pid;
}

/**
 * An unrelated program that any "has a `serve` argument" check mistakes for the daemon (like `npm run serve` or
 * `mkdocs serve`); the `; :` keeps bash from exec'ing sleep in its place.
 */
function stranger(): Bun.Subprocess {
  return Bun.spawn(['bash', '-c', 'sleep 600; :', 'serve'], { stdin: 'ignore', stdout: 'ignore', stderr: 'ignore' });
}

/** Output captured from in-process commands. */
function capture(): CliIO & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (t) => void lines.push(t), err: (t) => void lines.push(t) };
}

const mode = (path: string) => statSync(path).mode & 0o777;

const STARTED = /^cco daemon (?:started|restarted) \(pid (\d+)\) at (http:\/\/127\.0\.0\.1:(\d+)); log: (.+)$/;

/** The whole life cycle, step by step (the caller stops the daemon whatever happens). */
async function lifecycle(dataPath: string, statePath: string, env: Record<string, string>): Promise<void> {
  const started = await run(['daemon', 'start', '--data-dir', dataPath, '--port', '0', '--interval', '200ms'], env);
  expect(started.code).toBe(0);
  const [, pidText, url, port, log] = STARTED.exec(started.out) ?? [];
  const pid = Number(pidText);
  expect(alive(pid)).toBe(true);
  expect(log).toBe(join(statePath, 'cco.log'));
  expect(readFileSync(join(statePath, 'cco.pid'), 'utf8').trim()).toBe(String(pid));
  // `start` returned only once the API answered.
  expect((await fetch(`${url}/api/health`)).status).toBe(200);

  const status = await run(['daemon', 'status'], env);
  expect(status.code).toBe(0);
  expect(status.out).toMatch(new RegExp(`^  pid +${pid}$`, 'm'));
  expect(status.out).toMatch(new RegExp(`^  url +${url}$`, 'm'));
  expect(status.out).toMatch(new RegExp(`^  port +${port}$`, 'm'));
  expect(status.out).toMatch(new RegExp(`^  data +${dataPath}$`, 'm'));
  expect(status.out).toMatch(/^ {2}uptime +\d/m);
  expect(status.out).toMatch(/^ {2}last tick +/m);
  const json = JSON.parse((await run(['daemon', 'status', '--json'], env)).out) as {
    running: boolean;
    pid: number;
    data_roots: string[];
  };
  expect(json).toMatchObject({ running: true, pid, data_roots: [dataPath] });

  // Client commands find the managed daemon through the state dir.
  const stats = await run(['stats', '--json'], env);
  expect(stats.code).toBe(0);
  expect(stats.err).toBe('');
  const fromApi = (await (await fetch(`${url}/api/stats`)).json()) as { totals: unknown };
  expect((JSON.parse(stats.out) as { totals: unknown }).totals).toEqual(fromApi.totals);

  const again = await run(['daemon', 'start'], env);
  expect(again.code).toBe(1);
  expect(again.err).toBe(
    `cco: the daemon is already running: pid ${pid} at ${url} (use 'cco daemon restart' to start it with other options)`,
  );

  const logs = await run(['daemon', 'logs', '-n', '5'], env);
  expect(logs.code).toBe(0);
  expect(logs.out).toContain(`listening on ${url}`);

  const restarted = await run(['daemon', 'restart'], env);
  expect(restarted.code).toBe(0);
  const [, newPidText, newUrl] = STARTED.exec(restarted.out) ?? [];
  const newPid = Number(newPidText);
  expect(newPid).not.toBe(pid);
  expect(alive(pid)).toBe(false);
  const health = (await (await fetch(`${newUrl}/api/health`)).json()) as { interval_s: number };
  expect(health.interval_s).toBe(0.2);

  const stopped = await run(['daemon', 'stop'], env);
  expect(stopped).toEqual({ code: 0, out: `cco daemon stopped (pid ${newPid})`, err: '' });
  expect(alive(newPid)).toBe(false);
  expect(existsSync(join(statePath, 'cco.pid'))).toBe(false);

  const down = await run(['daemon', 'status'], env);
  expect(down.code).toBe(1);
  expect(down.err).toBe("cco: the daemon is not running (start it with 'cco daemon start')");
  expect(await run(['daemon', 'stop'], env)).toEqual({ code: 0, out: 'cco daemon is not running', err: '' });
}

describe('cco daemon (compiled binary)', () => {
  it('starts in the background, reports status, serves stats, restarts with the same flags and stops', async () => {
    await using data = await tempDir('cco-daemon-data-');
    await using state = await tempDir('cco-daemon-state-');
    await generateDemoRoot(data.path, { now: Date.now(), sessions: 8 });
    const env = { CCO_STATE_DIR: state.path };
    try {
      await lifecycle(data.path, state.path, env);
    } finally {
      // Whatever failed above, no daemon outlives the test.
      await run(['daemon', 'stop'], env);
    }
  });

  it('detects and cleans a stale pid file', async () => {
    await using state = await tempDir('cco-daemon-state-');
    const pid = await deadPid();
    writeFileSync(join(state.path, 'cco.pid'), `${pid}\n`);
    const status = await run(['daemon', 'status'], { CCO_STATE_DIR: state.path });
    expect(status.code).toBe(1);
    expect(status.err.split('\n')).toEqual([
      `cco: removed a stale pid file (pid ${pid} is not running) from ${state.path}`,
      "cco: the daemon is not running (start it with 'cco daemon start')",
    ]);
    expect(existsSync(join(state.path, 'cco.pid'))).toBe(false);
  });

  it('treats a pid file naming some other program as stale and starts anyway', async () => {
    await using data = await tempDir('cco-daemon-data-');
    await using state = await tempDir('cco-daemon-state-');
    await mkdir(join(data.path, 'projects'));
    writeFileSync(join(state.path, 'cco.pid'), `${process.pid}\n`);
    const env = { CCO_STATE_DIR: state.path };
    const started = await run(['daemon', 'start', '--data-dir', data.path, '--port', '0'], env);
    try {
      expect(started.err).toBe(
        `cco: removed a stale pid file (pid ${process.pid} now belongs to another program) from ${state.path}`,
      );
      expect(alive(process.pid)).toBe(true);
    } finally {
      expect((await run(['daemon', 'stop'], env)).code).toBe(0);
    }
  });

  it('never signals a live stranger named by a stale pid file: stop calls the file stale, start starts', async () => {
    await using data = await tempDir('cco-daemon-data-');
    await using state = await tempDir('cco-daemon-state-');
    await mkdir(join(data.path, 'projects'));
    const env = { CCO_STATE_DIR: state.path };
    const other = stranger();
    try {
      writeFileSync(join(state.path, 'cco.pid'), `${other.pid}\n`);
      const stale = `cco: removed a stale pid file (pid ${other.pid} now belongs to another program) from ${state.path}`;
      expect(await run(['daemon', 'stop'], env)).toEqual({ code: 0, out: 'cco daemon is not running', err: stale });
      expect(alive(other.pid)).toBe(true);
      expect(existsSync(join(state.path, 'cco.pid'))).toBe(false);

      writeFileSync(join(state.path, 'cco.pid'), `${other.pid}\n`);
      const started = await run(['daemon', 'start', '--data-dir', data.path, '--port', '0'], env);
      expect(started.err).toBe(stale);
      expect(started.code).toBe(0);
      const pid = Number(STARTED.exec(started.out)?.[1]);
      expect(await run(['daemon', 'stop'], env)).toEqual({ code: 0, out: `cco daemon stopped (pid ${pid})`, err: '' });
      expect(alive(other.pid)).toBe(true);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('never signals a process whose start time is not the recorded one, nor one the API disowns', async () => {
    await using state = await tempDir('cco-daemon-state-');
    const env = { CCO_STATE_DIR: state.path };
    const other = stranger();
    const record = (fields: Record<string, unknown>) =>
      writeFileSync(
        join(state.path, 'cco.json'),
        JSON.stringify({
          pid: other.pid,
          serve_args: [],
          cwd: '/',
          log: join(state.path, 'cco.log'),
          started_at: new Date().toISOString(),
          data_roots: [],
          ...fields,
        }),
      );
    // An API that answers for some other daemon.
    using api = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: () => Response.json({ status: 'ok', pid: other.pid + 1 }),
    });
    try {
      record({ process: { started: 'proc:1' }, url: `http://127.0.0.1:${api.port}` });
      const stopped = await run(['daemon', 'stop'], env);
      expect(stopped).toEqual({
        code: 0,
        out: 'cco daemon is not running',
        err: `cco: removed a stale pid file (pid ${other.pid} now belongs to another program) from ${state.path}`,
      });
      expect(alive(other.pid)).toBe(true);

      // The right start time, but the daemon at the recorded URL says it is another pid.
      const seen = procfsInspector().look(other.pid);
      expect(seen.state).toBe('running');
      record({ process: seen.state === 'running' ? seen.identity : undefined, url: `http://127.0.0.1:${api.port}` });
      const refused = await run(['daemon', 'stop'], env);
      expect(refused.code).toBe(1);
      expect(refused.err).toStartWith(
        `cco: not stopping pid ${other.pid}: the daemon at http://127.0.0.1:${api.port} says it is pid ${other.pid + 1}`,
      );
      expect(alive(other.pid)).toBe(true);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('creates its log, pid file and record 0600, and narrows a log an older cco left 0644', async () => {
    await using data = await tempDir('cco-daemon-data-');
    await using state = await tempDir('cco-daemon-state-');
    await mkdir(join(data.path, 'projects'));
    chmodSync(state.path, 0o755);
    const log = join(state.path, 'cco.log');
    writeFileSync(log, 'an older run\n', { mode: 0o644 });
    chmodSync(log, 0o644);
    const env = { CCO_STATE_DIR: state.path };
    try {
      expect((await run(['daemon', 'start', '--data-dir', data.path, '--port', '0'], env)).code).toBe(0);
      expect(mode(log)).toBe(0o600);
      expect(mode(join(state.path, 'cco.pid'))).toBe(0o600);
      expect(mode(join(state.path, 'cco.json'))).toBe(0o600);
    } finally {
      await run(['daemon', 'stop'], env);
    }
  });

  it('shows a generated token once to the user for a non-loopback host and keeps it out of the log', async () => {
    await using data = await tempDir('cco-daemon-data-');
    await using state = await tempDir('cco-daemon-state-');
    await mkdir(join(data.path, 'projects'));
    const env = { CCO_STATE_DIR: state.path, CCO_TOKEN: '' };
    try {
      const started = await run(['daemon', 'start', '--data-dir', data.path, '--port', '0', '--host', '0.0.0.0'], env);
      expect(started.code).toBe(0);
      const [first, second, ...rest] = started.out.split('\n');
      expect(rest).toEqual([]);
      const url = STARTED.exec(first ?? '')?.[2] ?? '';
      const token = /generated access token, shown only now: (\S+)$/.exec(second ?? '')?.[1] ?? '';
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(readFileSync(join(state.path, 'cco.log'), 'utf8')).not.toContain(token);
      expect(readFileSync(join(state.path, 'cco.json'), 'utf8')).not.toContain(token);
      expect((await fetch(`${url}/api/stats`)).status).toBe(401);
      expect((await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await run(['daemon', 'stop'], env);
    }
  });

  it('warns when start is given the token on its command line, and hands it to the daemon off it', async () => {
    await using data = await tempDir('cco-daemon-data-');
    await using state = await tempDir('cco-daemon-state-');
    await mkdir(join(data.path, 'projects'));
    const env = { CCO_STATE_DIR: state.path, CCO_TOKEN: '' };
    const token = 'daemon-test-token-0123456789';
    try {
      const started = await run(['daemon', 'start', '--data-dir', data.path, '--port', '0', '--token', token], env);
      expect(started.code).toBe(0);
      expect(started.err).toBe(
        'cco: warning: --token on the command line is visible to every local user (ps); use --token-file PATH or CCO_TOKEN instead',
      );
      const pid = Number(STARTED.exec(started.out)?.[1]);
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(token);
    } finally {
      await run(['daemon', 'stop'], env);
    }
  });

  it("fails with the log's last lines when the daemon cannot start, and leaves no pid file", async () => {
    await using data = await tempDir('cco-daemon-data-');
    await using state = await tempDir('cco-daemon-state-');
    const blocker = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('busy') });
    try {
      const r = await run(['daemon', 'start', '--data-dir', data.path, '--port', String(blocker.port)], {
        CCO_STATE_DIR: state.path,
      });
      expect(r.code).toBe(1);
      const lines = r.err.split('\n');
      expect(lines[0]).toBe(`cco: last lines of ${join(state.path, 'cco.log')}:`);
      expect(lines).toContain(`  cco: port ${blocker.port} on 127.0.0.1 is already in use (pick another with --port)`);
      expect(lines.at(-1)).toBe("cco: the daemon exited with code 1 while starting (see 'cco daemon logs')");
      expect(existsSync(join(state.path, 'cco.pid'))).toBe(false);
    } finally {
      blocker.stop(true);
    }
  });

  it.each([
    [['--port', 'abc'], "cco: invalid port 'abc': expected a whole number from 0 to 65535"],
    [['--interval', '1ms'], "cco: invalid interval '1ms': expected a duration like 500ms, 2s or 1m (at least 100ms)"],
    [['--cost-mode', 'bogus'], "cco: invalid cost mode 'bogus': expected one of auto, calculate, display"],
    [['--timeout', 'soon'], "cco: invalid timeout 'soon': expected a duration like 10s or 1m"],
  ])('exits 2 with one line for start %p', async (args, line) => {
    await using state = await tempDir('cco-daemon-state-');
    const r = await run(['daemon', 'start', '--port', '0', ...args], { CCO_STATE_DIR: state.path });
    expect(r).toEqual({ code: 2, out: '', err: line });
  });

  it('lists its sub-commands, and start takes the flags of serve', async () => {
    const help = await run(['daemon', '--help'], {});
    expect(help.code).toBe(0);
    for (const sub of ['start', 'stop', 'status', 'restart', 'logs']) expect(help.out).toContain(sub);
    const start = await run(['daemon', 'start', '--help'], {});
    for (const flag of ['--port', '--host', '--data-dir', '--interval', '--cost-mode', '--state-dir', '--timeout'])
      expect(start.out).toContain(flag);
  });
});

describe('cco daemon (from source)', () => {
  it('re-executes bun with the entry script, then stops', async () => {
    await using data = await tempDir('cco-daemon-data-');
    await using state = await tempDir('cco-daemon-state-');
    await mkdir(join(data.path, 'projects'));
    const env = { ...process.env, ...isolatedEnv(), CCO_STATE_DIR: state.path };
    const started = await cliWith(env, 'daemon', 'start', '--data-dir', data.path, '--port', '0');
    expect(started.err).toBe('');
    expect(started.code).toBe(0);
    const pid = Number(STARTED.exec(started.out)?.[1]);
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      expect(cmdline.slice(0, 3)).toEqual([process.execPath, join(import.meta.dir, '../../src/index.ts'), 'serve']);
    } finally {
      const stopped = await cliWith(env, 'daemon', 'stop');
      expect(stopped.out).toBe(`cco daemon stopped (pid ${pid})`);
    }
    expect(alive(pid)).toBe(false);
  }, 60_000);
});

describe('telling the daemon apart without /proc (the ps fallback, forced)', () => {
  it('picks ps where there is no /proc, and reads the same start time every time', () => {
    const inspector = systemInspector('/nonexistent-proc');
    const a = inspector.look(process.pid);
    const b = psInspector().look(process.pid);
    expect(a.state === 'running' && a.identity?.started).toMatch(/^ps:\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4}$/);
    expect(b).toEqual(a);
  });

  it('starts, finds and stops the daemon by its ps start time, and never signals a stranger', async () => {
    await using data = await tempDir('cco-daemon-data-');
    await using state = await tempDir('cco-daemon-state-');
    await mkdir(join(data.path, 'projects'));
    const paths = statePaths(state.path);
    const inspector = psInspector();
    const io = capture();
    const env = { ...process.env, ...isolatedEnv(), CCO_STATE_DIR: state.path };
    const other = stranger();
    try {
      writeFileSync(paths.pid, `${other.pid}\n`);
      const { record } = await startManaged({
        paths,
        serveArgs: [`--data-dir=${data.path}`, '--port=0'],
        cwd: process.cwd(),
        env,
        timeoutMs: 30_000,
        io,
        inspector,
      });
      expect(io.lines).toEqual([
        `cco: removed a stale pid file (pid ${other.pid} now belongs to another program) from ${state.path}`,
      ]);
      expect(record.process.started).toStartWith('ps:');
      expect(lookupDaemon(paths, inspector)).toMatchObject({ state: 'running', pid: record.pid });
      expect(await stopManaged(paths, 10_000, io, inspector)).toBe(record.pid);
      expect(alive(record.pid)).toBe(false);

      // A stale pid file naming the stranger, read through ps only.
      writeFileSync(paths.pid, `${other.pid}\n`);
      expect(await stopManaged(paths, 10_000, io, inspector)).toBeUndefined();
      expect(alive(other.pid)).toBe(true);
    } finally {
      other.kill('SIGKILL');
      await stopManaged(paths, 10_000, io, inspector).catch(() => undefined);
    }
  }, 60_000);
});
