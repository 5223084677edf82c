import { describe, expect, it } from 'bun:test';
import { createPriceBook, matchModelKey, PRICE_TABLE } from '../../src/pricing/index.ts';
import type { PriceTable } from '../../src/pricing/index.ts';

describe('matchModelKey on the embedded table', () => {
  it.each([
    ['claude-sonnet-4-5-20260101', 'claude-sonnet-4-5'],
    ['claude-opus-4-1-20260101', 'claude-opus-4-1'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet'],
    ['claude-3-5-sonnet-20241022', 'eu.anthropic.claude-3-5-sonnet-20241022-v2:0'],
    ['claude-3-opus-20250101', 'claude-3-opus'],
    ['claude-opus-4-6-20260205', 'claude-opus-4-6-20260205'],
  ])('resolves the id %p to %p', (id, key) => {
    expect(matchModelKey(PRICE_TABLE, id)).toBe(key);
  });

  it('takes an exact key as it is', () => {
    expect(matchModelKey(PRICE_TABLE, 'claude-opus-4')).toBe('claude-opus-4');
    expect(matchModelKey(PRICE_TABLE, 'claude-sonnet-4-5')).toBe('claude-sonnet-4-5');
  });

  it('strips a provider prefix', () => {
    expect(matchModelKey(PRICE_TABLE, 'anthropic/claude-sonnet-4-5')).toBe('claude-sonnet-4-5');
    expect(matchModelKey(PRICE_TABLE, 'bedrock/claude-opus-4-1-20250805')).toBe('claude-opus-4-1-20250805');
  });

  it('never lets a shorter version key swallow a longer version', () => {
    expect(matchModelKey(PRICE_TABLE, 'claude-opus-4-1-20250805')).not.toBe('claude-opus-4');
    expect(matchModelKey(PRICE_TABLE, 'claude-sonnet-4-5')).not.toBe('claude-sonnet-4');
  });

  it('accepts an 8-digit date after a key ending in a digit, and nothing else numeric', () => {
    expect(matchModelKey(PRICE_TABLE, 'claude-opus-4-5-20251201')).toBe('claude-opus-4-5');
    expect(matchModelKey(PRICE_TABLE, 'claude-opus-4-5-2025110')).toBeUndefined();
    expect(matchModelKey(PRICE_TABLE, 'claude-opus-4-5-202511011')).toBeUndefined();
    expect(matchModelKey(PRICE_TABLE, 'claude-opus-4-5-20251101x')).toBeUndefined();
    expect(matchModelKey(PRICE_TABLE, 'claude-opus-4-9')).toBeUndefined();
  });

  it('accepts non-numeric suffixes and prefixes on punctuation boundaries', () => {
    expect(matchModelKey(PRICE_TABLE, 'claude-opus-4-5-fast')).toBe('claude-opus-4-5');
    expect(matchModelKey(PRICE_TABLE, 'us.claude-opus-4-5:0')).toBe('claude-opus-4-5');
    expect(matchModelKey(PRICE_TABLE, 'xclaude-opus-4-5')).toBeUndefined();
  });

  it('reads dots and at-signs as dashes', () => {
    expect(matchModelKey(PRICE_TABLE, 'claude-opus-4.1-20260101')).toBe('claude-opus-4-1');
    // ccusage's answer: the longest key that contains the id with `.`/`@` read as `-` (a base-price Bedrock key).
    expect(matchModelKey(PRICE_TABLE, 'claude-sonnet-4.5')).toBe('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(matchModelKey(PRICE_TABLE, 'claude-opus-4-5@20251101')).toBe(
      'global.anthropic.claude-opus-4-5-20251101-v1:0',
    );
  });

  it('is case-sensitive, as ccusage is', () => {
    expect(matchModelKey(PRICE_TABLE, 'Claude-Opus-4-5')).toBeUndefined();
  });

  it('leaves <synthetic> (API error lines) unpriced', () => {
    expect(matchModelKey(PRICE_TABLE, '<synthetic>')).toBeUndefined();
  });

  // Deliberate difference: ccusage 20.0.24 prices gpt-4 from its LiteLLM snapshot; cco's table is Claude-only.
  it('leaves non-Claude models such as gpt-4 unpriced', () => {
    expect(matchModelKey(PRICE_TABLE, 'gpt-4')).toBeUndefined();
  });

  // Deliberate difference: ccusage also matches keys that contain the id, so `sonnet` gets some Bedrock entry.
  it('does not guess a model from a partial id', () => {
    expect(matchModelKey(PRICE_TABLE, 'sonnet')).toBeUndefined();
    expect(matchModelKey(PRICE_TABLE, 'claude-opus')).toBeUndefined();
  });

  it.each([
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['eu.anthropic.claude-sonnet-4-5-20250929', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['jp.anthropic.claude-sonnet-4-5', 'jp.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['au.anthropic.claude-opus-4-6-v1:0', 'au.anthropic.claude-opus-4-6-v1'],
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'us.anthropic.claude-haiku-4-5-20251001-v1:0'],
  ])('resolves the regional Bedrock id %p to its regional key %p', (id, key) => {
    expect(matchModelKey(PRICE_TABLE, id)).toBe(key);
  });

  it('gives a regional id the base price when LiteLLM has no regional key for that spelling, as ccusage does', () => {
    // No key contains `…-4-5-v1:0` (LiteLLM spells it with the date), so only the family key matches.
    expect(matchModelKey(PRICE_TABLE, 'jp.anthropic.claude-sonnet-4-5-v1:0')).toBe('claude-sonnet-4-5');
    // LiteLLM lists Opus 4.5 regionally for `us.` only.
    expect(matchModelKey(PRICE_TABLE, 'eu.anthropic.claude-opus-4-5-20251101-v1:0')).toBe(
      'eu.anthropic.claude-opus-4-5-20251101-v1:0',
    );
    expect(PRICE_TABLE['eu.anthropic.claude-opus-4-5-20251101-v1:0']!.input).toBe(5e-6);
  });

  it('prefers the longest key, then the alphabetically first', () => {
    const p = PRICE_TABLE['claude-3-haiku']!;
    const table: PriceTable = { 'a-b': p, 'a-b-c': p, 'b-c': p };
    expect(matchModelKey(table, 'x/a-b-c-d')).toBe('a-b-c');
    expect(matchModelKey(table, 'a-b_b-c')).toBe('a-b');
  });
});

describe('createPriceBook', () => {
  it('returns the table entry for a matched id', () => {
    const book = createPriceBook();
    expect(book.findPricing('claude-sonnet-4-5-20260101')).toBe(PRICE_TABLE['claude-sonnet-4-5']!);
    expect(book.keyFor('claude-opus-4-20250601')).toBe('claude-opus-4');
  });

  it('returns undefined for unknown models', () => {
    const book = createPriceBook();
    expect(book.findPricing('<synthetic>')).toBeUndefined();
    expect(book.findPricing('gpt-4')).toBeUndefined();
  });

  it('answers repeated look-ups the same, including misses', () => {
    const book = createPriceBook();
    for (let i = 0; i < 3; i++) {
      expect(book.keyFor('claude-opus-4-1-20250805')).toBe('claude-opus-4-1-20250805');
      expect(book.keyFor('gpt-4')).toBeUndefined();
    }
  });

  it('resolves against the table it was given, with a cache of its own', () => {
    const custom: PriceTable = { 'my-model': PRICE_TABLE['claude-3-haiku']! };
    const mine = createPriceBook(custom);
    const embedded = createPriceBook();
    expect(mine.keyFor('my-model-20250101')).toBe('my-model');
    expect(embedded.keyFor('my-model-20250101')).toBeUndefined();
    expect(mine.keyFor('claude-sonnet-4-5')).toBeUndefined();
    expect(embedded.entries.size).toBe(Object.keys(PRICE_TABLE).length);
  });
});
