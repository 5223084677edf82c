// Each tick reads only what was appended; nothing is counted twice or lost across ticks, truncation, replacement, deletion.
import { describe, expect, it } from 'bun:test';
import { appendFile, mkdir, rename, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assistant, user } from '../fixtures/log-lines.ts';
import { createEngine } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/temp.ts';

const line = (n: number, extra: Parameters<typeof assistant>[0] = {}) =>
  assistant({ id: `m${n}`, requestId: `r${n}`, input: n, cacheWrite: 0, cacheRead: 0, output: 0, ...extra });

async function setup() {
  const dir = await tempDir('cco-incr-');
  const project = join(dir.path, 'projects', '-p');
  await mkdir(project, { recursive: true });
  return { dir, project, engine: createEngine(dir.path) };
}

describe('incremental ingest', () => {
  it('times a response written in the tick after its prompt (as Claude Code writes them, seconds apart)', async () => {
    const { dir, project, engine } = await setup();
    await using _ = dir;
    const file = join(project, 's.jsonl');
    await writeFile(file, `${user('do it', 'p-1', '2026-11-20T10:00:00.000Z')}\n`);
    await engine.tick();
    expect(engine.responseTime).toEqual({ totalMs: 0, samples: 0 });
    await appendFile(file, `${line(1, { parentUuid: 'p-1', timestamp: '2026-11-20T10:00:06.000Z' })}\n`);
    await engine.tick();
    expect(engine.responseTime).toEqual({ totalMs: 6000, samples: 1 });
    // A prompt and its answer in one tick, then a replaced file: its first line is not timed from the old file's last.
    await appendFile(
      file,
      `${user('again', 'p-2', '2026-11-20T10:01:00.000Z')}\n${line(2, { parentUuid: 'p-2', timestamp: '2026-11-20T10:01:02.000Z' })}\n${user('more', 'p-3', '2026-11-20T10:02:00.000Z')}\n`,
    );
    await engine.tick();
    expect(engine.responseTime).toEqual({ totalMs: 8000, samples: 2 });
    await writeFile(`${file}.new`, `${line(3, { parentUuid: 'p-3', timestamp: '2026-11-20T10:02:01.000Z' })}\n`);
    await rename(`${file}.new`, file);
    await engine.tick();
    expect(engine.ledger.responses).toBe(3);
    expect(engine.responseTime).toEqual({ totalMs: 8000, samples: 2 });
  });

  it('does not count a line until its newline arrives, then counts it exactly once', async () => {
    const { dir, project, engine } = await setup();
    await using _ = dir;
    const file = join(project, 's.jsonl');
    const text = line(5);
    await writeFile(file, `${line(1)}\n${text.slice(0, 40)}`);
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(1);
    await appendFile(file, text.slice(40, 90));
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(1);
    await appendFile(file, `${text.slice(90)}\n${line(7)}\n`);
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(13);
    expect(engine.ledger.responses).toBe(3);
  });

  it('counts a complete last line without newline once, also after its newline arrives', async () => {
    const { dir, project, engine } = await setup();
    await using _ = dir;
    const file = join(project, 's.jsonl');
    await writeFile(file, line(3));
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(3);
    await appendFile(file, `\n${line(4)}\n`);
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(7);
  });

  it('reads no bytes on an idle tick', async () => {
    const { dir, project, engine } = await setup();
    await using _ = dir;
    await writeFile(join(project, 'a.jsonl'), `${line(1)}\n`);
    await writeFile(join(project, 'b.jsonl'), `${line(2)}\n`);
    expect((await engine.tick()).bytesRead).toBeGreaterThan(0);
    const idle = await engine.tick();
    expect(idle).toMatchObject({ bytesRead: 0, filesRead: 0, newResponses: 0, filesTracked: 2 });
  });

  it('reads only the appended bytes', async () => {
    const { dir, project, engine } = await setup();
    await using _ = dir;
    const file = join(project, 's.jsonl');
    await writeFile(file, `${line(1)}\n`);
    await engine.tick();
    const appended = `${line(2)}\n`;
    await appendFile(file, appended);
    const report = await engine.tick();
    expect(report.bytesRead).toBe(Buffer.byteLength(appended));
    expect(engine.ledger.totals.input).toBe(3);
  });

  it('re-reads a truncated or replaced file from the start without counting old lines twice', async () => {
    const { dir, project, engine } = await setup();
    await using _ = dir;
    const file = join(project, 's.jsonl');
    await writeFile(file, `${line(1)}\n${line(2)}\n`);
    await engine.tick();
    await truncate(file, 0);
    await writeFile(file, `${line(1)}\n`);
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(3);
    // Replaced by a new inode holding old and new lines.
    await writeFile(join(project, 'tmp'), `${line(1)}\n${line(2)}\n${line(10)}\n`);
    await rename(join(project, 'tmp'), file);
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(13);
  });

  it('keeps counted usage when a transcript is deleted, and picks up new files and folders', async () => {
    const { dir, project, engine } = await setup();
    await using _ = dir;
    await writeFile(join(project, 'old.jsonl'), `${line(1)}\n`);
    await engine.tick();
    await rm(join(project, 'old.jsonl'));
    await mkdir(join(dir.path, 'projects', '-new', 'sess', 'subagents'), { recursive: true });
    await writeFile(
      join(dir.path, 'projects', '-new', 'sess', 'subagents', 'agent-1.jsonl'),
      `${line(20, { sidechain: true })}\n`,
    );
    const report = await engine.tick();
    expect(report.filesTracked).toBe(1);
    expect(engine.ledger.totals.input).toBe(21);
  });

  it('skips a line longer than the limit, counts it, and reads on after it', async () => {
    await using dir = await tempDir('cco-incr-');
    const project = join(dir.path, 'projects', '-p');
    await mkdir(project, { recursive: true });
    const engine = createEngine(dir.path, { limits: { blockBytes: 4096, maxLineBytes: 10_000 } });
    const file = join(project, 's.jsonl');
    await writeFile(file, `${line(1)}\n${line(2, { text: 'x'.repeat(50_000) })}`);
    await engine.tick();
    await appendFile(file, `${'y'.repeat(30_000)}\n${line(4)}\n`);
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(5);
    expect(engine.counters.oversizedLines).toBe(1);
  });

  it('checks files idle for a while only every few ticks, and still picks up an append to one', async () => {
    const { dir, project, engine } = await setup();
    await using _ = dir;
    const old = new Date(Date.now() - 86_400_000);
    for (let i = 0; i < 20; i++) {
      await writeFile(join(project, `old-${i}.jsonl`), `${line(i + 1)}\n`);
      await utimes(join(project, `old-${i}.jsonl`), old, old);
    }
    await engine.tick();
    const idle = await engine.tick();
    expect(idle.filesChecked).toBeLessThan(5);
    await appendFile(join(project, 'old-7.jsonl'), `${line(100)}\n`);
    let ticks = 0;
    while (engine.ledger.totals.input < 210 + 100 && ticks < 10) {
      await engine.tick();
      ticks++;
    }
    expect(engine.ledger.totals.input).toBe(310);
    expect(ticks).toBeLessThanOrEqual(10);
  });
});
