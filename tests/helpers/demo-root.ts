// A generated demo data root shared by the tests of one file: made before them, removed after them.
import { afterAll, beforeAll } from 'bun:test';
import { generateDemoRoot, type DemoOptions } from '../../src/demo/index.ts';
import { tempDir, type TempDir } from './temp.ts';

/** Call at the top level of a test file; `path` is readable from the file's first test on. */
export function demoRootForFile(prefix: string, options: DemoOptions): { readonly path: string } {
  let dir: TempDir | undefined;
  beforeAll(async () => {
    dir = await tempDir(prefix);
    await generateDemoRoot(dir.path, options);
  });
  afterAll(async () => {
    await dir?.[Symbol.asyncDispose]();
  });
  return {
    get path(): string {
      if (!dir) throw new Error('the demo root is made in beforeAll: read its path inside a test');
      return dir.path;
    },
  };
}
