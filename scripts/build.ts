// The one build definition of the `cco` binary: `make build`, the smoke tests and release builds all call this.
// Usage: bun scripts/build.ts [--outfile dist/cco] [--target bun-linux-arm64]
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dir, '..');

/** The CLI and the worker threads it starts: a worker must be an entry point of the binary to be found at run time. */
export const ENTRYPOINTS = [
  'src/index.ts',
  'src/daemon/ingest-worker.ts',
  'src/ingest/parse-worker.ts',
  'src/server/front/front-worker.ts',
] as const;

export interface BinaryBuild {
  readonly outfile: string;
  /** A `bun-<os>-<arch>` target; the machine's own when absent. */
  readonly target?: Bun.Build.CompileTarget;
}

/**
 * Compiles the binary. Full `minify` is known to break Elysia, so only whitespace and syntax are minified; the binary
 * never reads a bunfig.toml or .env of the directory it runs in.
 */
export async function buildBinary(build: BinaryBuild): Promise<string> {
  const outfile = resolve(build.outfile);
  const result = await Bun.build({
    entrypoints: ENTRYPOINTS.map((e) => resolve(ROOT, e)),
    root: ROOT,
    compile: {
      outfile,
      autoloadBunfig: false,
      autoloadDotenv: false,
      ...(build.target ? { target: build.target } : {}),
    },
    minify: { whitespace: true, syntax: true },
    bytecode: true,
  });
  if (!result.success) throw new Error(`build failed:\n${result.logs.map((l) => String(l)).join('\n')}`);
  return outfile;
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  const outfile = flag('--outfile') ?? 'dist/cco';
  const target = flag('--target') as Bun.Build.CompileTarget | undefined;
  try {
    console.log(`built ${await buildBinary({ outfile, target })}`);
  } catch (error) {
    console.error(`cco build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
