// The usage counters by the names of Claude Code's own OpenTelemetry export (PromQL names are case-sensitive, so a
// dashboard built for Claude Code finds them): one definition for GET /metrics and for remote write.
import type { UsageSeries } from './outputs.ts';

/** Claude Code's name for cost in USD (the unit stays upper-case). */
export const COST_METRIC = 'claude_code_cost_usage_USD_total';
/** The name cco used before: still on /metrics, as an alias, for scrapes and dashboards written for it. */
export const LEGACY_COST_METRIC = 'claude_code_cost_usage_usd_total';
export const TOKEN_METRIC = 'claude_code_token_usage_tokens_total';

export const TOKEN_TYPES = ['input', 'output', 'cacheRead', 'cacheCreation'] as const;

export type MetricLabels = Readonly<Record<string, string>>;

/** One metric family: every sample of it, with its own labels (the `machine` label is added by whoever sends). */
export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly samples: readonly (readonly [labels: MetricLabels, value: number])[];
}

export const COST_HELP = 'Cost of Claude Code usage in USD, by model and project.';

/** The usage counters, cumulative since the first counted response (they never go down, restarts included). */
export function usageFamilies(usage: readonly UsageSeries[]): MetricFamily[] {
  const pair = (s: UsageSeries) => ({ model: s.model, project: s.project });
  return [
    {
      name: TOKEN_METRIC,
      help: 'Tokens used by Claude Code, by type (input, output, cacheRead, cacheCreation), model and project; deduplicated as ccusage does.',
      samples: usage.flatMap((s) => TOKEN_TYPES.map((type) => [{ type, ...pair(s) }, s[type]] as const)),
    },
    { name: COST_METRIC, help: COST_HELP, samples: usage.map((s) => [pair(s), s.cost] as const) },
    {
      name: 'claude_code_messages_total',
      help: 'Deduplicated assistant responses (successful API requests), by model and project.',
      samples: usage.map((s) => [pair(s), s.messages] as const),
    },
    {
      name: 'claude_code_api_requests_total',
      help: 'API requests by outcome: ok (a response) or failed (an API error line), by model and project.',
      samples: usage.flatMap((s) => [
        [{ ...pair(s), status: 'ok' }, s.messages] as const,
        [{ ...pair(s), status: 'failed' }, s.failed] as const,
      ]),
    },
  ];
}
