// A transcript rewritten in place (same inode) to a larger size: the bytes before the offset read up to no longer match
// its fingerprint, so the file is read again from the start; dedup keeps lines already counted from counting twice.
// The fingerprint is kept in the store, so this holds across a restart too.
import { describe, expect, it } from 'bun:test';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inProcessIngest } from '../../src/daemon/ingest-client.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { fingerprintAt, NO_FINGERPRINT } from '../../src/ingest/fingerprint.ts';
import { readUsage, readUsageSync } from '../../src/ingest/usage-reader.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { createEngine } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/temp.ts';

const responses = (prefix: string, n: number, output = 100) =>
  Array.from({ length: n }, (_, i) =>
    assistant({ id: `${prefix}${i}`, requestId: `req_${prefix}${i}`, output, text: `reply ${prefix}${i}` }),
  );
const file = (lines: readonly string[]) => `${lines.join('\n')}\n`;

async function transcript(dir: string, lines: readonly string[]): Promise<string> {
  await mkdir(join(dir, 'projects', '-p'), { recursive: true });
  const path = join(dir, 'projects', '-p', 's.jsonl');
  await writeFile(path, file(lines));
  return path;
}

/** Rewrites the file through the same inode (open with O_TRUNC, as an editor that saves in place does). */
async function rewriteInPlace(path: string, lines: readonly string[]): Promise<void> {
  const before = await stat(path);
  await writeFile(path, file(lines));
  const after = await stat(path);
  expect(after.ino).toBe(before.ino);
  expect(after.size).toBeGreaterThan(before.size);
}

describe('a transcript rewritten in place to a larger size', () => {
  it('counts every new response of the rewritten file, and the earlier ones still once', async () => {
    await using dir = await tempDir('cco-rewrite-');
    const path = await transcript(dir.path, responses('old', 30));
    const engine = createEngine(dir.path);
    await engine.tick();
    expect(engine.ledger.responses).toBe(30);

    await rewriteInPlace(path, responses('new', 50));
    await engine.tick();
    expect(engine.ledger.responses).toBe(80);
    expect(engine.ledger.totals.output).toBe(80 * 100);
  });

  it('does not count twice the lines a rewrite keeps, wherever they move', async () => {
    await using dir = await tempDir('cco-rewrite-');
    const old = responses('old', 5);
    const path = await transcript(dir.path, old);
    const engine = createEngine(dir.path);
    await engine.tick();

    await rewriteInPlace(path, [...responses('new', 3), ...old.slice(1), old[0] as string]);
    await engine.tick();
    expect(engine.ledger.responses).toBe(8);
    expect(engine.ledger.totals.output).toBe(8 * 100);
  });

  it('notices a rewrite made while the daemon was stopped, from the fingerprint in the store', async () => {
    await using dir = await tempDir('cco-rewrite-');
    const root = join(dir.path, 'root');
    const path = await transcript(root, responses('old', 30));
    const open = () =>
      inProcessIngest({
        roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/x' }),
        costMode: 'calculate',
        backfillMs: 3_600_000,
        dbPath: join(dir.path, 'cco.db'),
      });
    const first = open();
    expect((await first.tick(Date.now())).snapshot.messages_count).toBe(30);
    await first.close();

    await rewriteInPlace(path, responses('new', 50));
    const second = open();
    await second.opened;
    const after = await second.tick(Date.now());
    await second.close();
    expect(after.snapshot.messages_count).toBe(80);
    expect(after.snapshot.output_tokens).toBe(80 * 100);
  });
});

describe('the fingerprint a read leaves', () => {
  it('is the one of the bytes before its offset, whatever the block size and where the read starts', async () => {
    await using dir = await tempDir('cco-fingerprint-');
    const lines = responses('x', 40);
    // (an unterminated complete last line: the tail case)
    const path = join(dir.path, 'f.jsonl');
    await writeFile(path, `${lines.join('\n')}\n${assistant({ id: 'tail', requestId: 'tail' })}`);
    const size = (await stat(path)).size;
    let checked = 0;
    for (const blockBytes of [97, 1000, 5000, 1 << 20]) {
      for (const start of [0, 333, 4096, 9000, size - 10]) {
        const limits = { blockBytes, maxLineBytes: 1 << 20 };
        const task = { path, offset: start, end: size, skippingLongLine: false };
        for (const result of [await readUsage(task, () => {}, limits), readUsageSync(task, () => {}, limits)]) {
          if (result.fingerprint === NO_FINGERPRINT) continue;
          expect(result.fingerprint).toBe(fingerprintAt(path, result.offset));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
