// Dedup follows ccusage 20.0.24; each case is checked against ccusage itself on the same files.
import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assistant } from '../fixtures/log-lines.ts';
import { ccusage } from '../helpers/ccusage.ts';
import { ingestOnce } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/temp.ts';

type Files = Record<string, string[]>;

async function inputTokens(files: Files): Promise<{ cco: number; ccusage: number }> {
  await using dir = await tempDir('cco-dedup-');
  for (const [path, lines] of Object.entries(files)) {
    await mkdir(dirname(join(dir.path, 'projects', path)), { recursive: true });
    await writeFile(join(dir.path, 'projects', path), `${lines.join('\n')}\n`);
  }
  const engine = await ingestOnce(dir.path);
  const report = await ccusage(dir.path);
  return { cco: engine.ledger.totals.input, ccusage: report.totals.inputTokens };
}

const main = (sessionId: string, id: string | null, requestId: string | null, input: number) =>
  assistant({ sessionId, id, requestId, input, cacheWrite: 0, cacheRead: 0, output: 1 });
const side = (sessionId: string, id: string | null, requestId: string | null, input: number) =>
  assistant({ sessionId, id, requestId, input, cacheWrite: 0, cacheRead: 0, output: 1, sidechain: true });

describe('dedup, as ccusage does it', () => {
  it.each<[string, Files, number]>([
    [
      'counts lines without message.id every time',
      { 'p/s1.jsonl': [main('s1', null, 'r1', 100), main('s1', null, 'r1', 100)] },
      200,
    ],
    [
      'counts the same message.id with different requestIds twice',
      { 'p/s1.jsonl': [main('s1', 'm1', 'r1', 100)], 'p/s2.jsonl': [main('s2', 'm1', 'r2', 100)] },
      200,
    ],
    [
      'dedups ids without requestId only among themselves',
      { 'p/s1.jsonl': [main('s1', 'm1', null, 100), main('s1', 'm1', null, 100), main('s1', 'm1', 'r1', 100)] },
      200,
    ],
    [
      'counts a resumed copy in another file once',
      { 'p/a.jsonl': [main('sA', 'm1', 'r1', 100)], 'p/b.jsonl': [main('sB', 'm1', 'r1', 100)] },
      100,
    ],
    [
      'keeps the copy with more tokens',
      { 'p/s1.jsonl': [main('s1', 'm1', 'r1', 100), main('s1', 'm1', 'r1', 250)] },
      250,
    ],
    [
      'keeps the main copy over a sidechain copy with more tokens',
      { 'p/a.jsonl': [side('s1', 'm1', 'r1', 300)], 'p/b.jsonl': [main('s2', 'm1', 'r1', 100)] },
      100,
    ],
    [
      'merges a sidechain copy with another requestId into the main copy of the same session',
      { 'p/s1.jsonl': [main('s1', 'm1', 'r1', 100)], 'p/s1/subagents/agent-1.jsonl': [side('s1', 'm1', 'r2', 100)] },
      100,
    ],
    [
      'does not merge a sidechain copy from another session',
      { 'p/s1.jsonl': [main('s1', 'm1', 'r1', 100), side('s2', 'm1', 'r2', 100)] },
      200,
    ],
    [
      'merges a main line into an earlier sidechain-only response of the same session',
      { 'p/s1.jsonl': [side('s1', 'm1', 'r3', 300), main('s1', 'm1', 'r1', 100)] },
      100,
    ],
    [
      'merges sidechain copies of one session with each other',
      { 'p/s1.jsonl': [side('s1', 'm1', 'r3', 100), side('s1', 'm1', 'r4', 100)] },
      100,
    ],
    [
      'merges a sidechain copy without requestId into the main copy',
      { 'p/s1.jsonl': [side('s1', 'm1', null, 100), main('s1', 'm1', 'r1', 100)] },
      100,
    ],
    [
      'keeps later copies of a main line that replaced a sidechain survivor together',
      {
        'p/s1.jsonl': [
          side('s1', 'm1', 'r3', 300),
          main('s1', 'm1', 'r1', 100),
          main('s1', 'm1', 'r1', 100).replace('Done.', 'Block 2'),
        ],
      },
      100,
    ],
  ])('%s', async (_name, files, expected) => {
    const { cco, ccusage: oracle } = await inputTokens(files);
    expect(oracle).toBe(expected);
    expect(cco).toBe(expected);
  });
});
