// `session --id`: one session's calls in ccusage 20.0.24's JSON shape (`{sessionId, totalCost, totalTokens, entries}`),
// the calls picked by the local day of each in the query's zone, as ccusage picks them.
import { inDayRange } from './report-range.ts';
import type { ReportQuery } from './types.ts';
import type { ZoneCalendar } from './zone-calendar.ts';
import type { SessionCall } from '../ledger/session-calls.ts';

export interface SessionCallEntry {
  /** ISO 8601, to the millisecond. */
  readonly timestamp: string;
  /** `message.model` as logged. */
  readonly model: string;
  /** cco: priced as fast mode. */
  readonly fastMode: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheCreationTokens: number;
  readonly cacheReadTokens: number;
  /** USD, as cco prices the call: the costs sum to `totalCost` (ccusage writes the line's own costUSD, else 0). */
  readonly costUSD: number;
  /** cco: a subagent's (sidechain) call. */
  readonly isSidechain: boolean;
}

export interface SessionCallsBody {
  readonly sessionId: string;
  readonly totalCost: number;
  readonly totalTokens: number;
  readonly entries: SessionCallEntry[];
}

/** The body, or undefined when the session has no call in the range (ccusage prints `null`). */
export function sessionCallsBody(
  sessionId: string,
  calls: readonly SessionCall[],
  calendar: ZoneCalendar,
  query: Pick<ReportQuery, 'since' | 'until' | 'order'>,
): SessionCallsBody | undefined {
  const entries: SessionCallEntry[] = [];
  let totalCost = 0;
  let totalTokens = 0;
  for (const c of calls) {
    if (!inDayRange(calendar, c.timestamp, query.since, query.until)) continue;
    totalCost += c.cost;
    totalTokens += c.inputTokens + c.outputTokens + c.cacheCreationTokens + c.cacheReadTokens;
    entries.push({
      timestamp: new Date(c.timestamp).toISOString(),
      model: c.model,
      fastMode: c.fastMode,
      inputTokens: c.inputTokens,
      outputTokens: c.outputTokens,
      cacheCreationTokens: c.cacheCreationTokens,
      cacheReadTokens: c.cacheReadTokens,
      costUSD: c.cost,
      isSidechain: c.isSidechain,
    });
  }
  if (entries.length === 0) return undefined;
  if (query.order === 'desc') entries.reverse();
  return { sessionId, totalCost, totalTokens, entries };
}
