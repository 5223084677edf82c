// A metrics stack on generated demo data, listening on a real socket, for CLI tests that talk to a daemon.
import { generateDemoRoot, type DemoOptions } from '../../src/demo/index.ts';
import { metricsStack } from './metrics.ts';
import { tempDir } from './temp.ts';

export interface DemoDaemon extends AsyncDisposable {
  /** The data root the daemon reads. */
  readonly root: string;
  /** `http://127.0.0.1:PORT`. */
  readonly base: string;
  readonly stack: ReturnType<typeof metricsStack>;
  /** An environment that finds no managed daemon and no real Claude data (state in a temp dir of its own). */
  env(extra?: Record<string, string>): Record<string, string | undefined>;
}

/** Generates the root, runs one ingest tick and listens on a free port. */
export async function startDemoDaemon(
  prefix: string,
  demo: DemoOptions,
  stackOptions: Parameters<typeof metricsStack>[1] = {},
): Promise<DemoDaemon> {
  const dir = await tempDir(prefix);
  const state = await tempDir('cco-state-');
  await generateDemoRoot(dir.path, demo);
  const stack = metricsStack(dir.path, stackOptions);
  await stack.aggregator.tickNow();
  stack.app.listen({ port: 0, hostname: '127.0.0.1' });
  return {
    root: dir.path,
    base: `http://127.0.0.1:${stack.app.server?.port}`,
    stack,
    env: (extra = {}) => ({
      PATH: process.env.PATH,
      HOME: '/nonexistent-home',
      TZ: 'UTC',
      NO_COLOR: '1',
      CCO_STATE_DIR: state.path,
      ...extra,
    }),
    async [Symbol.asyncDispose]() {
      await stack.app.stop();
      await dir[Symbol.asyncDispose]();
      await state[Symbol.asyncDispose]();
    },
  };
}
