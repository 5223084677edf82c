// Runs a process to its end and returns what it printed: for the real tools the tests hold cco to (ccusage,
// promtool) and for the binary's one-shot commands.

export interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runProcess(
  argv: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; stdin?: Uint8Array } = {},
): Promise<Ran> {
  const proc = Bun.spawn([...argv], {
    cwd: options.cwd,
    env: options.env,
    stdin: options.stdin ?? 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { code, out, err };
}
