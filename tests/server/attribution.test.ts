// A response once counted keeps its project and session: a copy of a session that appears later in a folder that sorts
// first (a resumed or copied transcript) moves nothing, so no per-project counter of /metrics ever goes down, while the
// totals still equal ccusage's.
import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assistant } from '../fixtures/log-lines.ts';
import { ccusage } from '../helpers/ccusage.ts';
import { metricsStack } from '../helpers/metrics.ts';
import { parseExposition, sumOf } from '../helpers/prom-text.ts';
import { tempDir } from '../helpers/temp.ts';

const DAY = '2026-11-28T10:00:00.000Z';
const lines = (output: number, sessionId: string) =>
  ['a', 'b', 'c']
    .map((id) => assistant({ id: `msg_${id}`, requestId: `req_${id}`, sessionId, timestamp: DAY, output }))
    .join('\n');

async function perProject(stack: ReturnType<typeof metricsStack>) {
  const samples = parseExposition(await (await stack.get('/metrics')).text());
  const of = (project: string) => ({
    messages: sumOf(samples, 'claude_code_messages_total', { project }),
    output: sumOf(samples, 'claude_code_token_usage_tokens_total', { project, type: 'output' }),
  });
  return {
    a: of('-a'),
    b: of('-b'),
    output: sumOf(samples, 'claude_code_token_usage_tokens_total', { type: 'output' }),
  };
}

async function rootWithSession(dir: string): Promise<string> {
  await mkdir(join(dir, 'projects', '-b'), { recursive: true });
  await mkdir(join(dir, 'projects', '-a'), { recursive: true });
  await writeFile(join(dir, 'projects', '-b', 'original.jsonl'), `${lines(50, 'session-b')}\n`);
  return join(dir, 'projects', '-a', 'copy.jsonl');
}

describe('attribution of a counted response', () => {
  it('stays with its project when an equal copy appears in a later tick in a folder that sorts first', async () => {
    await using dir = await tempDir('cco-attribution-');
    const copy = await rootWithSession(dir.path);
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const before = await perProject(stack);
    expect(before.b).toEqual({ messages: 3, output: 150 });

    await writeFile(copy, `${lines(50, 'session-a')}\n`);
    stack.clock.advance(2000);
    await stack.aggregator.tickNow();
    const after = await perProject(stack);
    expect(after.b).toEqual(before.b);
    expect(after.a).toEqual({ messages: 0, output: 0 });
    expect(after.output).toBe((await ccusage(dir.path)).totals.outputTokens);
  });

  it('keeps its project when a later copy with more tokens replaces its figures', async () => {
    await using dir = await tempDir('cco-attribution-');
    const copy = await rootWithSession(dir.path);
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();

    await writeFile(copy, `${lines(80, 'session-a')}\n`);
    stack.clock.advance(2000);
    await stack.aggregator.tickNow();
    const after = await perProject(stack);
    expect(after.b).toEqual({ messages: 3, output: 240 });
    expect(after.a).toEqual({ messages: 0, output: 0 });
    expect(after.output).toBe((await ccusage(dir.path)).totals.outputTokens);
  });

  it('chooses the first in path order among copies first seen in the same tick, as ccusage does', async () => {
    await using dir = await tempDir('cco-attribution-');
    const copy = await rootWithSession(dir.path);
    await writeFile(copy, `${lines(50, 'session-a')}\n`);
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const figures = await perProject(stack);
    expect(figures.a).toEqual({ messages: 3, output: 150 });
    expect(figures.b).toEqual({ messages: 0, output: 0 });
  });
});
