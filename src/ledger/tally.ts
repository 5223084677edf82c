// A running sum of usage: tokens by kind, cost, responses and failed requests. Added to and, on dedup replacement, subtracted from.
import type { TokenCounts } from './types.ts';

export class Tally {
  input = 0;
  output = 0;
  cacheCreation5m = 0;
  cacheCreation1h = 0;
  cacheRead = 0;
  /** USD. */
  cost = 0;
  /** Deduplicated successful API responses. */
  messages = 0;
  /** Failed requests (API errors, `<synthetic>` lines). */
  failed = 0;

  /** Adds (sign 1) or removes (sign -1) one response. */
  apply(tokens: TokenCounts, cost: number, failed: boolean, sign: 1 | -1): void {
    this.input += sign * tokens.input;
    this.output += sign * tokens.output;
    this.cacheCreation5m += sign * tokens.cacheCreation5m;
    this.cacheCreation1h += sign * tokens.cacheCreation1h;
    this.cacheRead += sign * tokens.cacheRead;
    this.cost += sign * cost;
    if (failed) this.failed += sign;
    else this.messages += sign;
  }

  merge(other: Tally): void {
    this.input += other.input;
    this.output += other.output;
    this.cacheCreation5m += other.cacheCreation5m;
    this.cacheCreation1h += other.cacheCreation1h;
    this.cacheRead += other.cacheRead;
    this.cost += other.cost;
    this.messages += other.messages;
    this.failed += other.failed;
  }

  get cacheCreation(): number {
    return this.cacheCreation5m + this.cacheCreation1h;
  }

  /** All four token kinds. */
  get tokens(): number {
    return this.input + this.output + this.cacheCreation + this.cacheRead;
  }

  get isEmpty(): boolean {
    return this.messages === 0 && this.failed === 0 && this.tokens === 0;
  }
}

export const totalTokens = (t: TokenCounts): number =>
  t.input + t.output + t.cacheCreation5m + t.cacheCreation1h + t.cacheRead;
