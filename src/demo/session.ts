// Builds the JSONL lines of one realistic Claude Code session: user turns, multi-block assistant replies, tool results, API errors.
import type { Random } from './random.ts';

export interface ModelMix {
  readonly model: string;
  readonly weight: number;
}

export const DEFAULT_MODELS: readonly ModelMix[] = [
  { model: 'claude-sonnet-4-5-20250929', weight: 55 },
  { model: 'claude-opus-4-1-20250805', weight: 12 },
  { model: 'claude-opus-4-5-20251101', weight: 13 },
  { model: 'claude-haiku-4-5-20251001', weight: 20 },
];

export interface SessionPlan {
  readonly cwd: string;
  readonly sessionId: string;
  /** Epoch ms of the first line. */
  readonly start: number;
  readonly turns: number;
  readonly version: string;
  readonly gitBranch: string;
  readonly models: readonly ModelMix[];
  /** Mean size in bytes of a tool result carried by a user line. */
  readonly toolResultBytes: number;
  readonly sidechain?: { readonly agentId: string };
  /** Stop adding turns once this epoch ms is reached (keeps demo data in the past). */
  readonly until?: number;
}

export interface SessionLines {
  readonly lines: string[];
  /** Epoch ms of the last line. */
  readonly end: number;
}

const FILLER = 'The quick brown fox jumps over the lazy dog while the build runs; ';

function pickModel(rng: Random, models: readonly ModelMix[]): string {
  const total = models.reduce((sum, m) => sum + m.weight, 0);
  let x = rng.next() * total;
  for (const m of models) {
    x -= m.weight;
    if (x < 0) return m.model;
  }
  return models[models.length - 1]?.model ?? 'claude-sonnet-4-5-20250929';
}

function filler(bytes: number): string {
  return FILLER.repeat(Math.max(1, Math.ceil(bytes / FILLER.length))).slice(0, bytes);
}

/** Generates one session's lines in time order; the context (cache reads) grows turn by turn as in real use. */
export function buildSession(rng: Random, plan: SessionPlan): SessionLines {
  const lines: string[] = [];
  const base = {
    isSidechain: plan.sidechain !== undefined,
    userType: 'external',
    cwd: plan.cwd,
    sessionId: plan.sessionId,
    version: plan.version,
    gitBranch: plan.gitBranch,
    ...(plan.sidechain ? { agentId: plan.sidechain.agentId } : {}),
  };
  let t = plan.start;
  let parent: string | null = null;
  let context = rng.int(8_000, 20_000);
  const model = pickModel(rng, plan.models);
  if (!plan.sidechain && rng.chance(0.3)) {
    lines.push(JSON.stringify({ type: 'summary', summary: 'Refactor the ingest loop', leafUuid: rng.uuid() }));
  }
  // A turn spans at most ~27 s (user line, latency, blocks): only start one that ends before `until`.
  const lastStart = (plan.until ?? Infinity) - 30_000;
  for (let turn = 0; turn < plan.turns && t < lastStart; turn++) {
    const userUuid = rng.uuid();
    const toolTurn = turn > 0 && rng.chance(0.6);
    const content = toolTurn
      ? [
          {
            type: 'tool_result',
            tool_use_id: `toolu_01${rng.hex(22)}`,
            content: filler(rng.int(1, 2 * plan.toolResultBytes)),
          },
        ]
      : `Please look at step ${turn} of the task and continue.`;
    lines.push(
      JSON.stringify({
        parentUuid: parent,
        ...base,
        type: 'user',
        message: { role: 'user', content },
        uuid: userUuid,
        timestamp: new Date(t).toISOString(),
      }),
    );
    parent = userUuid;
    t += rng.int(800, 25_000);
    if (rng.chance(0.02)) {
      const uuid = rng.uuid();
      lines.push(
        JSON.stringify({
          parentUuid: parent,
          ...base,
          type: 'assistant',
          uuid,
          timestamp: new Date(t).toISOString(),
          isApiErrorMessage: true,
          message: {
            id: rng.uuid(),
            type: 'message',
            role: 'assistant',
            model: '<synthetic>',
            stop_reason: 'stop_sequence',
            stop_sequence: '',
            usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
            content: [
              {
                type: 'text',
                text: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
              },
            ],
          },
        }),
      );
      parent = uuid;
      t += rng.int(1_000, 5_000);
      continue;
    }
    const turnModel = rng.chance(0.1) ? pickModel(rng, plan.models) : model;
    const write = rng.int(300, 6_000);
    const oneHour = rng.chance(0.15) ? Math.floor(write / 3) : 0;
    const usage = {
      input_tokens: rng.int(1, 40),
      cache_creation_input_tokens: write,
      cache_read_input_tokens: context,
      cache_creation: { ephemeral_5m_input_tokens: write - oneHour, ephemeral_1h_input_tokens: oneHour },
      output_tokens: rng.int(20, 2_500),
      service_tier: 'standard',
    };
    context += write + usage.output_tokens;
    const messageId = `msg_01${rng.hex(22)}`;
    const requestId = `req_011C${rng.hex(20)}`;
    const blocks = rng.int(1, 3);
    for (let b = 0; b < blocks; b++) {
      const uuid = rng.uuid();
      const block =
        b === blocks - 1 && blocks > 1
          ? { type: 'tool_use', id: `toolu_01${rng.hex(22)}`, name: 'Bash', input: { command: 'bun test' } }
          : { type: 'text', text: filler(rng.int(40, 600)) };
      lines.push(
        JSON.stringify({
          parentUuid: parent,
          ...base,
          message: {
            id: messageId,
            type: 'message',
            role: 'assistant',
            model: turnModel,
            content: [block],
            stop_reason: null,
            stop_sequence: null,
            usage,
          },
          requestId,
          type: 'assistant',
          uuid,
          timestamp: new Date(t).toISOString(),
        }),
      );
      parent = uuid;
      t += rng.int(5, 400);
    }
    t += rng.int(2_000, 90_000);
  }
  return { lines, end: t };
}
