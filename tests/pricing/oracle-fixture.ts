// Seeded generator of Claude Code assistant lines that exercise pricing: every table key, dated ids, 200k edges, fast mode.
import { PRICE_TABLE } from '../../src/pricing/index.ts';
import type { MessageTokens, Speed } from '../../src/pricing/index.ts';

export interface PricedLine {
  readonly modelId: string;
  readonly tokens: MessageTokens;
  /** Whether usage carries the `cache_creation` 5m/1h breakdown; without it all cache writes are 5m. */
  readonly breakdown: boolean;
  readonly speed: Speed;
}

/**
 * Bedrock ids as a Claude Code on Bedrock writes them, in every region prefix and in spellings LiteLLM has no key for
 * (no date, no `-v1:0`, a date LiteLLM does not list): some resolve to a regional key (+10 %), some to the base price.
 */
export const REGIONAL_BEDROCK_IDS: readonly string[] = ['us', 'eu', 'jp', 'au', 'apac', 'global'].flatMap((r) => [
  `${r}.anthropic.claude-sonnet-4-5-20250929-v1:0`,
  `${r}.anthropic.claude-sonnet-4-5`,
  `${r}.anthropic.claude-sonnet-4-5-v1:0`,
  `${r}.anthropic.claude-haiku-4-5-20251001`,
  `${r}.anthropic.claude-opus-4-5-20251101-v1:0`,
  `${r}.anthropic.claude-opus-4-6-v1:0`,
  `${r}.anthropic.claude-opus-4-7`,
  `${r}.anthropic.claude-sonnet-4-6`,
  `${r}.anthropic.claude-sonnet-5-v1`,
  `${r}.anthropic.claude-sonnet-4-20250514-v1:0`,
  `${r}.anthropic.claude-3-haiku-20240307-v1:0`,
  `${r}.anthropic.claude-3-5-sonnet-20241022-v2:0`,
  `${r}.anthropic.claude-fable-5`,
  `${r}.anthropic.claude-mythos-preview`,
]);

/** Model ids as Claude Code writes them, plus every table key bare and one provider-prefixed id. */
export const ORACLE_MODEL_IDS: readonly string[] = [
  'claude-sonnet-4-5-20250929',
  'claude-sonnet-4-20250514',
  'claude-opus-4-5-20251101',
  'claude-opus-4-1-20250805',
  'claude-opus-4-20250514',
  'claude-haiku-4-5-20251001',
  'claude-3-7-sonnet-20250219',
  'claude-3-5-sonnet-20241022',
  'claude-3-5-haiku-20241022',
  'claude-3-opus-20240229',
  'claude-3-haiku-20240307',
  'claude-opus-4-6-20260205',
  'claude-opus-4-7-20260416',
  'anthropic/claude-sonnet-4-5',
  ...REGIONAL_BEDROCK_IDS,
  ...Object.keys(PRICE_TABLE),
];

/** Models whose fast-mode lines get a multiplier, plus one without (claude-sonnet-4-5). */
const FAST_MODEL_IDS = [
  'claude-opus-4-6',
  'claude-opus-4-7-20260416',
  'claude-opus-4-8',
  'claude-opus-5',
  'claude-sonnet-4-5-20250929',
  'us.anthropic.claude-opus-4-6-v1:0',
  'eu.anthropic.claude-opus-4-7',
  'au.anthropic.claude-opus-4-8',
  'jp.anthropic.claude-opus-5',
];

/** mulberry32: a tiny deterministic PRNG, so a failing case can be reproduced from its seed. */
function random(seed: number): (min: number, max: number) => number {
  let a = seed >>> 0;
  return (min, max) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return min + Math.floor(unit * (max - min + 1));
  };
}

/** Lines for every oracle model: small, above-200k and exact-edge messages; fast lines for a few models. */
export function pricedLines(seed = 20_000_24): PricedLine[] {
  const int = random(seed);
  const lines: PricedLine[] = [];
  for (const modelId of ORACLE_MODEL_IDS) {
    lines.push({
      modelId,
      breakdown: true,
      speed: 'standard',
      tokens: {
        input: int(1, 5_000),
        output: int(1, 20_000),
        cacheCreation5m: int(0, 50_000),
        cacheCreation1h: int(0, 50_000),
        cacheRead: int(0, 190_000),
      },
    });
    lines.push({
      modelId,
      breakdown: true,
      speed: 'standard',
      tokens: {
        input: int(150_000, 400_000),
        output: int(0, 250_000),
        cacheCreation5m: int(100_000, 300_000),
        cacheCreation1h: int(100_000, 300_000),
        cacheRead: int(150_000, 900_000),
      },
    });
    lines.push({
      modelId,
      breakdown: false,
      speed: 'standard',
      tokens: { input: 200_000, output: 200_001, cacheCreation5m: 260_000, cacheCreation1h: 0, cacheRead: 200_001 },
    });
  }
  for (const modelId of FAST_MODEL_IDS) {
    lines.push({
      modelId,
      breakdown: true,
      speed: 'fast',
      tokens: {
        input: int(1_000, 300_000),
        output: int(1_000, 30_000),
        cacheCreation5m: int(0, 250_000),
        cacheCreation1h: int(0, 250_000),
        cacheRead: int(0, 400_000),
      },
    });
  }
  return lines;
}

/** One compact JSONL assistant line as Claude Code writes it; `n` makes message.id and requestId unique. */
export function assistantLine(line: PricedLine, n: number, timestamp: string): string {
  const { tokens } = line;
  const usage = {
    input_tokens: tokens.input,
    output_tokens: tokens.output,
    cache_creation_input_tokens: tokens.cacheCreation5m + tokens.cacheCreation1h,
    cache_read_input_tokens: tokens.cacheRead,
    ...(line.breakdown
      ? {
          cache_creation: {
            ephemeral_5m_input_tokens: tokens.cacheCreation5m,
            ephemeral_1h_input_tokens: tokens.cacheCreation1h,
          },
        }
      : {}),
    service_tier: 'standard',
    speed: line.speed,
  };
  return JSON.stringify({
    parentUuid: `parent-${n}`,
    isSidechain: false,
    userType: 'external',
    cwd: '/home/x',
    sessionId: 's1',
    version: '2.0.31',
    gitBranch: 'main',
    type: 'assistant',
    uuid: `uuid-${n}`,
    timestamp,
    requestId: `req_${n}`,
    message: {
      id: `msg_${n}`,
      type: 'message',
      role: 'assistant',
      model: line.modelId,
      content: [{ type: 'text', text: 'ok' }],
      usage,
    },
  });
}

/** An API-error line: ccusage counts it in no model's breakdown. */
export function syntheticLine(n: number, timestamp: string): string {
  return JSON.stringify({
    isSidechain: false,
    cwd: '/home/x',
    sessionId: 's1',
    version: '2.0.31',
    type: 'assistant',
    uuid: `uuid-${n}`,
    timestamp,
    requestId: `req_${n}`,
    isApiErrorMessage: true,
    message: {
      id: `msg_${n}`,
      type: 'message',
      role: 'assistant',
      model: '<synthetic>',
      content: [],
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  });
}
