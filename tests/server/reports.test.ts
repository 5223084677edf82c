// GET /api/reports/{kind}: answered from the report book; bad values answer 400 naming what is allowed.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { metricsStack } from '../helpers/metrics.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';

let dir: TempDir;
let stack: ReturnType<typeof metricsStack>;
beforeAll(async () => {
  dir = await tempDir('cco-reports-http-');
  await generateDemoRoot(dir.path, { now: Date.UTC(2026, 10, 28, 12), sessions: 20, seed: 5 });
  stack = metricsStack(dir.path);
  await stack.aggregator.tickNow();
});
afterAll(() => dir[Symbol.asyncDispose]());

const json = async (path: string) => {
  const res = await stack.get(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('GET /api/reports', () => {
  it.each([
    ['tz=Mars/Olympus', 'unknown time zone'],
    ['since=2026-13-01', 'YYYYMMDD'],
    ['since=20261120&until=20261110', 'after until'],
    ['limit=0', '1 to 100000'],
    ['breakdown=colour', 'none, model, project'],
    ['order=up', 'asc, desc'],
    ['start_of_week=funday', 'sunday, monday'],
  ])('answers 400 for %s, naming what is allowed', async (query, allowed) => {
    const { status, body } = await json(`/api/reports/daily?${query}`);
    expect(status).toBe(400);
    expect(body.error).toBe('bad_request');
    expect(String(body.message)).toContain(allowed);
  });

  it('answers 404 for a report kind it does not have', async () => {
    expect((await stack.get('/api/reports/yearly')).status).toBe(404);
  });

  it('keeps the totals of the whole range when a limit cuts the rows', async () => {
    const all = await json('/api/reports/daily?tz=UTC');
    const two = await json('/api/reports/daily?tz=UTC&limit=2&order=desc');
    expect((two.body.daily as unknown[]).length).toBe(2);
    const { totalCost, ...tokens } = two.body.totals as Record<string, number>;
    const { totalCost: allCost, ...allTokens } = all.body.totals as Record<string, number>;
    expect(tokens).toEqual(allTokens);
    expect(totalCost).toBeCloseTo(allCost as number, 9);
    expect((two.body.daily as { date: string }[])[0]?.date).toBe(
      (all.body.daily as { date: string }[]).at(-1)?.date as string,
    );
  });

  it('splits rows by project with breakdown=project, summing to the row', async () => {
    const { body } = await json('/api/reports/monthly?tz=UTC&breakdown=project');
    const month = (
      body.monthly as { inputTokens: number; projectBreakdowns: { inputTokens: number; cwd: string }[] }[]
    )[0];
    expect(month?.projectBreakdowns.reduce((s, p) => s + p.inputTokens, 0)).toBe(month?.inputTokens as number);
    expect(month?.projectBreakdowns[0]?.cwd).toStartWith('/home/ada/src/');
  });

  it('gives each session its subagent share and one session with id', async () => {
    const { body } = await json('/api/reports/session?tz=UTC');
    const sessions = body.sessions as {
      sessionId: string;
      totalTokens: number;
      subagent: { totalTokens: number; tokenShare: number };
    }[];
    const withAgents = sessions.find((s) => s.subagent.totalTokens > 0);
    expect(withAgents?.subagent.tokenShare).toBeCloseTo(
      (withAgents?.subagent.totalTokens ?? 0) / (withAgents?.totalTokens ?? 1),
      12,
    );
    const one = await json(`/api/reports/session?id=${sessions[0]?.sessionId}`);
    expect((one.body.sessions as unknown[]).length).toBe(1);
  });

  it('documents every report route in the OpenAPI document', async () => {
    const doc = (await (await stack.get('/swagger/json')).json()) as {
      paths: Record<string, { get?: { tags?: string[] } }>;
    };
    for (const kind of ['daily', 'weekly', 'monthly', 'session', 'project'])
      expect(doc.paths[`/api/reports/${kind}`]?.get?.tags).toEqual(['reports']);
  });
});
