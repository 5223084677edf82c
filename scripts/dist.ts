// `make dist`: the release. One binary per platform from the one build definition (build.ts), each in an archive
// `cco-<version>-<os>-<arch>.tar.gz` (`.zip` for Windows) with the README and LICENSE, and SHA256SUMS over them.
// Usage: bun scripts/dist.ts [--out dist/release] [--only linux-x64,linux-arm64]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pkg from '../package.json' with { type: 'json' };
import { tarGz, zip, type ArchiveEntry } from './archive.ts';
import { buildBinary, DIST_TARGETS, gitCommit, type DistTarget } from './build.ts';

const ROOT = resolve(import.meta.dir, '..');

export interface DistArchive {
  readonly target: DistTarget;
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** `cco-0.1.0-linux-arm64`: the archive's name without extension, and the folder inside it. */
export const archiveStem = (version: string, t: Pick<DistTarget, 'os' | 'arch'>): string =>
  `cco-${version}-${t.os}-${t.arch}`;

export const archiveName = (version: string, t: Pick<DistTarget, 'os' | 'arch'>): string =>
  `${archiveStem(version, t)}${t.os === 'windows' ? '.zip' : '.tar.gz'}`;

/** The time every archive entry carries: the commit's, so one commit makes the same archives (the present outside git). */
function entryTime(): number {
  const proc = Bun.spawnSync(['git', '-C', ROOT, 'log', '-1', '--format=%ct'], { stdout: 'pipe', stderr: 'ignore' });
  const seconds = Number(proc.success ? proc.stdout.toString().trim() : Number.NaN);
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : Math.floor(Date.now() / 1000);
}

/** Builds and archives every target (or those named), then writes SHA256SUMS; returns the archives. */
export async function buildDist(outDir: string, only?: readonly string[]): Promise<DistArchive[]> {
  const out = resolve(outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'bin'), { recursive: true });
  const commit = gitCommit(ROOT);
  const mtime = entryTime();
  const docs = ['README.md', 'LICENSE'].map((name) => ({ name, data: readFileSync(join(ROOT, name)) }));
  const targets = DIST_TARGETS.filter((t) => !only || only.includes(`${t.os}-${t.arch}`));
  const archives: DistArchive[] = [];
  for (const target of targets) {
    const stem = archiveStem(pkg.version, target);
    const binary = join(out, 'bin', stem, target.binary);
    await buildBinary({ outfile: binary, target: target.target, commit });
    const entries: ArchiveEntry[] = [
      { name: `${stem}/${target.binary}`, data: readFileSync(binary), mode: 0o755 },
      ...docs.map((d) => ({ name: `${stem}/${d.name}`, data: d.data, mode: 0o644 })),
    ];
    const bytes = target.os === 'windows' ? zip(entries, mtime) : tarGz(entries, mtime);
    const file = join(out, archiveName(pkg.version, target));
    writeFileSync(file, bytes);
    const sha256 = new Bun.CryptoHasher('sha256').update(bytes).digest('hex');
    archives.push({ target, file, bytes: bytes.length, sha256 });
    console.log(`${archiveName(pkg.version, target)}  ${(bytes.length / 1e6).toFixed(1)} MB`);
  }
  // The format `sha256sum -c` and `shasum -a 256 -c` read: hash, two spaces, file name.
  const sums = archives.map((a) => `${a.sha256}  ${archiveName(pkg.version, a.target)}\n`).join('');
  writeFileSync(join(out, 'SHA256SUMS'), sums);
  rmSync(join(out, 'bin'), { recursive: true, force: true });
  return archives;
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  const started = performance.now();
  try {
    const archives = await buildDist(flag('--out') ?? 'dist/release', flag('--only')?.split(','));
    console.log(`${archives.length} archives and SHA256SUMS in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } catch (error) {
    console.error(`cco dist: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
