import { describe, expect, it } from 'bun:test';
import { PRICE_TABLE } from '../../src/pricing/index.ts';
import type { TokenPrices } from '../../src/pricing/index.ts';

/** Per-million figures as shared/claude-code-logs.md lists them: in, out, 5m write, read. */
const DOC: Record<string, [number, number, number, number]> = {
  'claude-sonnet-4-5': [3, 15, 3.75, 0.3],
  'claude-sonnet-4': [3, 15, 3.75, 0.3],
  'claude-opus-4-1': [15, 75, 18.75, 1.5],
  'claude-opus-4': [15, 75, 18.75, 1.5],
  'claude-opus-4-5': [5, 25, 6.25, 0.5],
  'claude-haiku-4-5': [1, 5, 1.25, 0.1],
  'claude-3-5-haiku': [0.8, 4, 1, 0.08],
  'claude-3-7-sonnet': [3, 15, 3.75, 0.3],
  'claude-3-5-sonnet': [3, 15, 3.75, 0.3],
};

const perMillion = (p: TokenPrices) =>
  [p.input, p.output, p.cacheWrite5m, p.cacheRead].map((x) => Math.round(x * 1e6 * 1e6) / 1e6);

describe('PRICE_TABLE', () => {
  it.each(Object.entries(DOC))('prices %p as the shared log doc says', (key, figures) => {
    const p = PRICE_TABLE[key];
    expect(p).toBeDefined();
    expect(perMillion(p!)).toEqual(figures);
  });

  it('gives claude-sonnet-4 and claude-sonnet-4-5 the 6 / 22.5 / 7.5 / 0.6 tier above 200k', () => {
    for (const key of ['claude-sonnet-4', 'claude-sonnet-4-5']) {
      expect(perMillion(PRICE_TABLE[key]!.above200k!)).toEqual([6, 22.5, 7.5, 0.6]);
    }
  });

  it('has an upper tier only for Sonnet 4 and 4.5 keys and the Bedrock Claude 3.5 Sonnet keys, as in the ccusage 20.0.24 snapshot', () => {
    const tiered = Object.entries(PRICE_TABLE)
      .filter(([, p]) => p.above200k)
      .map(([key]) => key);
    expect(tiered.length).toBeGreaterThan(2);
    for (const key of tiered)
      expect(key).toMatch(/claude-(sonnet-4|sonnet-4-5|3-5-sonnet|4-sonnet)-|claude-sonnet-4(-5)?$/);
    for (const key of ['claude-opus-4-5', 'claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-3-5-sonnet'])
      expect(PRICE_TABLE[key]!.above200k).toBeUndefined();
  });

  it('prices the regional Bedrock keys 10 % above the base price where LiteLLM lists them so', () => {
    const base = PRICE_TABLE['claude-sonnet-4-5']!;
    for (const region of ['us', 'eu', 'jp', 'au']) {
      const regional = PRICE_TABLE[`${region}.anthropic.claude-sonnet-4-5-20250929-v1:0`]!;
      expect(perMillion(regional)).toEqual(perMillion(base).map((x) => Math.round(x * 1.1 * 1e6) / 1e6));
      expect(regional.cacheWrite1h).toBeCloseTo(2 * regional.input, 15);
    }
    expect(perMillion(PRICE_TABLE['global.anthropic.claude-sonnet-4-5-20250929-v1:0']!)).toEqual(perMillion(base));
  });

  it('covers the Claude models cco must price', () => {
    for (const key of [
      'claude-sonnet-4-5',
      'claude-sonnet-4',
      'claude-opus-4-5',
      'claude-opus-4-1',
      'claude-opus-4',
      'claude-haiku-4-5',
      'claude-3-7-sonnet',
      'claude-3-5-sonnet',
      'claude-3-5-haiku',
      'claude-3-opus',
      'claude-3-haiku',
    ]) {
      expect(Object.hasOwn(PRICE_TABLE, key)).toBe(true);
    }
  });

  it('stores exactly the per-token literals LiteLLM publishes', () => {
    expect(PRICE_TABLE['claude-sonnet-4-5']!.input).toBe(3e-6);
    expect(PRICE_TABLE['claude-sonnet-4-5']!.cacheRead).toBe(3e-7);
    expect(PRICE_TABLE['claude-3-haiku']!.cacheWrite5m).toBe(3e-7);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(PRICE_TABLE)).toBe(true);
    expect(Object.isFrozen(PRICE_TABLE['claude-sonnet-4-5'])).toBe(true);
    expect(Object.isFrozen(PRICE_TABLE['claude-sonnet-4-5']!.above200k)).toBe(true);
  });
});
