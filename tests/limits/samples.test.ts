// Plan-limit samples from real-shaped status-line payloads and ~/.claude.json, and the spool line round trip.
import { describe, expect, it } from 'bun:test';
import {
  sampleFromSpoolLine,
  samplesFromClaudeJson,
  samplesFromStatusInput,
  sampleToSpoolLine,
} from '../../src/ledger/limit-samples.ts';

const AT = Date.UTC(2026, 10, 28, 12);
const RESET_S = AT / 1000 + 3 * 3600;

const payload = (rateLimits?: unknown) => ({
  session_id: 'sess-1',
  transcript_path: '/home/ada/.claude/projects/-home-ada-src-cco/sess-1.jsonl',
  model: { id: 'claude-opus-4-8', display_name: 'Opus 4.8' },
  cost: { total_cost_usd: 1.23 },
  ...(rateLimits === undefined ? {} : { rate_limits: rateLimits }),
});

describe('samples from a status-line payload', () => {
  it('makes one sample per reported window, resets_at in epoch ms', () => {
    const samples = samplesFromStatusInput(
      payload({
        five_hour: { used_percentage: 42, resets_at: RESET_S },
        seven_day: { used_percentage: 63, resets_at: RESET_S + 86_400 },
      }),
      AT,
    );
    expect(samples).toEqual([
      {
        window: 'five_hour',
        usedPercent: 42,
        resetsAt: RESET_S * 1000,
        observedAt: AT,
        session: 'sess-1',
        source: 'statusline',
        model: undefined,
      },
      {
        window: 'seven_day',
        usedPercent: 63,
        resetsAt: (RESET_S + 86_400) * 1000,
        observedAt: AT,
        session: 'sess-1',
        source: 'statusline',
        model: undefined,
      },
    ]);
  });

  it('makes none without rate_limits (before the first response, or not Pro/Max)', () => {
    expect(samplesFromStatusInput(payload(), AT)).toEqual([]);
  });

  it('drops a used_percentage that holds the reset epoch', () => {
    const samples = samplesFromStatusInput(
      payload({ five_hour: { used_percentage: RESET_S, resets_at: RESET_S }, seven_day: { used_percentage: 10 } }),
      AT,
    );
    expect(samples.map((s) => [s.window, s.usedPercent, s.resetsAt])).toEqual([['seven_day', 10, undefined]]);
  });

  it('reads garbage as no samples', () => {
    for (const junk of [null, 42, 'x', [], { rate_limits: 'full' }, { rate_limits: { five_hour: [] } }])
      expect(samplesFromStatusInput(junk, AT)).toEqual([]);
  });
});

describe('samples from ~/.claude.json', () => {
  it('reads five_hour, seven_day and the per-model weekly cap, dated by fetchedAtMs', () => {
    const fetched = AT - 2 * 86_400_000;
    const samples = samplesFromClaudeJson({
      numStartups: 3,
      cachedUsageUtilization: {
        fetchedAtMs: fetched,
        utilization: {
          five_hour: { utilization: 12, resets_at: '2026-11-26T15:00:00Z' },
          seven_day: { utilization: 55, resets_at: '2026-11-30T00:00:00Z' },
          limits: [
            { kind: 'session', percent: 12, resets_at: '2026-11-26T15:00:00Z' },
            {
              kind: 'weekly_scoped',
              percent: 91,
              resets_at: '2026-11-30T00:00:00Z',
              scope: { model: { display_name: 'Opus' } },
            },
          ],
        },
      },
    });
    expect(samples.map((s) => [s.window, s.model, s.usedPercent, s.observedAt, s.source])).toEqual([
      ['five_hour', undefined, 12, fetched, 'claude.json'],
      ['seven_day', undefined, 55, fetched, 'claude.json'],
      ['seven_day_model', 'Opus', 91, fetched, 'claude.json'],
    ]);
  });

  it('reads a file without the cache, or without its date, as no samples', () => {
    expect(samplesFromClaudeJson({ numStartups: 3 })).toEqual([]);
    expect(
      samplesFromClaudeJson({ cachedUsageUtilization: { utilization: { five_hour: { utilization: 3 } } } }),
    ).toEqual([]);
  });
});

describe('the spool line', () => {
  it('round-trips a sample and refuses torn or foreign lines', () => {
    const [sample] = samplesFromStatusInput(payload({ five_hour: { used_percentage: 7.5, resets_at: RESET_S } }), AT);
    if (!sample) throw new Error('no sample');
    const line = sampleToSpoolLine(sample);
    expect(sampleFromSpoolLine(line)).toEqual(sample);
    expect(sampleFromSpoolLine(line.slice(0, 20))).toBeUndefined();
    expect(
      sampleFromSpoolLine('{"window":"monthly","used_percent":3,"observed_at":1,"source":"statusline"}'),
    ).toBeUndefined();
  });
});
