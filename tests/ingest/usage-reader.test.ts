// The per-file reader: content-block repeats are skipped without parsing only when they are the same response, and
// response times come from the parent line just before a response.
import { describe, expect, it } from 'bun:test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assistant, user } from '../fixtures/log-lines.ts';
import { tempDir } from '../helpers/temp.ts';
import { blockBuffer } from '../../src/ingest/read-appended.ts';
import { readUsage, readUsageSync, type FileReadResult } from '../../src/ingest/usage-reader.ts';
import type { ParsedResponse } from '../../src/ledger/types.ts';

/**
 * Reads the lines both ways, through Bun.file (live ticks) and with readSync into one reused buffer (the parse
 * workers), checks that both see the same, and returns what they saw.
 */
async function read(lines: readonly string[], limits?: { blockBytes: number; maxLineBytes: number }) {
  await using dir = await tempDir('cco-reader-');
  const path = join(dir.path, 's.jsonl');
  const text = `${lines.join('\n')}\n`;
  await writeFile(path, text);
  const task = { path, offset: 0, end: Buffer.byteLength(text), skippingLongLine: false };
  const responses: ParsedResponse[] = [];
  const result: FileReadResult = await readUsage(task, (r) => responses.push(r), limits);
  const synced: ParsedResponse[] = [];
  expect(readUsageSync(task, (r) => synced.push(r), limits, limits && blockBuffer(limits))).toEqual(result);
  expect(synced).toEqual(responses);
  return { result, responses };
}

const block = (text: string, s: Parameters<typeof assistant>[0] = {}) =>
  assistant({ id: 'msg_1', requestId: 'req_1', uuid: `u-${text}`, text, ...s });

describe('content-block repeats', () => {
  it('skips a later block of the same response without parsing it', async () => {
    const { result, responses } = await read([block('a'), block('b'), block('c')]);
    expect(result.usageLines).toBe(3);
    expect(result.repeatLines).toBe(2);
    expect(responses).toHaveLength(1);
  });

  it('parses a line whose usage, message id, requestId or sidechain flag differ', async () => {
    const { result, responses } = await read([
      block('a'),
      block('b', { output: 51 }),
      block('c', { output: 51, id: 'msg_2' }),
      block('d', { output: 51, id: 'msg_2', requestId: 'req_2' }),
      block('e', { output: 51, id: 'msg_2', requestId: 'req_2', sidechain: true }),
    ]);
    expect(result.repeatLines).toBe(0);
    expect(responses.map((r) => r.tokens.output)).toEqual([50, 51, 51, 51, 51]);
  });

  it('does not treat an id that is a prefix of another as the same id', async () => {
    const { result } = await read([
      block('a', { id: 'msg_12' }),
      block('b', { id: 'msg_1' }),
      block('c', { requestId: 'req_12' }),
    ]);
    expect(result.repeatLines).toBe(0);
  });

  it('parses every line when ids need JSON escapes (no byte pattern is trusted for them)', async () => {
    const { result, responses } = await read([
      block('a', { id: 'msg_"q"' }),
      block('b', { id: 'msg_"q"' }),
      block('c', { id: 'msg_é' }),
      block('d', { id: 'msg_é' }),
    ]);
    expect(result.repeatLines).toBe(0);
    expect(responses).toHaveLength(4);
  });

  it('recognises repeats across block boundaries and after lines that carry no usage', async () => {
    const filler = user('x'.repeat(300), 'p-1');
    const lines = [block('a'), filler, block('b'), filler, block('c'), block('d')];
    const small = await read(lines, { blockBytes: 256, maxLineBytes: 1 << 20 });
    const large = await read(lines);
    expect(small.responses).toHaveLength(1);
    expect(large.responses).toHaveLength(1);
    expect(small.result.repeatLines + small.responses.length).toBe(4);
  });

  it('recognises a repeat of a line read in an earlier block when every block is read into the same buffer', async () => {
    // Blocks just over one line long; read with readSync (as `read` also does), each response's first line ends its
    // block, and the block with its repeat is read over the same bytes. The filter compares against its own copy, so
    // the repeat is still recognised, and a different response read over it is still parsed.
    const lines = [
      block('a'),
      block('b'),
      block('c', { id: 'msg_2' }),
      block('d', { id: 'msg_2' }),
      block('e', { id: 'msg_2', output: 7 }),
    ];
    const blockBytes = Math.max(...lines.map((l) => Buffer.byteLength(l))) + 8;
    const limits = { blockBytes, maxLineBytes: 1 << 20 };
    const { result, responses } = await read(lines, limits);
    expect(result.repeatLines).toBe(2);
    expect(responses.map((r) => r.tokens.output)).toEqual([50, 50, 7]);
  });
});

