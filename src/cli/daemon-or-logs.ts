// The answer of a report command (`stats`, `blocks`): the running daemon's JSON, or the same computed from the logs
// when no daemon answers (said on stderr), or only from the logs with --data-dir.
import { CommandFailure } from './errors.ts';
import type { CliIO, Env } from './io.ts';
import { createApiClient, DaemonError, DaemonUnreachable, type ApiClient } from '../client/api-client.ts';
import { resolveTarget } from './target.ts';
import type { StatsSource } from '../client/types.ts';

export interface ReportAnswer {
  /** The JSON body, as the daemon would send it. */
  readonly text: string;
  readonly source: StatsSource;
}

export interface DaemonOrLogs {
  readonly flags: { readonly url?: string; readonly token?: string; readonly 'data-dir'?: string };
  readonly env: Env;
  readonly io: CliIO;
  /** Asks the daemon for the body. */
  readonly ask: (client: ApiClient) => Promise<string>;
  /** Computes the body from the logs (these roots, else the default ones). */
  readonly fromLogs: (
    dataDirs?: string[],
  ) => Promise<{ text: string; roots: readonly { root: string; exists: boolean }[] }>;
}

export async function answerFromDaemonOrLogs({ flags, env, io, ask, fromLogs }: DaemonOrLogs): Promise<ReportAnswer> {
  const local = async (dataDirs?: string[]): Promise<ReportAnswer> => {
    const computed = await fromLogs(dataDirs);
    return {
      text: computed.text,
      source: { kind: 'logs', roots: computed.roots.filter((r) => r.exists).map((r) => r.root) },
    };
  };
  if (flags['data-dir'] !== undefined) return local([flags['data-dir']]);
  const target = resolveTarget(flags, env);
  try {
    return { text: await ask(createApiClient(target)), source: { kind: 'daemon', url: target.url } };
  } catch (error) {
    if (error instanceof DaemonError)
      throw new CommandFailure(
        error.message,
        error.status === 503 ? 'the daemon is still reading the logs; try again shortly' : undefined,
      );
    if (!(error instanceof DaemonUnreachable)) throw error;
    if (target.explicit)
      throw new CommandFailure(
        error.message,
        "start one with 'cco daemon start', or leave out --url to compute from the logs",
      );
    const answer = await local();
    const roots = answer.source.kind === 'logs' ? answer.source.roots : [];
    io.err(
      roots.length > 0
        ? `cco: no daemon at ${target.url}; computed from the logs in ${roots.join(', ')}`
        : `cco: no daemon at ${target.url} and no Claude Code data found (CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude)`,
    );
    return answer;
  }
}
