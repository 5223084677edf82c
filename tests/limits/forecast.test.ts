// Forecast and calibration on generated histories whose answers are known.
import { describe, expect, it } from 'bun:test';
import { calibrationOf, limitStandings, slopePerHour } from '../../src/ledger/limit-forecast.ts';
import type { LimitSample } from '../../src/ledger/limit-samples.ts';

const H = 3_600_000;
const START = Date.UTC(2026, 10, 28, 10);

/** Samples every 10 minutes from START, `percentAt(i)` at step i, all in the window resetting at `reset`. */
function history(
  steps: number,
  percentAt: (i: number) => number,
  reset: number,
  window: LimitSample['window'] = 'five_hour',
) {
  return Array.from(
    { length: steps },
    (_, i): LimitSample => ({
      window,
      usedPercent: percentAt(i),
      resetsAt: reset,
      observedAt: START + i * 600_000,
      session: 's',
      source: 'statusline',
      model: undefined,
    }),
  );
}

const noSpend = () => ({ cost: 0, tokens: 0 });

describe('forecast', () => {
  it('fits the burn rate and says the limit comes before the reset', () => {
    // 2 % per 10 minutes = 12 %/h; at 40 % (step 20 → 3h20m in) the limit is 5 h away, the reset 1h40m.
    const samples = history(21, (i) => i * 2, START + 5 * H);
    const now = START + 20 * 600_000;
    const [standing] = limitStandings(samples, noSpend, now);
    expect(standing?.forecast.ratePerHour).toBeCloseTo(12, 9);
    expect(standing?.forecast.reachesLimitAt).toBe(now + 5 * H);
    expect(standing?.forecast.limitBeforeReset).toBe(false);
    // Only the last hour of a 5-hour window is fitted: 7 samples.
    expect(standing?.forecast.samples).toBe(7);
  });

  it('says the limit is reached first when the rate outruns the window', () => {
    // 5 % per 10 minutes = 30 %/h; at 70 % the limit is 1 h away, the reset 4 h.
    const samples = history(7, (i) => 40 + i * 5, START + 5 * H);
    const now = START + 6 * 600_000;
    const [standing] = limitStandings(samples, noSpend, now);
    expect(standing?.forecast.ratePerHour).toBeCloseTo(30, 9);
    expect(standing?.forecast.reachesLimitAt).toBe(now + H);
    expect(standing?.forecast.limitBeforeReset).toBe(true);
  });

  it('fits nothing from samples of an earlier window, and marks a figure whose window reset as expired', () => {
    const old = history(3, (i) => 80 + i, START + H);
    const [standing] = limitStandings(old, noSpend, START + 2 * H);
    expect(standing?.expired).toBe(true);
    expect(slopePerHour(old.slice(0, 1))).toBeUndefined();
  });
});

describe('calibration', () => {
  it('measures exactly $0.50 and 10,000 tokens per 1 % when local spend tracks the percentage', () => {
    const samples = history(10, (i) => i * 3, START + 5 * H);
    // Local spend: $0.15 and 3,000 tokens a minute; 3 % per 10 minutes → $0.50 and 10,000 tokens per 1 %.
    const spend = (from: number, to: number) => ({
      cost: ((to - from) / 60_000) * 0.15,
      tokens: ((to - from) / 60_000) * 3000,
    });
    const c = calibrationOf(samples, spend, 27);
    expect(c.intervals).toBe(9);
    expect(c.usdPerPercent).toBeCloseTo(0.5, 12);
    expect(c.usdPerPercentError).toBeCloseTo(0, 12);
    expect(c.tokensPerPercent).toBeCloseTo(10_000, 6);
    expect(c.remainingUsd).toBeCloseTo(73 * 0.5, 9);
  });

  it('gives the standard error of a ratio that varies: $0.40 and $0.60 per 1 % alternately', () => {
    const samples = history(5, (i) => i * 2, START + 5 * H);
    let n = 0;
    const spend = () => ({ cost: 2 * (n++ % 2 === 0 ? 0.4 : 0.6), tokens: 0 });
    const c = calibrationOf(samples, spend, 8);
    expect(c.usdPerPercent).toBeCloseTo(0.5, 12);
    // Weighted variance 0.01 over 4 intervals: sqrt(0.01 / 3).
    expect(c.usdPerPercentError).toBeCloseTo(Math.sqrt(0.01 / 3), 12);
  });

  it('does not measure across a reset: the spend of the new window starts a new interval', () => {
    const first = history(3, (i) => 90 + i * 5, START + H);
    const second = history(3, (i) => i * 5, START + 6 * H).map((s) => ({ ...s, observedAt: s.observedAt + H }));
    const spend = (from: number, to: number) => ({ cost: (to - from) / 600_000, tokens: 0 });
    const c = calibrationOf([...first, ...second], spend, 10);
    expect(c.intervals).toBe(4);
    expect(c.usdPerPercent).toBeCloseTo(0.2, 12);
  });
});
