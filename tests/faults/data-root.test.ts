// The data root deleted under the running binary, then created again: usage already counted stays (retention),
// files in the new root are read, and a transcript restored from a backup is not counted twice; all of it survives
// a restart from the store.
import { beforeAll, describe, expect, it } from 'bun:test';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { tempDir } from '../helpers/temp.ts';
import { health, idleTick, totals, waitFor } from '../helpers/wait.ts';

const NOW = Date.UTC(2026, 10, 28, 12);

let binary = '';
beforeAll(async () => {
  binary = await compiledBinary();
}, 120_000);

describe('data root deleted and created again', () => {
  it('keeps the totals, reads the new root, and does not count a restored transcript twice', async () => {
    await using dir = await tempDir('cco-root-gone-');
    const root = join(dir.path, 'root');
    await generateDemoRoot(root, { now: NOW, sessions: 12 });
    const transcripts = (await readdir(join(root, 'projects'), { recursive: true })).filter((f) =>
      f.endsWith('.jsonl'),
    );
    const backup = await readFile(join(root, 'projects', transcripts[0] ?? ''), 'utf8');
    const args = ['--data-dir', root, '--db', join(dir.path, 'cco.db'), '--interval', '100ms'];
    const added = Array.from(
      { length: 50 },
      (_, i) =>
        `${assistant({ id: `msg_new_${i}`, requestId: `req_new_${i}`, input: 7, output: 3, timestamp: new Date(NOW - i * 1000).toISOString() })}\n`,
    ).join('');
    let after;
    {
      await using daemon = await spawnDaemon(binary, args);
      await idleTick(daemon.url);
      const before = await totals(daemon.url);
      expect((await health(daemon.url)).files_tracked).toBe(transcripts.length);

      await rm(root, { recursive: true });
      const gone = await waitFor(async () => {
        const h = await health(daemon.url);
        return h.files_tracked === 0 ? h : undefined;
      }, 'the files to be dropped');
      expect(gone.failed_ticks).toBe(0);
      expect(await totals(daemon.url)).toEqual(before);

      const project = join(root, 'projects', '-home-ada-src-new');
      await mkdir(project, { recursive: true });
      await writeFile(join(project, 'restored.jsonl'), backup);
      await writeFile(join(project, 'new.jsonl'), added);
      await waitFor(
        async () => ((await health(daemon.url)).files_tracked === 2 ? true : undefined),
        'the new root to be read',
      );
      await idleTick(daemon.url);
      after = await totals(daemon.url);
      expect(after.messages).toBe(before.messages + 50);
      expect(after.input_tokens).toBe(before.input_tokens + 50 * 7);
      expect(after.output_tokens).toBe(before.output_tokens + 50 * 3);
      expect(daemon.stderr()).not.toContain('warning');
    }
    await using restarted = await spawnDaemon(binary, args);
    await idleTick(restarted.url);
    expect(await totals(restarted.url)).toEqual(after);
  }, 120_000);
});
