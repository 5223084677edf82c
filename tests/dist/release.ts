// The release `make dist` made (CCO_DIST_DIR names its folder; `make test-dist` sets it): where each archive is, and
// unpacking one with the tools a user has (tar, unzip).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { archiveName, archiveStem } from '../../scripts/dist.ts';
import type { DistTarget } from '../../scripts/build.ts';

/** The release folder, or undefined when no release was built for this run. */
export const RELEASE_DIR: string | undefined = process.env.CCO_DIST_DIR ? resolve(process.env.CCO_DIST_DIR) : undefined;

/** Why the release tests cannot run, or undefined. */
export const noRelease: string | undefined =
  RELEASE_DIR === undefined
    ? 'no release to check: CCO_DIST_DIR is not set (make test-dist builds one and sets it)'
    : existsSync(join(RELEASE_DIR, 'SHA256SUMS'))
      ? undefined
      : `no SHA256SUMS in ${RELEASE_DIR} (run make dist)`;

export const archivePath = (t: Pick<DistTarget, 'os' | 'arch'>): string =>
  join(RELEASE_DIR ?? '.', archiveName(pkg.version, t));

/** Runs a command; its exit code and output. */
export async function run(argv: readonly string[], env?: Record<string, string>) {
  const proc = Bun.spawn([...argv], { stdout: 'pipe', stderr: 'pipe', env: { ...process.env, ...env } });
  const [code, out, err] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  return { code, out, err };
}

/** Unpacks the archive of `t` into `dir`; returns the path of its binary. */
export async function unpack(t: DistTarget, dir: string): Promise<string> {
  const archive = archivePath(t);
  const r =
    t.os === 'windows'
      ? await run(['unzip', '-q', archive, '-d', dir])
      : await run(['tar', '-xzf', archive, '-C', dir]);
  if (r.code !== 0) throw new Error(`could not unpack ${archive}: ${r.err}`);
  return join(dir, archiveStem(pkg.version, t), t.binary);
}
