// Realistic lines to append to a live transcript: the demo generator's assistant lines (multi-block replies with
// usage), from a seed of their own so every message id is new and counts.
import { buildSession, DEFAULT_MODELS, seededRandom } from '../../src/demo/index.ts';

const DAY = 86_400_000;

export interface AppendBatch {
  /** Whole lines, each ending in '\n'. */
  readonly text: string;
  readonly bytes: number;
  readonly lines: number;
  /** Distinct message ids: the responses a reader should count. */
  readonly responses: number;
}

export interface AppendPlan {
  readonly seed: number;
  readonly sessionId: string;
  readonly cwd: string;
  /** Epoch ms; lines are no later than this. */
  readonly now: number;
}

/** At least `minBytes` of assistant usage lines (API-error lines left out). */
export function assistantLines(minBytes: number, plan: AppendPlan): AppendBatch {
  const rng = seededRandom(plan.seed);
  const lines: string[] = [];
  const ids = new Set<string>();
  let bytes = 0;
  while (bytes < minBytes) {
    const session = buildSession(rng, {
      cwd: plan.cwd,
      sessionId: plan.sessionId,
      start: plan.now - 7 * DAY,
      until: plan.now,
      turns: 400,
      version: '2.0.42',
      gitBranch: 'main',
      models: DEFAULT_MODELS,
      toolResultBytes: 1_500,
    });
    for (const line of session.lines) {
      const entry = JSON.parse(line) as { type?: string; isApiErrorMessage?: boolean; message?: { id?: string } };
      if (entry.type !== 'assistant' || entry.isApiErrorMessage) continue;
      lines.push(line);
      bytes += Buffer.byteLength(line) + 1;
      if (entry.message?.id) ids.add(entry.message.id);
      if (bytes >= minBytes) break;
    }
  }
  return { text: `${lines.join('\n')}\n`, bytes, lines: lines.length, responses: ids.size };
}
