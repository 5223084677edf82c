// The HTTP side's copy of the plan-limit samples (every one kept, oldest first), fed by each tick, and their
// standings at a moment: the latest figure per window, the forecast and the calibration against local spend.
import { limitStandings, type LimitStanding, type SpendBetween } from '../ledger/limit-forecast.ts';
import { sampleKey, type LimitSample } from '../ledger/limit-samples.ts';

export class LimitBook {
  #samples: LimitSample[] = [];
  readonly #keys = new Set<string>();
  #version = 0;
  #memo: { key: string; value: LimitStanding[] } | undefined;

  get size(): number {
    return this.#samples.length;
  }

  /** Bumped by every sample added. */
  get version(): number {
    return this.#version;
  }

  add(samples: readonly LimitSample[] | undefined): void {
    if (!samples || samples.length === 0) return;
    let added = false;
    for (const s of samples) {
      const key = sampleKey(s);
      if (this.#keys.has(key)) continue;
      this.#keys.add(key);
      this.#samples.push(s);
      added = true;
    }
    if (!added) return;
    this.#samples.sort((a, b) => a.observedAt - b.observedAt);
    this.#version++;
  }

  /** Samples observed at or after `since` (epoch ms), oldest first. */
  since(since: number): LimitSample[] {
    let lo = 0;
    let hi = this.#samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#samples[mid]?.observedAt ?? 0) < since) lo = mid + 1;
      else hi = mid;
    }
    return this.#samples.slice(lo);
  }

  /**
   * Each window's standing at `now`; recomputed when a sample arrives, the local usage changes (`usageVersion`) or a
   * minute passes (ages, expiry and the forecast's look-back move).
   */
  standings(now: number, spend: SpendBetween, usageVersion: number): LimitStanding[] {
    const key = `${this.#version}|${usageVersion}|${Math.floor(now / 60_000)}`;
    if (this.#memo?.key !== key) this.#memo = { key, value: limitStandings(this.#samples, spend, now) };
    return this.#memo.value;
  }
}
