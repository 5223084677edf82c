// The status line without a daemon: the session's figures from its transcript alone (with its subagent files).
// Its own module so the transcript reader and the price table load only when no daemon answered.
import { homedir } from 'node:os';
import { resolveDataRoots } from '../../ingest/data-roots.ts';
import { SessionTranscripts } from '../../ingest/session-transcript.ts';
import { createCostFn, createPriceBook, PRICE_TABLE } from '../../pricing/index.ts';
import type { PriceOverride } from '../../pricing/types.ts';
import type { Env } from '../io.ts';
import type { StatusInput } from './input.ts';
import type { LineFigures } from './segments.ts';

/** The session from its transcript alone (no daemon): cost with subagents, cache-read share. */
export async function fromTranscript(
  input: StatusInput,
  ctx: { readonly env: Env; readonly pricing: readonly PriceOverride[] },
  base: LineFigures,
): Promise<LineFigures> {
  if (!input.transcriptPath) return base;
  const roots = resolveDataRoots({ env: ctx.env, home: ctx.env.HOME || homedir() });
  const costFn = createCostFn('auto', createPriceBook(PRICE_TABLE, ctx.pricing));
  const reader = new SessionTranscripts({ projectsDirs: roots.map((r) => r.projectsDir), costOf: () => costFn });
  const usage = await reader.read(input.transcriptPath);
  if (!usage || usage.responses === 0) return base;
  const inputs = usage.input + usage.cacheCreation + usage.cacheRead;
  return { ...base, sessionCost: usage.cost, cacheReadShare: inputs === 0 ? 0 : usage.cacheRead / inputs };
}
