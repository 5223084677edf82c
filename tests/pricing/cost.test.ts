import { describe, expect, it } from 'bun:test';
import { costOfUsage, entryCost, PRICE_TABLE } from '../../src/pricing/index.ts';
import type { MessageTokens, ModelPricing } from '../../src/pricing/index.ts';

const NONE: MessageTokens = { input: 0, output: 0, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 0 };
const tokens = (t: Partial<MessageTokens>): MessageTokens => ({ ...NONE, ...t });
const price = (key: string): ModelPricing => {
  const p = PRICE_TABLE[key];
  if (!p) throw new Error(`no ${key} in the table`);
  return p;
};
const M = 1e-6; // USD per token for $1 per million

const sonnet45 = price('claude-sonnet-4-5');
const opus41 = price('claude-opus-4-1');

describe('costOfUsage', () => {
  it('prices each token kind at its own rate', () => {
    const cost = costOfUsage(opus41, {
      input: 1000,
      output: 100,
      cacheCreation5m: 10,
      cacheCreation1h: 20,
      cacheRead: 1,
    });
    expect(cost).toBeCloseTo(1000 * 15 * M + 100 * 75 * M + 10 * 18.75 * M + 20 * 30 * M + 1 * 1.5 * M, 15);
  });

  it('is 0 for a message without tokens', () => {
    expect(costOfUsage(sonnet45, NONE)).toBe(0);
  });

  it('bills exactly 200,000 tokens at the base rate', () => {
    expect(costOfUsage(sonnet45, tokens({ input: 200_000 }))).toBe(200_000 * 3e-6);
    expect(costOfUsage(sonnet45, tokens({ cacheRead: 200_000 }))).toBe(200_000 * 3e-7);
  });

  it('bills the 200,001st token at the above-200k rate', () => {
    expect(costOfUsage(sonnet45, tokens({ input: 200_001 }))).toBe(200_000 * 3e-6 + 1 * 6e-6);
    expect(costOfUsage(sonnet45, tokens({ output: 200_001 }))).toBe(200_000 * 1.5e-5 + 1 * 2.25e-5);
    expect(costOfUsage(sonnet45, tokens({ cacheCreation5m: 200_001 }))).toBe(200_000 * 3.75e-6 + 1 * 7.5e-6);
    expect(costOfUsage(sonnet45, tokens({ cacheRead: 200_001 }))).toBe(200_000 * 3e-7 + 1 * 6e-7);
  });

  it('tiers each token kind separately, not their sum', () => {
    const each = 150_000;
    const cost = costOfUsage(sonnet45, {
      input: each,
      output: each,
      cacheCreation5m: each,
      cacheCreation1h: each,
      cacheRead: each,
    });
    expect(cost).toBeCloseTo(each * (3 + 15 + 3.75 + 6 + 0.3) * M, 12);
  });

  it('prices 1-hour cache writes at 2× input, and 2× the above-200k input rate past 200k', () => {
    expect(costOfUsage(sonnet45, tokens({ cacheCreation1h: 1_000_000 }))).toBeCloseTo(
      200_000 * 6 * M + 800_000 * 12 * M,
      12,
    );
    for (const [key, p] of Object.entries(PRICE_TABLE)) {
      expect({ key, cacheWrite1h: p.cacheWrite1h }).toEqual({ key, cacheWrite1h: 2 * p.input });
      if (p.above200k) expect(p.above200k.cacheWrite1h).toBe(2 * p.above200k.input);
    }
  });

  it('prices models without an upper tier flat at any size', () => {
    expect(costOfUsage(opus41, tokens({ input: 1_000_000 }))).toBeCloseTo(15, 12);
  });

  it('multiplies fast-mode messages by the model fast factor', () => {
    const opus46 = price('claude-opus-4-6');
    const t = tokens({ input: 1_000_000 });
    expect(costOfUsage(opus46, t, 'fast')).toBeCloseTo(30, 12);
    expect(costOfUsage(opus46, t, 'standard')).toBeCloseTo(5, 12);
    expect(costOfUsage(price('claude-opus-4-8'), t, 'fast')).toBeCloseTo(10, 12);
  });

  it('leaves fast-mode messages of models without a fast factor at the standard price', () => {
    expect(costOfUsage(sonnet45, tokens({ input: 1000 }), 'fast')).toBe(costOfUsage(sonnet45, tokens({ input: 1000 })));
  });
});

describe('entryCost', () => {
  const t = tokens({ input: 1000, output: 1000 });
  const calculated = costOfUsage(sonnet45, t);

  it('auto uses the line costUSD when present', () => {
    expect(entryCost('auto', sonnet45, t, 0.42)).toBe(0.42);
    expect(entryCost('auto', sonnet45, t, 0)).toBe(0);
  });

  it('auto calculates when the line has no costUSD', () => {
    expect(entryCost('auto', sonnet45, t, undefined)).toBe(calculated);
  });

  it('calculate ignores the line costUSD', () => {
    expect(entryCost('calculate', sonnet45, t, 0.42)).toBe(calculated);
  });

  it('display shows costUSD, or 0 without one', () => {
    expect(entryCost('display', sonnet45, t, 0.42)).toBe(0.42);
    expect(entryCost('display', sonnet45, t, undefined)).toBe(0);
  });

  it('costs an unknown model 0 when calculating', () => {
    expect(entryCost('calculate', undefined, t, undefined)).toBe(0);
    expect(entryCost('auto', undefined, t, undefined)).toBe(0);
    expect(entryCost('auto', undefined, t, 0.42)).toBe(0.42);
  });

  it('applies the fast factor when calculating', () => {
    const opus46 = price('claude-opus-4-6');
    expect(entryCost('calculate', opus46, t, undefined, 'fast')).toBe(costOfUsage(opus46, t, 'fast'));
  });
});
