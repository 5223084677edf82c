// Files nobody should write but somebody will: skipped or rejected and counted; the daemon's totals stay right and its
// memory bounded.
import { describe, expect, it } from 'bun:test';
import { spawnSync } from 'node:child_process';
import { appendFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { seededRandom } from '../../src/demo/index.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { createEngine } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/temp.ts';

const line = (n: number, extra: Parameters<typeof assistant>[0] = {}) =>
  assistant({ id: `m${n}`, requestId: `r${n}`, input: n, cacheWrite: 0, cacheRead: 0, output: 0, ...extra });

async function project() {
  const dir = await tempDir('cco-hostile-');
  const p = join(dir.path, 'projects', '-p');
  await mkdir(p, { recursive: true });
  return { dir, p };
}

describe('hostile files', () => {
  it('reads valid lines around binary garbage and invalid UTF-8', async () => {
    const { dir, p } = await project();
    await using _ = dir;
    const rng = seededRandom(5);
    const garbage = Buffer.from(Array.from({ length: 100_000 }, () => rng.int(0, 255)));
    garbage.write('"usage"', 500);
    // Invalid UTF-8 inside a text field: decoded as U+FFFD, the usage is intact and counts.
    const [head = '', tail = ''] = line(7).split('Done.');
    const badUtf8 = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`${tail}\n`)]);
    await writeFile(
      join(p, 'g.jsonl'),
      Buffer.concat([Buffer.from(`${line(1)}\n`), garbage, Buffer.from(`\n${line(2)}\n`), badUtf8]),
    );
    const engine = createEngine(dir.path);
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(10);
    expect(engine.counters.malformedLines).toBeGreaterThanOrEqual(1);
  });

  it('rejects and counts token counts that are strings, negative, fractional or beyond 2^53, and deep nesting', async () => {
    const { dir, p } = await project();
    await using _ = dir;
    const bad = [
      line(10).replace('"input_tokens":10', '"input_tokens":"10"'),
      line(11).replace('"input_tokens":11', '"input_tokens":-11'),
      line(12).replace('"input_tokens":12', '"input_tokens":1.5'),
      line(13).replace('"input_tokens":13', '"input_tokens":9007199254740993'),
      line(14).replace('"input_tokens":14', '"input_tokens":NaN'),
      `${'['.repeat(200_000)}"usage"${']'.repeat(200_000)}`,
    ];
    await writeFile(join(p, 'b.jsonl'), `${[line(1), ...bad, line(2)].join('\n')}\n`);
    const engine = createEngine(dir.path);
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(3);
    // NaN is not JSON (malformed); the deep array parses or not depending on the engine's depth limit: either way rejected.
    expect(engine.counters.invalidLines + engine.counters.malformedLines).toBe(6);
    expect(engine.counters.invalidLines).toBeGreaterThanOrEqual(4);
  });

  it('skips a 300 MB line with bounded memory and reads the line after it', async () => {
    const { dir, p } = await project();
    await using _ = dir;
    const file = join(p, 'huge.jsonl');
    await writeFile(file, `${line(1)}\n{"type":"user","message":{"content":"`);
    const chunk = 'x'.repeat(8 << 20);
    for (let i = 0; i < 38; i++) await appendFile(file, chunk);
    await appendFile(file, `"}}\n${line(2)}\n`);
    Bun.gc(true);
    const before = process.memoryUsage.rss();
    const engine = createEngine(dir.path);
    await engine.tick();
    Bun.gc(true);
    expect(engine.ledger.totals.input).toBe(3);
    expect(engine.counters.oversizedLines).toBe(1);
    expect(process.memoryUsage.rss() - before).toBeLessThan(200 << 20);
  }, 60_000);

  it('survives a log replaced by a directory or a FIFO, keeping what it counted', async () => {
    const { dir, p } = await project();
    await using _ = dir;
    await writeFile(join(p, 'a.jsonl'), `${line(4)}\n`);
    await writeFile(join(p, 'b.jsonl'), `${line(5)}\n`);
    const engine = createEngine(dir.path);
    await engine.tick();
    await rm(join(p, 'a.jsonl'));
    await mkdir(join(p, 'a.jsonl'));
    await rm(join(p, 'b.jsonl'));
    expect(spawnSync('mkfifo', [join(p, 'b.jsonl')]).status).toBe(0);
    const report = await engine.tick();
    expect(engine.ledger.totals.input).toBe(9);
    expect(report.filesTracked).toBe(0);
  });

  it('follows no symlink below projects/: a file reached twice counts once, under its real folder', async () => {
    const { dir, p } = await project();
    await using _ = dir;
    await using outside = await tempDir('cco-outside-');
    await writeFile(join(outside.path, 'x.jsonl'), `${line(100)}\n`);
    // Records without message.id are never deduplicated: read through a second path, they would count twice.
    await writeFile(join(p, 'real.jsonl'), `${assistant({ id: null, requestId: 'r-1', input: 1 })}\n`);
    await mkdir(join(dir.path, 'projects', '-q'));
    await symlink(join(p, 'real.jsonl'), join(dir.path, 'projects', '-q', 'alias.jsonl'));
    await symlink(p, join(dir.path, 'projects', '-a-link-to-p'));
    await symlink(join(outside.path, 'x.jsonl'), join(p, 'escape.jsonl'));
    await symlink('/etc', join(p, 'etc'));
    const engine = createEngine(dir.path);
    await engine.tick();
    expect(engine.ledger.totals.input).toBe(1);
    expect(engine.filesTracked).toBe(1);
    expect([...engine.ledger.cube.byProject.keys()].map((id) => engine.ledger.projects.name(id))).toEqual([
      basename(p),
    ]);
    expect(engine.counters.skippedDirs).toBe(4);
  });
});
