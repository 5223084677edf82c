// What one status line shows, gathered within its time budget: the payload's own figures at once, then the daemon's
// answer (one GET /api/statusline), or with no daemon the session's transcript alone. Each stage replaces the
// figures as it completes; whatever stage the deadline finds is what gets printed.
import { createApiClient, DaemonUnreachable } from '../../client/api-client.ts';
import type { LimitCurrentBody, StatuslineBody } from '../../client/types.ts';
import type { PriceOverride } from '../../pricing/types.ts';
import type { Env } from '../io.ts';
import type { Target } from '../target.ts';
import type { StatusInput } from './input.ts';
import type { LineFigures, LineWindow } from './segments.ts';

export interface Gathered {
  readonly figures: LineFigures;
  readonly note?: string;
}

export interface GatherContext {
  readonly target: Target;
  readonly env: Env;
  readonly pricing: readonly PriceOverride[];
  /** Epoch ms by which the answer must be in. */
  readonly deadline: number;
  readonly now: () => number;
  /** Called when no daemon answered (e.g. to start one). */
  readonly onNoDaemon?: () => void;
}

/** The payload's own figures: nothing to wait for. */
export function payloadFigures(input: StatusInput): LineFigures {
  return {
    model: input.model,
    effort: input.effort,
    sessionCost: input.sessionCost,
    contextPercent: input.contextPercent,
    fiveHour: input.fiveHour,
    sevenDay: input.sevenDay,
  };
}

const ms = (iso: string | null | undefined): number | undefined => (iso ? Date.parse(iso) : undefined);

/** The payload's window (freshest) with the daemon's forecast, else the daemon's figure when still current. */
function windowFrom(own: LineWindow | undefined, daemon: LimitCurrentBody | undefined): LineWindow | undefined {
  const limitAt = daemon?.forecast.limit_before_reset ? ms(daemon.forecast.reaches_limit_at) : undefined;
  if (own) return limitAt === undefined ? own : { ...own, limitAt };
  if (!daemon || daemon.expired) return undefined;
  return { usedPercent: daemon.used_percent, resetsAt: ms(daemon.resets_at), ...(limitAt ? { limitAt } : {}) };
}

export function mergeDaemon(base: LineFigures, body: StatuslineBody): LineFigures {
  const find = (w: string) => body.limits.find((l) => l.window === w && l.model === null);
  return {
    ...base,
    sessionCost: body.session?.cost ?? base.sessionCost,
    cacheReadShare: body.session?.cache_read_share,
    todayCost: body.today.cost,
    blockCost: body.block?.cost,
    blockEndsAt: ms(body.block?.ends_at),
    burnPerHour: body.block?.burn_rate_usd_per_hour ?? undefined,
    fiveHour: windowFrom(base.fiveHour, find('five_hour')),
    sevenDay: windowFrom(base.sevenDay, find('seven_day')),
  };
}

/** Gathers in stages, calling `update` after each; resolves when the last stage is done. */
export async function gatherFigures(
  input: StatusInput,
  ctx: GatherContext,
  update: (g: Gathered) => void,
): Promise<void> {
  const base = payloadFigures(input);
  update({ figures: base });
  const remaining = Math.max(1, ctx.deadline - ctx.now());
  const client = createApiClient({ url: ctx.target.url, token: ctx.target.token, timeoutMs: remaining });
  try {
    const body = await client.statusline({ session_id: input.sessionId, transcript_path: input.transcriptPath });
    update({ figures: mergeDaemon(base, body) });
  } catch (error) {
    if (!(error instanceof DaemonUnreachable) || error.reason === 'timed out') {
      update({ figures: base, note: error instanceof DaemonUnreachable ? '(daemon slow)' : '(daemon error)' });
      return;
    }
    update({ figures: base, note: '(no daemon)' });
    ctx.onNoDaemon?.();
    // Loaded only here: the transcript reader and the price table are not on the path of a daemon's answer.
    const { fromTranscript } = await import('./transcript-figures.ts');
    update({ figures: await fromTranscript(input, ctx, base), note: '(no daemon)' });
  }
}
