// A detached tmux pane of fixed size on a private server: run a command in it, read the screen, send keys.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const TMUX = Bun.which('tmux');

export interface Pane extends AsyncDisposable {
  /** The visible screen, one line per row, trailing blanks trimmed. */
  capture(): Promise<string>;
  keys(...keys: string[]): Promise<void>;
  /** A tmux format about the pane, e.g. `#{alternate_on}`. */
  display(format: string): Promise<string>;
  resize(width: number, height: number): Promise<void>;
  /** Polls the screen until `check` holds; throws with the last screen after `timeoutMs`. Resolves to that screen. */
  waitFor(check: (screen: string) => boolean, timeoutMs: number, what: string): Promise<string>;
  /** pid of the command (it is exec'd by the pane's shell). */
  pid(): Promise<number>;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function tmux(socket: string, args: string[]): Promise<string> {
  const proc = Bun.spawn([TMUX ?? 'tmux', '-L', socket, '-f', '/dev/null', ...args], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [code, out, err] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  if (code !== 0) throw new Error(`tmux ${args.join(' ')}: ${err.trim()}`);
  return out;
}

/**
 * Runs `argv` in a new pane of `width`×`height`. When it exits, the pane prints `cco-exit=<code>` and stays open, so a
 * test can look at the terminal it left behind.
 */
export async function openPane(
  dir: string,
  width: number,
  height: number,
  argv: readonly string[],
  env: Record<string, string>,
): Promise<Pane> {
  const socket = `cco-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const script = join(dir, `pane-${socket}.sh`);
  const pidFile = join(dir, `pane-${socket}.pid`);
  const exports = Object.entries(env)
    .map(([k, v]) => `export ${k}=${quote(v)}`)
    .join('\n');
  await writeFile(
    script,
    `#!/bin/sh\n${exports}\nsh -c 'echo $$ > ${quote(pidFile)}; exec "$@"' sh ${argv.map(quote).join(' ')}\necho "cco-exit=$?"\nexec sleep 600\n`,
  );
  await chmod(script, 0o755);
  await tmux(socket, ['new-session', '-d', '-x', String(width), '-y', String(height), '-s', 'test', script]);
  const pane: Pane = {
    capture: async () => (await tmux(socket, ['capture-pane', '-p', '-t', 'test'])).replace(/\n+$/, ''),
    keys: async (...keys) => void (await tmux(socket, ['send-keys', '-t', 'test', ...keys])),
    display: async (format) => (await tmux(socket, ['display-message', '-p', '-t', 'test', format])).trim(),
    resize: async (w, h) =>
      void (await tmux(socket, ['resize-window', '-t', 'test', '-x', String(w), '-y', String(h)])),
    async waitFor(check, timeoutMs, what) {
      const deadline = performance.now() + timeoutMs;
      let screen = '';
      for (;;) {
        screen = await pane.capture();
        if (check(screen)) return screen;
        if (performance.now() > deadline)
          throw new Error(`screen did not show ${what} within ${timeoutMs} ms; it shows:\n${screen}`);
        await Bun.sleep(25);
      }
    },
    async pid() {
      const text = await Bun.file(pidFile)
        .text()
        .catch(() => '');
      return Number(text.trim());
    },
    async [Symbol.asyncDispose]() {
      await tmux(socket, ['kill-server']).catch(() => '');
    },
  };
  return pane;
}
