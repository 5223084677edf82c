// [pricing."<model>"] overrides: parsing and strict validation, how they lay over the embedded table, dated prices.
import { describe, expect, it } from 'bun:test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfigFile } from '../../src/config/config-file.ts';
import { ConfigError } from '../../src/platform/config-error.ts';
import {
  costOfUsage,
  createPriceBook,
  PRICE_TABLE,
  priceOverridesFrom,
  type PriceOverride,
} from '../../src/pricing/index.ts';
import { tempDir } from '../helpers/temp.ts';

const SOURCE = '/etc/cco.toml';
const overrides = (pricing: unknown): PriceOverride[] => priceOverridesFrom({ pricing }, SOURCE);
const book = (pricing: unknown) => createPriceBook(PRICE_TABLE, overrides(pricing));
const MILLION = { input: 1_000_000, output: 0, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 0 };
const at = (iso: string) => Date.parse(iso);

describe('price overrides', () => {
  it('prices a model the embedded table lacks, from USD per million tokens, for its dated ids too', () => {
    const b = book({ 'claude-sonnet-5-5': { input: 4, output: 20 } });
    const p = b.findPricing('claude-sonnet-5-5-20261001', at('2026-11-01T00:00:00Z'));
    expect(p).toBeDefined();
    expect(costOfUsage(p!, MILLION)).toBeCloseTo(4, 12);
    expect(costOfUsage(p!, { ...MILLION, input: 0, output: 1_000_000 })).toBeCloseTo(20, 12);
  });

  it('derives missing cache prices of a new model from its input: 5m write 1.25x, 1h write 2x, read 0.1x', () => {
    const p = book({ 'claude-new': { input: 4, output: 20 } }).findPricing('claude-new')!;
    expect([p.cacheWrite5m, p.cacheWrite1h, p.cacheRead].map((x) => x * 1e6)).toEqual([5, 8, expect.closeTo(0.4, 12)]);
  });

  it('replaces the prices it sets of an embedded model and keeps the others, naming each price source', () => {
    const b = book({ 'claude-opus-4-5': { input: 6, cache_read: 0.4 } });
    const p = b.findPricing('claude-opus-4-5')!;
    expect(p.input).toBe(6e-6);
    expect(p.cacheRead).toBeCloseTo(4e-7, 18);
    expect(p.output).toBe(PRICE_TABLE['claude-opus-4-5']!.output);
    expect(b.entries.get('claude-opus-4-5')?.standing?.sources).toMatchObject({
      input: `config ${SOURCE}`,
      cacheRead: `config ${SOURCE}`,
      output: 'embedded',
      cacheWrite5m: 'embedded',
    });
  });

  it('uses a dated price inside its range (dates are whole UTC days, both ends inclusive) and the standing one outside', () => {
    const b = book({
      'claude-sonnet-5': [
        { input: 2, output: 10, from: '2026-01-01', until: '2026-03-31' },
        { input: 3, output: 15 },
      ],
    });
    const input = (iso: string) => b.findPricing('claude-sonnet-5', at(iso))!.input;
    expect(input('2025-12-31T23:59:59.999Z')).toBe(3e-6);
    expect(input('2026-01-01T00:00:00.000Z')).toBe(2e-6);
    expect(input('2026-03-31T23:59:59.999Z')).toBe(2e-6);
    expect(input('2026-04-01T00:00:00.000Z')).toBe(3e-6);
  });

  it('takes several dated entries for one model, each winning in its own range, over the embedded price', () => {
    const b = book({
      'claude-sonnet-5': [
        { input: 1, output: 5, from: '2026-01-01T00:00:00Z', until: '2026-01-31T12:00:00+01:00' },
        { input: 1.5, output: 7.5, from: '2026-02-01', until: '2026-02-28' },
      ],
    });
    const input = (iso: string) => b.findPricing('claude-sonnet-5-20260101', at(iso))!.input * 1e6;
    expect(input('2026-01-31T11:00:00Z')).toBe(1);
    expect(input('2026-01-31T11:00:01Z')).toBe(2); // the embedded price between the ranges
    expect(input('2026-02-10T00:00:00Z')).toBe(1.5);
    expect(input('2026-03-01T00:00:00Z')).toBe(2);
  });

  it('leaves a model with only dated prices unpriced outside its ranges', () => {
    const b = book({ 'claude-promo': { input: 1, output: 2, from: '2026-05-01' } });
    expect(b.findPricing('claude-promo', at('2026-04-30T00:00:00Z'))).toBeUndefined();
    expect(b.findPricing('claude-promo', at('2026-05-01T00:00:00Z'))?.input).toBe(1e-6);
  });

  it('takes an above-200k tier and a fast multiplier', () => {
    const p = book({
      'claude-big': { input: 2, output: 10, above_200k: { input: 4, output: 15 }, fast_multiplier: 3 },
    }).findPricing('claude-big')!;
    expect(p.above200k).toMatchObject({
      input: 4e-6,
      output: 1.5e-5,
      cacheWrite5m: expect.closeTo(5e-6, 18),
      cacheWrite1h: 8e-6,
    });
    expect(p.fastMultiplier).toBe(3);
    expect(costOfUsage(p, { ...MILLION, input: 300_000 }, 'fast')).toBeCloseTo(3 * (0.4 + 0.4), 12);
  });

  it.each([
    [{ 'm-1': { input: 1, output: 2, colour: 'red' } }, `${SOURCE}: pricing."m-1": unknown field 'colour'`],
    [
      { 'm-1': { input: -1, output: 2 } },
      `${SOURCE}: pricing."m-1".input must be a price in USD per million tokens (a number ≥ 0), not -1`,
    ],
    [{ 'm-1': { input: '3', output: 2 } }, `${SOURCE}: pricing."m-1".input must be a price`],
    [
      { 'm-1': { input: 1, output: 2, above_200k: { input: 1, output: Number.NaN } } },
      `pricing."m-1".above_200k.output must be a price`,
    ],
    [{ 'm-1': { input: 1, output: 2, fast_multiplier: 0 } }, `pricing."m-1".fast_multiplier must be a number above 0`],
    [
      { 'm-1': { input: 1, output: 2, from: '2026-02-30' } },
      `pricing."m-1".from must be a date (YYYY-MM-DD, a UTC day) or an ISO timestamp with a zone, not "2026-02-30"`,
    ],
    [{ 'm-1': { input: 1, output: 2, until: '2026-02-01T10:00:00' } }, `pricing."m-1".until must be a date`],
    [{ 'm-1': { input: 1, output: 2, from: '2026-03-01', until: '2026-02-01' } }, `pricing."m-1": from is after until`],
    [{ 'm-1': { from: '2026-03-01' } }, `pricing."m-1" sets no price`],
    [
      { 'm-1': { input: 1 } },
      `pricing."m-1": input and output are required for a model the embedded table does not price`,
    ],
    [
      {
        'm-1': [
          { input: 1, output: 2 },
          { input: 2, output: 3 },
        ],
      },
      `pricing."m-1" has 2 entries without from/until`,
    ],
    [
      {
        'm-1': [
          { input: 1, output: 2, from: '2026-01-01', until: '2026-01-31' },
          { input: 2, output: 3, from: '2026-01-31' },
        ],
      },
      `pricing."m-1": the ranges 2026-01-01T00:00:00.000Z – 2026-01-31T23:59:59.999Z and 2026-01-31T00:00:00.000Z – … overlap`,
    ],
    [{ 'm-1': 3 }, `pricing."m-1" must be a table of prices`],
    [[1], `${SOURCE}: pricing must be a table of models`],
  ])('refuses %j with a ConfigError naming the key', (pricing, message) => {
    let error: unknown;
    try {
      overrides(pricing);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
  });

  it('reads [pricing."<model>"] tables and [[pricing."<model>"]] arrays with TOML dates from the config file', async () => {
    await using dir = await tempDir('cco-pricing-config-');
    const path = join(dir.path, 'config.toml');
    await writeFile(
      path,
      [
        '[budgets]',
        'daily_usd = 5',
        '',
        '[pricing."claude-sonnet-5-5"]',
        'input = 4',
        'output = 20',
        '',
        '[[pricing."claude-sonnet-5"]]',
        'input = 2',
        'output = 10',
        'from = 2026-01-01',
        'until = 2026-03-31T23:00:00Z',
        '',
        '[[pricing."claude-sonnet-5"]]',
        'input = 3',
        'output = 15',
        '',
      ].join('\n'),
    );
    const settings = loadConfigFile(path, {}, '/nonexistent');
    expect(settings.alerts.budgets).toEqual({ daily_usd: 5 });
    expect(settings.pricing.map((o) => [o.model, o.from, o.until, o.prices.input])).toEqual([
      ['claude-sonnet-5-5', undefined, undefined, 4],
      ['claude-sonnet-5', at('2026-01-01T00:00:00Z'), at('2026-03-31T23:00:00Z'), 2],
      ['claude-sonnet-5', undefined, undefined, 3],
    ]);
    expect(settings.pricing.every((o) => o.source === path)).toBe(true);
  });

  it('reads the same overrides from a JSON config file', async () => {
    await using dir = await tempDir('cco-pricing-config-');
    const path = join(dir.path, 'config.json');
    await writeFile(
      path,
      JSON.stringify({ pricing: { 'claude-x': [{ input: 1, output: 2, from: '2026-01-01T00:00:00.000Z' }] } }),
    );
    expect(loadConfigFile(path, {}, '/nonexistent').pricing).toEqual([
      { model: 'claude-x', from: at('2026-01-01T00:00:00Z'), prices: { input: 1, output: 2 }, source: path },
    ]);
  });

  it('survives the structured clone that carries it to the ingest worker', () => {
    const list = overrides({
      'claude-x': { input: 1, output: 2, above_200k: { input: 2, output: 4 }, until: '2026-01-01' },
    });
    expect(structuredClone(list)).toEqual(list);
  });
});
