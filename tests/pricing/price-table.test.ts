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

const perMillion = (p: TokenPrices) => [p.input, p.output, p.cacheWrite5m, p.cacheRead].map((x) => Math.round(x * 1e6 * 1e6) / 1e6);

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

  it('has no upper tier for the other Claude models, as in the ccusage 20.0.24 snapshot', () => {
    const tiered = Object.entries(PRICE_TABLE).filter(([, p]) => p.above200k).map(([key]) => key).sort();
    expect(tiered).toEqual(['claude-sonnet-4', 'claude-sonnet-4-5']);
  });

  it('covers the Claude models cco must price', () => {
    for (const key of ['claude-sonnet-4-5', 'claude-sonnet-4', 'claude-opus-4-5', 'claude-opus-4-1', 'claude-opus-4',
      'claude-haiku-4-5', 'claude-3-7-sonnet', 'claude-3-5-sonnet', 'claude-3-5-haiku', 'claude-3-opus', 'claude-3-haiku']) {
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
