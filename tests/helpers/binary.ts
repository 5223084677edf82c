// The real compiled binary for smoke tests: dist/cco when CCO_BINARY names it, else built once into a temp dir.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildBinary } from '../../scripts/build.ts';

let built: Promise<string> | undefined;

/** Built exactly as `make build` builds dist/cco (scripts/build.ts). */
const build = (): Promise<string> => buildBinary({ outfile: join(mkdtempSync(join(tmpdir(), 'cco-bin-')), 'cco') });

let isolated: Record<string, string> | undefined;

/** Environment for spawned binaries: store and state dirs in a temp dir of this test run, never the real home. */
export function isolatedEnv(): Record<string, string> {
  isolated ??= (() => {
    const dir = mkdtempSync(join(tmpdir(), 'cco-xdg-'));
    return { XDG_DATA_HOME: join(dir, 'data'), XDG_STATE_HOME: join(dir, 'state'), NO_COLOR: '1' };
  })();
  return isolated;
}

/** Path to a compiled `cco`; built at most once per test run. */
export function compiledBinary(): Promise<string> {
  const fromEnv = process.env.CCO_BINARY;
  if (fromEnv) return Promise.resolve(resolve(fromEnv));
  built ??= build();
  return built;
}

export interface Daemon extends AsyncDisposable {
  readonly url: string;
  readonly proc: Bun.Subprocess<'ignore', 'pipe', 'pipe'>;
  stderr(): string;
}

/** Starts `cco serve … --port 0` and resolves once it prints its listening URL; `binary` may be an argv prefix (qemu). */
export async function spawnDaemon(
  binary: string | readonly string[],
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<Daemon> {
  const proc = Bun.spawn([...(typeof binary === 'string' ? [binary] : binary), 'serve', '--port', '0', ...args], {
    cwd,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    env: { ...process.env, ...isolatedEnv(), ...env },
  });
  let log = '';
  const reader = proc.stderr.getReader();
  const decoder = new TextDecoder();
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (!url) {
    if (Date.now() > deadline) throw new Error(`daemon did not start: ${log}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`daemon exited before listening: ${log}`);
    log += decoder.decode(value);
    url = /listening on (http:\/\/\S+)/.exec(log)?.[1];
  }
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      log += decoder.decode(value);
    }
  })();
  return {
    url,
    proc,
    stderr: () => log,
    async [Symbol.asyncDispose]() {
      proc.kill('SIGTERM');
      await proc.exited;
    },
  };
}
