// GET /api/statusline: everything one status-line refresh shows, in one answer from memory: the session's figures
// (its subagent files included), today's spend, the active block and the plan limits. A session the daemon has not
// counted yet is read from its transcript (new bytes only: the one documented file read on a request path).
import { Elysia, type Static } from 'elysia';
import { StatuslineQuery, StatuslineResponse } from '../../api/limits.ts';
import { BLOCK_SECONDS } from '../../ledger/billing-blocks.ts';
import type { ReportBook } from '../../reports/report-book.ts';
import type { AppDeps, SessionUsage } from '../types.ts';
import { standingBody } from './body.ts';

type Body = Static<typeof StatuslineResponse>;
const BLOCK_MS = BLOCK_SECONDS * 1000;
const usd = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Per session name: its files' sums (SUM_FIELDS order), rebuilt once per report-book version. */
function sessionIndex(): (book: ReportBook, id: string) => SessionUsage | undefined {
  let memo: { version: number; index: Map<string, SessionUsage> } | undefined;
  return (book, id) => {
    if (memo?.version !== book.version) {
      const index = new Map<string, SessionUsage>();
      for (const f of book.files.values()) {
        const s = index.get(f.session) ?? { cost: 0, input: 0, output: 0, cacheCreation: 0, cacheRead: 0 };
        let { cost, input, output, cacheCreation, cacheRead } = s;
        for (const sums of f.models.values()) {
          input += sums[0] ?? 0;
          output += sums[1] ?? 0;
          cacheCreation += (sums[2] ?? 0) + (sums[3] ?? 0);
          cacheRead += sums[4] ?? 0;
          cost += sums[5] ?? 0;
        }
        index.set(f.session, { cost, input, output, cacheCreation, cacheRead });
      }
      memo = { version: book.version, index };
    }
    return memo.index.get(id);
  };
}

const sessionIdOf = (path: string | undefined): string | undefined =>
  path ? /([^/\\]+)\.jsonl$/.exec(path)?.[1] : undefined;

function sessionBody(id: string, u: SessionUsage, source: 'daemon' | 'transcript'): NonNullable<Body['session']> {
  const tokens = u.input + u.output + u.cacheCreation + u.cacheRead;
  const inputs = u.input + u.cacheCreation + u.cacheRead;
  return {
    id,
    cost: usd(u.cost),
    tokens,
    cache_read_share: inputs === 0 ? 0 : Math.round((u.cacheRead / inputs) * 10_000) / 10_000,
    source,
  };
}

export const statuslineRoutes = (deps: AppDeps) => {
  const fromBook = sessionIndex();
  return new Elysia({ name: 'statusline' }).get(
    '/statusline',
    async ({ query }): Promise<Body> => {
      const { cache } = deps;
      const now = deps.clock.now();
      const id = query.session_id || sessionIdOf(query.transcript_path);
      let session: Body['session'] = null;
      const counted = id !== undefined ? fromBook(cache.reports, id) : undefined;
      if (id !== undefined && counted) session = sessionBody(id, counted, 'daemon');
      else if (id !== undefined && query.transcript_path && deps.sessionUsage) {
        const read = await deps.sessionUsage(query.transcript_path);
        if (read) session = sessionBody(id, read, 'transcript');
      }
      const active = cache.blocks.active(now);
      const minutes = active ? (active.lastEntry - active.firstEntry) / 60_000 : 0;
      return {
        session,
        today: { cost: usd(cache.spend?.today.cost ?? 0), tokens: cache.spend?.today.tokens ?? 0 },
        block: active
          ? {
              cost: usd(active.cost),
              ends_at: new Date(active.start + BLOCK_MS).toISOString(),
              remaining_minutes: Math.max(0, Math.round((active.start + BLOCK_MS - now) / 60_000)),
              burn_rate_usd_per_hour: minutes > 0 ? usd((active.cost / minutes) * 60) : null,
            }
          : null,
        limits: cache.limits.standings(now, cache.spendBetween, cache.version).map((s) => standingBody(s, now)),
      };
    },
    {
      query: StatuslineQuery,
      response: { 200: StatuslineResponse },
      detail: {
        tags: ['limits'],
        summary: "One status line's figures: the session (with subagents), today, the active block, plan limits",
      },
    },
  );
};
