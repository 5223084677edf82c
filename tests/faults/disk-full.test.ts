// The compiled daemon on a "full disk": its store writes fail with a real I/O error, it keeps serving new usage from
// memory, warns once, and saves everything once the disk takes writes again; a restart then equals ccusage.
// The fault: RLIMIT_FSIZE lowered on the running process (prlimit). Unlike chmod it binds root too (CI runs as
// root), and every write past 4 kB of any file fails with EFBIG, which SQLite reports as SQLITE_IOERR_WRITE.
import { beforeAll, describe, expect, it } from 'bun:test';
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { ccusage, expectTotalsEqualOracle } from '../helpers/ccusage.ts';
import { tempDir } from '../helpers/temp.ts';
import { health, idleTick, totals, waitFor } from '../helpers/wait.ts';

const NOW = Date.UTC(2026, 10, 28, 12);
const prlimit = Bun.which('prlimit');

let binary = '';
beforeAll(async () => {
  binary = await compiledBinary();
}, 120_000);

function setFileSizeLimit(pid: number, limit: string): void {
  const r = Bun.spawnSync([prlimit ?? 'prlimit', '--pid', String(pid), `--fsize=${limit}`], { stderr: 'pipe' });
  if (r.exitCode !== 0) throw new Error(`prlimit failed: ${r.stderr.toString()}`);
}

const lines = (tag: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `${assistant({ id: `msg_${tag}_${i}`, requestId: `req_${tag}_${i}`, input: 1000 + i, timestamp: new Date(NOW - 60_000 + i).toISOString() })}\n`,
  ).join('');

describe('a full disk under the compiled daemon', () => {
  it.skipIf(!prlimit)(
    'keeps serving from memory with one warning, saves once writes work again, and a restart equals ccusage',
    async () => {
      await using dir = await tempDir('cco-disk-full-');
      const root = join(dir.path, 'root');
      await generateDemoRoot(root, { now: NOW, sessions: 20 });
      const file = join(
        root,
        'projects',
        (await readdir(join(root, 'projects'), { recursive: true })).find((f) => f.endsWith('.jsonl')) ?? '',
      );
      const args = ['--data-dir', root, '--db', join(dir.path, 'cco.db'), '--interval', '100ms'];
      let bytesRead = 0;
      {
        await using daemon = await spawnDaemon(binary, args);
        await idleTick(daemon.url);
        const before = await totals(daemon.url);

        setFileSizeLimit(daemon.proc.pid, '4096:unlimited');
        await appendFile(file, lines('full1', 200));
        await waitFor(
          async () => ((await totals(daemon.url)).input_tokens > before.input_tokens ? true : undefined),
          'the appended usage',
        );
        await waitFor(async () => (daemon.stderr().includes('cannot write') ? true : undefined), 'the warning');
        await appendFile(file, lines('full2', 200));
        const during = await waitFor(async () => {
          const t = await totals(daemon.url);
          return t.messages === before.messages + 400 ? t : undefined;
        }, 'all 400 appended responses, served from memory');
        await idleTick(daemon.url);
        expect(during.input_tokens).toBe(before.input_tokens + 2 * (200 * 1000 + (199 * 200) / 2));
        expect((await health(daemon.url)).failed_ticks).toBe(0);
        expect((await health(daemon.url)).store_error).toMatch(/SQLITE_IOERR/);
        const warnings = daemon
          .stderr()
          .split('\n')
          .filter((l) => l.includes('warning'));
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(
          /^cco: warning: store .*cco\.db: cannot write \(SQLITE_IOERR\w*: .*\); serving from memory and retrying every tick$/,
        );

        setFileSizeLimit(daemon.proc.pid, 'unlimited:unlimited');
        await waitFor(
          async () => (daemon.stderr().includes('writing works again') ? true : undefined),
          'the recovery line',
        );
        expect(daemon.stderr()).toMatch(
          /cco: warning: store .*cco\.db: writing works again; saved the \d+ ticks held in memory\n/,
        );
        const recovered = await idleTick(daemon.url);
        expect(recovered.store_error).toBeNull();
        bytesRead = recovered.bytes_read;
      }
      await using restarted = await spawnDaemon(binary, args);
      // The held ticks reached the store: the restart resumes at their offsets and reads nothing again.
      expect((await idleTick(restarted.url)).bytes_read).toBe(bytesRead);
      const t = await totals(restarted.url);
      const oracle = await ccusage(root);
      expectTotalsEqualOracle(t, oracle, 4);
    },
    120_000,
  );
});
