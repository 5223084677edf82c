// GET /api/pricing: the price list in force with each price's origin, and the unpriced models of the last tick.
import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PricingBody } from '../../src/client/types.ts';
import { priceOverridesFrom } from '../../src/pricing/index.ts';
import { assistantLine } from '../pricing/oracle-fixture.ts';
import { metricsStack } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';

const tokens = { input: 100, output: 10, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 0 };

async function rootWith(dir: string, models: readonly string[]): Promise<string> {
  const path = join(dir, 'root');
  await mkdir(join(path, 'projects', '-home-x'), { recursive: true });
  const lines = models.map((modelId, n) =>
    assistantLine({ modelId, tokens, breakdown: true, speed: 'standard' }, n, '2026-11-28T10:00:00.000Z'),
  );
  await writeFile(join(path, 'projects', '-home-x', 's1.jsonl'), `${lines.join('\n')}\n`);
  return path;
}

describe('GET /api/pricing', () => {
  it('lists embedded and configured prices per million tokens with their origin, and the unpriced models seen', async () => {
    await using dir = await tempDir('cco-pricing-route-');
    const path = await rootWith(dir.path, ['claude-sonnet-4-5-20250929', 'claude-opus-5-5', 'claude-sonnet-5-5']);
    const pricing = priceOverridesFrom(
      {
        pricing: {
          'claude-sonnet-5-5': { input: 4, output: 20 },
          'claude-opus-4-5': [{ input: 4, from: '2026-01-01', until: '2026-01-31' }],
        },
      },
      '/home/x/.config/cco/config.toml',
    );
    const stack = metricsStack(path, { pricing });
    await stack.aggregator.tickNow();
    const response = await stack.get('/api/pricing');
    expect(response.status).toBe(200);
    const body = (await response.json()) as PricingBody;
    expect(body.unpriced_models).toEqual(['claude-opus-5-5']);
    const rows = (model: string) => body.models.filter((m) => m.model === model);
    expect(rows('claude-sonnet-4-5')).toEqual([
      expect.objectContaining({
        input: 3,
        output: 15,
        cache_write_5m: 3.75,
        cache_write_1h: 6,
        cache_read: 0.3,
        from: null,
        until: null,
        above_200k: { input: 6, output: 22.5, cache_write_5m: 7.5, cache_write_1h: 12, cache_read: 0.6 },
      }),
    ]);
    expect(rows('claude-sonnet-4-5')[0]?.sources.input).toBe('embedded');
    expect(rows('claude-sonnet-5-5')).toEqual([
      expect.objectContaining({
        input: 4,
        output: 20,
        cache_write_5m: 5,
        sources: expect.objectContaining({
          input: 'config /home/x/.config/cco/config.toml',
          cache_read: 'config /home/x/.config/cco/config.toml',
        }),
      }),
    ]);
    const opus = rows('claude-opus-4-5');
    expect(opus.map((r) => [r.from, r.until, r.input, r.output, r.sources.input, r.sources.output])).toEqual([
      [null, null, 5, 25, 'embedded', 'embedded'],
      [
        '2026-01-01T00:00:00.000Z',
        '2026-01-31T23:59:59.999Z',
        4,
        25,
        'config /home/x/.config/cco/config.toml',
        'embedded',
      ],
    ]);
    expect(rows('us.anthropic.claude-sonnet-4-5-20250929-v1:0')[0]?.input).toBe(3.3);
  });

  it('is documented in the OpenAPI document with a response schema', async () => {
    await using dir = await tempDir('cco-pricing-route-');
    const stack = metricsStack(await rootWith(dir.path, []));
    const doc = (await (await stack.get('/swagger/json')).json()) as {
      paths: Record<string, { get?: { summary?: string; tags?: string[]; responses?: Record<string, unknown> } }>;
    };
    const get = doc.paths['/api/pricing']?.get;
    expect(get?.tags).toEqual(['pricing']);
    expect(get?.summary).toContain('Prices in force');
    expect(get?.responses?.['200']).toBeDefined();
  });
});
