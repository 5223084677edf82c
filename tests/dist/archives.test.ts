// Every archive of a release: listed in SHA256SUMS with the right hash, unpacks with the user's own tools into one
// folder holding the binary, the README and the license, and `file` names the format and architecture it is for.
import { describe, expect, it } from 'bun:test';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { DIST_TARGETS, gitCommit } from '../../scripts/build.ts';
import { archiveName, archiveStem } from '../../scripts/dist.ts';
import { skipBecause, withoutTool } from '../helpers/skip.ts';
import { tempDir } from '../helpers/temp.ts';
import { archivePath, noRelease, RELEASE_DIR, run, unpack } from './release.ts';

const ROOT = join(import.meta.dir, '../..');

describe.skipIf(skipBecause('release archives', noRelease))('release archives', () => {
  it('are the five platforms, each listed once in SHA256SUMS with the hash of its bytes', () => {
    const lines = readFileSync(join(RELEASE_DIR ?? '', 'SHA256SUMS'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines.map((l) => l.split('  ')[1])).toEqual(DIST_TARGETS.map((t) => archiveName(pkg.version, t)));
    expect(readdirSync(RELEASE_DIR ?? '').sort()).toEqual(
      [...DIST_TARGETS.map((t) => archiveName(pkg.version, t)), 'SHA256SUMS'].sort(),
    );
    for (const [i, t] of DIST_TARGETS.entries()) {
      const sha = new Bun.CryptoHasher('sha256').update(readFileSync(archivePath(t))).digest('hex');
      expect(lines[i]).toBe(`${sha}  ${archiveName(pkg.version, t)}`);
    }
  });

  it.skipIf(skipBecause('sha256sum -c', withoutTool('sha256sum', 'Debian: coreutils')))(
    'verify with sha256sum -c, as the README tells users to',
    async () => {
      const r = await run(['sh', '-c', `cd '${RELEASE_DIR}' && sha256sum -c SHA256SUMS`]);
      expect(r.code).toBe(0);
      expect(r.out.trim().split('\n')).toEqual(DIST_TARGETS.map((t) => `${archiveName(pkg.version, t)}: OK`));
    },
  );

  const noUnzip = withoutTool('unzip', 'Debian: apt-get install unzip');
  const noFile = withoutTool('file', 'Debian: apt-get install file');
  for (const target of DIST_TARGETS) {
    const needs = target.os === 'windows' ? (noUnzip ?? noFile) : noFile;
    it.skipIf(skipBecause(`the ${target.os}-${target.arch} archive`, needs))(
      `${target.os}-${target.arch}: unpacks to the binary, README and LICENSE; file says ${target.format.source}`,
      async () => {
        await using dir = await tempDir('cco-unpack-');
        const binary = await unpack(target, dir.path);
        const stem = archiveStem(pkg.version, target);
        expect(readdirSync(dir.path)).toEqual([stem]);
        expect(readdirSync(join(dir.path, stem)).sort()).toEqual(['LICENSE', 'README.md', target.binary].sort());
        expect(statSync(binary).mode & 0o777).toBe(0o755);
        expect(readFileSync(join(dir.path, stem, 'README.md'))).toEqual(readFileSync(join(ROOT, 'README.md')));
        expect(readFileSync(join(dir.path, stem, 'LICENSE'))).toEqual(readFileSync(join(ROOT, 'LICENSE')));
        const said = await run(['file', '-b', binary]);
        expect(said.out).toMatch(target.format);
      },
    );
  }

  it.skipIf(process.platform !== 'linux' || process.arch !== 'x64')(
    'linux-x64: the unpacked binary runs and names its version and the commit it was built from',
    async () => {
      const target = DIST_TARGETS.find((t) => t.os === 'linux' && t.arch === 'x64');
      if (!target) throw new Error('no linux-x64 target');
      await using dir = await tempDir('cco-unpack-');
      const r = await run([await unpack(target, dir.path), '--version']);
      expect(r).toEqual({ code: 0, out: `${pkg.version} (commit ${gitCommit()})\n`, err: '' });
    },
  );
});

describe.skipIf(skipBecause('the README sizes', noRelease))('the README Install section', () => {
  it('names every archive with its size, to within 10 %', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const t of DIST_TARGETS) {
      const name = archiveName(pkg.version, t);
      const row = new RegExp(`\\| \`${name.replaceAll('.', '\\.')}\` \\| ([\\d.]+) MB \\|`).exec(readme);
      expect(row, name).not.toBeNull();
      const actual = statSync(archivePath(t)).size / 1e6;
      expect(Math.abs(Number(row?.[1]) - actual) / actual, name).toBeLessThan(0.1);
    }
  });
});
