// A data root written once per test file and a daemon stack that has ticked once over it, removed after the file.
import { afterAll, beforeAll } from 'bun:test';
import { metricsStack } from './metrics.ts';
import { tempDir, type TempDir } from './temp.ts';

export function rootForFile(prefix: string, write: (dir: string) => Promise<unknown>) {
  let dir: TempDir;
  let stack: ReturnType<typeof metricsStack>;
  beforeAll(async () => {
    dir = await tempDir(prefix);
    await write(dir.path);
    stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
  });
  afterAll(() => dir[Symbol.asyncDispose]());
  return {
    get path() {
      return dir.path;
    },
    get stack() {
      return stack;
    },
  };
}
