// The one build definition of the `cco` binary: `make build`, `make dist`, the smoke tests and release builds all
// call this. Usage: bun scripts/build.ts [--outfile dist/cco] [--target bun-linux-arm64]
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dir, '..');

/** The CLI and the worker threads it starts: a worker must be an entry point of the binary to be found at run time. */
export const ENTRYPOINTS = [
  'src/index.ts',
  'src/daemon/ingest-worker.ts',
  'src/ingest/parse-worker.ts',
  'src/server/front/front-worker.ts',
] as const;

/** A platform cco is released for: its Bun target, its archive's name part and what `file` says of its binary. */
export interface DistTarget {
  readonly os: 'linux' | 'darwin' | 'windows';
  readonly arch: 'x64' | 'arm64';
  readonly target: Bun.Build.CompileTarget;
  /** The binary's name inside the archive. */
  readonly binary: 'cco' | 'cco.exe';
  /** What `file` reports for that binary (a prefix of its output). */
  readonly format: RegExp;
}

/**
 * Every platform of a release. Bun takes each target's runtime from the npm registry (`@oven/bun-<os>-<arch>`, the
 * same version as the Bun building) and caches it in its install cache, so no build talks to GitHub.
 */
export const DIST_TARGETS: readonly DistTarget[] = [
  { os: 'linux', arch: 'x64', target: 'bun-linux-x64', binary: 'cco', format: /^ELF 64-bit LSB .*x86-64/ },
  { os: 'linux', arch: 'arm64', target: 'bun-linux-arm64', binary: 'cco', format: /^ELF 64-bit LSB .*ARM aarch64/ },
  { os: 'darwin', arch: 'arm64', target: 'bun-darwin-arm64', binary: 'cco', format: /^Mach-O 64-bit arm64 executable/ },
  { os: 'darwin', arch: 'x64', target: 'bun-darwin-x64', binary: 'cco', format: /^Mach-O 64-bit x86_64 executable/ },
  {
    os: 'windows',
    arch: 'x64',
    target: 'bun-windows-x64',
    binary: 'cco.exe',
    format: /^PE32\+ executable \(console\) x86-64/,
  },
];

export interface BinaryBuild {
  readonly outfile: string;
  /** A `bun-<os>-<arch>` target; the machine's own when absent. */
  readonly target?: Bun.Build.CompileTarget;
  /** The commit written into the binary (`cco --version`); read from git when absent. */
  readonly commit?: string;
}

/** HEAD's commit (12 hex digits, `-dirty` when the tree has changes), or `unknown` when `dir` is not in a git work tree. */
export function gitCommit(dir: string = ROOT): string {
  const git = (...args: string[]) => {
    try {
      const proc = Bun.spawnSync(['git', '-C', dir, ...args], { stdin: 'ignore', stdout: 'pipe', stderr: 'ignore' });
      return proc.success ? proc.stdout.toString().trim() : undefined;
    } catch {
      return undefined; // no git on this machine
    }
  };
  const head = git('rev-parse', '--short=12', 'HEAD');
  if (!head || !/^[0-9a-f]+$/.test(head)) return 'unknown';
  return git('status', '--porcelain', '--untracked-files=no') ? `${head}-dirty` : head;
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
    define: { CCO_BUILD_COMMIT: JSON.stringify(build.commit ?? gitCommit()) },
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