describe('lines that hold more than one "usage"', () => {
  // One response written as two block records with growing output; the second is an MCP tool call whose input holds
  // a `usage` object byte-for-byte equal to the first record's usage.
  const first = block('a', { input: 100, output: 40, cacheWrite: 0, cacheRead: 0 });
  const firstUsage = (JSON.parse(first) as { message: { usage: unknown } }).message.usage;
  const toolCall = block('b', {
    input: 100,
    output: 400,
    cacheWrite: 0,
    cacheRead: 0,
    content: [{ type: 'tool_use', id: 'toolu_1', name: 'mcp__stats__put', input: { usage: firstUsage } }],
  });

  it('parses a record whose first "usage" is a tool input equal to the previous usage, and counts its own', async () => {
    const { result, responses } = await read([first, toolCall]);
    expect(result.repeatLines).toBe(0);
    expect(responses.map((r) => r.tokens.output)).toEqual([40, 400]);
  });

  it('reads the same responses whether the two records come in one read or in two', async () => {
    await using dir = await tempDir('cco-reader-');
    const path = join(dir.path, 's.jsonl');
    const head = `${first}\n`;
    const text = `${head}${toolCall}\n`;
    await writeFile(path, text);
    const whole: ParsedResponse[] = [];
    await readUsage({ path, offset: 0, end: Buffer.byteLength(text), skippingLongLine: false }, (r) => whole.push(r));
    const split: ParsedResponse[] = [];
    const part = await readUsage({ path, offset: 0, end: Buffer.byteLength(head), skippingLongLine: false }, (r) =>
      split.push(r),
    );
    await readUsage({ path, offset: part.offset, end: Buffer.byteLength(text), skippingLongLine: false }, (r) =>
      split.push(r),
    );
    expect(whole.map((r) => r.delayMs === undefined && r.tokens)).toEqual(
      split.map((r) => r.delayMs === undefined && r.tokens),
    );
  });

  it('does not take a line for a repeat of a line whose first "usage" was a nested one', async () => {
    // The nested usage comes first in the remembered line; the next line's own usage equals that nested one.
    const nestedFirst = block('a', {
      input: 100,
      output: 400,
      cacheWrite: 0,
      cacheRead: 0,
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'mcp__x', input: { usage: firstUsage } }],
    });
    const { result, responses } = await read([nestedFirst, first]);
    expect(result.repeatLines).toBe(0);
    expect(responses.map((r) => r.tokens.output)).toEqual([400, 40]);
  });

  it('parses a line whose requestId key occurs twice (one of them nested)', async () => {
    const nestedRequest = block('b', {
      content: [{ type: 'tool_use', id: 'toolu_2', name: 'mcp__x', input: { requestId: 'req_1' } }],
    });
    const { result } = await read([block('a'), nestedRequest]);
    expect(result.repeatLines).toBe(0);
  });
});

describe('opening', () => {
  it('opens nothing for an empty range, and fails for a file it cannot open, read either way', async () => {
    await using dir = await tempDir('cco-reader-');
    const path = join(dir.path, 'gone.jsonl');
    const empty = { path, offset: 10, end: 10, skippingLongLine: false };
    const some = { ...empty, offset: 0 };
    expect(await readUsage(empty, () => {})).toMatchObject({ offset: 10, bytesRead: 0, linesScanned: 0 });
    expect(readUsageSync(empty, () => {})).toMatchObject({ offset: 10, bytesRead: 0, linesScanned: 0 });
    await expect(readUsage(some, () => {})).rejects.toThrow(/ENOENT|No such file/);
    expect(() => readUsageSync(some, () => {})).toThrow(/ENOENT/);
  });
});

describe('decoding', () => {
  it('decodes non-ASCII text exactly, in blocks with and without it', async () => {
    const plain = assistant({ id: 'msg_a', requestId: 'req_a', model: 'claude-sonnet-4-5' });
    const accented = assistant({
      id: 'msg_b',
      requestId: 'req_b',
      model: 'claude-sonnet-4-5',
      sessionId: 'sessión-ü',
      extra: { cwd: '/home/zoë/日本' },
    });
    for (const limits of [
      undefined,
      { blockBytes: Buffer.byteLength(plain) + 1, maxLineBytes: 1 << 20 },
      { blockBytes: 64, maxLineBytes: 1 << 20 },
    ]) {
      const { responses } = await read([plain, accented, plain.replace('msg_a', 'msg_c')], limits);
      expect(responses.map((r) => [r.sessionId, r.cwd])).toEqual([
        ['session-1', '/home/ada/src/edge'],
        ['sessión-ü', '/home/zoë/日本'],
        ['session-1', '/home/ada/src/edge'],
      ]);
    }
  });
});

