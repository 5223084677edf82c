// The app's socket folder: private, named by pid, and swept by the next daemon when its daemon was killed outright.
import { describe, expect, it } from 'bun:test';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAppSocketDir, sweepStaleSocketDirs } from '../../src/server/front/socket-dir.ts';
import { tempDir } from '../helpers/temp.ts';

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const proc = Bun.spawn(['true']);
  await proc.exited;
  return proc.pid;
}

describe('app socket folder', () => {
  it('is a folder only this user can open, named by the daemon pid, removed by remove()', async () => {
    await using tmp = await tempDir('cco-sockdir-');
    const dir = createAppSocketDir(tmp.path);
    expect(dir.dir.startsWith(join(tmp.path, `cco-app-${process.pid}-`))).toBe(true);
    expect(dir.socket).toBe(join(dir.dir, 'app.sock'));
    expect(statSync(dir.dir).mode & 0o777).toBe(0o700);
    dir.remove();
    expect(existsSync(dir.dir)).toBe(false);
  });

  it('sweeps the folders of daemons that no longer run, and nothing else', async () => {
    await using tmp = await tempDir('cco-sweep-');
    const live = Bun.spawn(['sleep', '30']);
    try {
      const make = (name: string) => {
        mkdirSync(join(tmp.path, name), { mode: 0o700 });
        writeFileSync(join(tmp.path, name, 'app.sock'), '');
      };
      const dead = await deadPid();
      make(`cco-app-${dead}-aB3xYz`); // left by a killed daemon: swept
      make(`cco-app-${live.pid}-Qw12er`); // a running process: kept
      make(`cco-app-${process.pid}-Zz99aa`); // this process: kept
      make('cco-app-Qw12er'); // not a name cco gives: kept
      make('something-else');
      writeFileSync(join(tmp.path, `cco-app-${dead}-File01`), ''); // a file, not a folder: kept
      expect(sweepStaleSocketDirs(tmp.path)).toBe(1);
      expect(readdirSync(tmp.path).sort()).toEqual(
        [
          `cco-app-${dead}-File01`,
          `cco-app-${live.pid}-Qw12er`,
          `cco-app-${process.pid}-Zz99aa`,
          'cco-app-Qw12er',
          'something-else',
        ].sort(),
      );
    } finally {
      live.kill();
      await live.exited;
    }
  });

  it('never throws, even for a temp dir that cannot be read', () => {
    expect(sweepStaleSocketDirs('/nonexistent/cco-tmp')).toBe(0);
  });
});
