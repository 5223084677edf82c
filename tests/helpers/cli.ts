// Runs the CLI in-process with captured output.
import { runCli } from '../../src/cli/run.ts';
import { main } from '../../src/cli/main.ts';
import type { Env } from '../../src/cli/io.ts';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(...argv: string[]): Promise<CliResult> {
  return cliWith(process.env, ...argv);
}

/** Like `cli`, with the environment the commands see (state dir, CCO_URL, CCO_TOKEN…). */
export async function cliWith(env: Env, ...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, main, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
