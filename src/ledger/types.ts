// The ledger's input contract: what ingest hands over for each counted response (produced in any thread, merged in
// file order).
import type { MessageTokens } from '../pricing/types.ts';
import type { DedupKeys } from './dedup.ts';

/** Token counts of one API response (whole tokens), as pricing takes them. */
export type TokenCounts = MessageTokens;

/** A usage line reduced to what the ledger needs; ids are already hashed. */
export interface ParsedResponse {
  /** Epoch ms. */
  readonly timestamp: number;
  readonly tokens: TokenCounts;
  readonly model: string | undefined;
  readonly sessionId: string | undefined;
  /** The working directory Claude Code ran in. */
  readonly cwd: string | undefined;
  readonly isSidechain: boolean;
  readonly isApiError: boolean;
  /** USD, from the line's own costUSD. */
  readonly costUSD: number | undefined;
  /** Undefined for lines without message.id: never deduplicated. */
  readonly keys: DedupKeys | undefined;
  /** Response time sample in ms (see response-time.ts). */
  readonly delayMs: number | undefined;
  /** `usage.speed` was given: of two copies equal in tokens and cost, the one with it survives (as in ccusage). */
  readonly hasSpeed: boolean;
  /** Epoch ms at which a plan limit resets, announced by this (API error) response. */
  readonly limitResetAt: number | undefined;
}