describe('response time', () => {
  const prompt = (uuid: string, timestamp: string) => user('do it', uuid, timestamp);

  it('is the time from the parent line just before the response to the response', async () => {
    const { responses } = await read([
      prompt('p-1', '2026-11-20T10:00:00.000Z'),
      assistant({ id: 'msg_1', requestId: 'req_1', parentUuid: 'p-1', timestamp: '2026-11-20T10:00:02.500Z' }),
    ]);
    expect(responses[0]?.delayMs).toBe(2500);
  });

  it('has no sample when the previous line is not the parent, is a response, or is later', async () => {
    const { responses } = await read([
      prompt('p-1', '2026-11-20T10:00:00.000Z'),
      assistant({ id: 'msg_1', requestId: 'req_1', parentUuid: 'p-0', timestamp: '2026-11-20T10:00:02.000Z' }),
      assistant({ id: 'msg_2', requestId: 'req_2', parentUuid: 'uuid-a', timestamp: '2026-11-20T10:00:03.000Z' }),
      prompt('p-2', '2026-11-20T10:00:09.000Z'),
      assistant({ id: 'msg_3', requestId: 'req_3', parentUuid: 'p-2', timestamp: '2026-11-20T10:00:05.000Z' }),
      prompt('p-3x', '2026-11-20T10:00:09.000Z'),
      assistant({ id: 'msg_4', requestId: 'req_4', parentUuid: 'p-3', timestamp: '2026-11-20T10:00:10.000Z' }),
    ]);
    expect(responses.map((r) => r.delayMs)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('times a response from a parent that ended the previous block', async () => {
    const lines = [
      prompt('p-1', '2026-11-20T10:00:00.000Z'),
      assistant({ id: 'msg_1', requestId: 'req_1', parentUuid: 'p-1', timestamp: '2026-11-20T10:00:01.000Z' }),
    ];
    const first = Buffer.byteLength(`${lines[0]}\n`);
    const { responses } = await read(lines, { blockBytes: first, maxLineBytes: 1 << 20 });
    expect(responses[0]?.delayMs).toBe(1000);
  });

  it('times a response from a parent that was split over blocks, and not from a response before it', async () => {
    const lines = [
      prompt('p-1', '2026-11-20T10:00:00.000Z'),
      assistant({ id: 'msg_1', requestId: 'req_1', parentUuid: 'p-1', timestamp: '2026-11-20T10:00:01.500Z' }),
      assistant({ id: 'msg_2', requestId: 'req_2', parentUuid: 'p-1', timestamp: '2026-11-20T10:00:03.000Z' }),
    ];
    // Blocks of 100 bytes: every line spans several blocks.
    const { responses } = await read(lines, { blockBytes: 100, maxLineBytes: 1 << 20 });
    expect(responses.map((r) => r.delayMs)).toEqual([1500, undefined]);
  });

  it('times the first response of a read from the parent that ended the read before (the previous tick)', async () => {
    await using dir = await tempDir('cco-reader-');
    const path = join(dir.path, 's.jsonl');
    const before = `${prompt('p-1', '2026-11-20T10:00:00.000Z')}\n`;
    await writeFile(path, before);
    const first = await readUsage(
      { path, offset: 0, end: Buffer.byteLength(before), skippingLongLine: false },
      () => {},
    );
    expect(first.parent).toEqual({ uuid: 'p-1', timestamp: Date.parse('2026-11-20T10:00:00.000Z') });

    const text = `${before}${assistant({ id: 'msg_1', requestId: 'req_1', parentUuid: 'p-1', timestamp: '2026-11-20T10:00:04.250Z' })}\n`;
    await writeFile(path, text);
    const responses: ParsedResponse[] = [];
    const next = await readUsage(
      { path, offset: first.offset, end: Buffer.byteLength(text), skippingLongLine: false, parent: first.parent },
      (r) => responses.push(r),
    );
    expect(responses[0]?.delayMs).toBe(4250);
    expect(next.parent).toBeUndefined(); // (the last line read is a response)
    // Without the parent (e.g. after a restart) there is no sample, never a wrong one.
    const cold: ParsedResponse[] = [];
    await readUsage({ path, offset: first.offset, end: Buffer.byteLength(text), skippingLongLine: false }, (r) =>
      cold.push(r),
    );
    expect(cold[0]?.delayMs).toBeUndefined();
  });
});
