// Unreadable files, symlink loops and non-files are skipped and counted; the rest is still read.
import { describe, expect, it } from 'bun:test';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assistant } from '../fixtures/log-lines.ts';
import { ingestOnce } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/temp.ts';

const line = (n: number) =>
  assistant({ id: `m${n}`, requestId: `r${n}`, input: n, cacheWrite: 0, cacheRead: 0, output: 0 });
const isRoot = process.getuid?.() === 0;

describe('hostile trees', () => {
  it('survives a symlink loop and a link to /dev/zero', async () => {
    await using dir = await tempDir('cco-bad-');
    const project = join(dir.path, 'projects', '-p');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 'ok.jsonl'), `${line(5)}\n`);
    await symlink(project, join(project, 'loop'));
    await symlink('/dev/zero', join(project, 'zero.jsonl'));
    const engine = await ingestOnce(dir.path);
    expect(engine.ledger.totals.input).toBe(5);
    expect(engine.counters.skippedDirs).toBeGreaterThanOrEqual(1);
  });

  it('skips a directory named like a log', async () => {
    await using dir = await tempDir('cco-bad-');
    const project = join(dir.path, 'projects', '-p');
    await mkdir(join(project, 'dir.jsonl'), { recursive: true });
    await writeFile(join(project, 'ok.jsonl'), `${line(3)}\n`);
    expect((await ingestOnce(dir.path)).ledger.totals.input).toBe(3);
  });

  it.skipIf(isRoot)('counts an unreadable file and reads the others', async () => {
    await using dir = await tempDir('cco-bad-');
    const project = join(dir.path, 'projects', '-p');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 'ok.jsonl'), `${line(3)}\n`);
    await writeFile(join(project, 'locked.jsonl'), `${line(4)}\n`);
    await chmod(join(project, 'locked.jsonl'), 0);
    const engine = await ingestOnce(dir.path);
    expect(engine.ledger.totals.input).toBe(3);
    expect(engine.counters.unreadableFiles).toBe(1);
  });
});
