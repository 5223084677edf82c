// The JSON Claude Code passes a status-line command on stdin, read tolerantly: every field may be missing (older
// versions), unknown fields are ignored, and garbage reads as an empty payload. Never throws.
import { percentOf, resetOf } from '../../ledger/limit-samples.ts';

export interface StatusWindow {
  /** 0–100 %. */
  readonly usedPercent: number;
  /** Epoch ms. */
  readonly resetsAt: number | undefined;
}

export interface StatusInput {
  /** The parsed object (for the limit samples), or undefined when stdin was not a JSON object. */
  readonly raw: Record<string, unknown> | undefined;
  readonly sessionId: string | undefined;
  readonly transcriptPath: string | undefined;
  readonly model: string | undefined;
  readonly effort: string | undefined;
  /** Claude Code's own figure for the session, USD. */
  readonly sessionCost: number | undefined;
  /** Context window used, 0–100 %. */
  readonly contextPercent: number | undefined;
  readonly fiveHour: StatusWindow | undefined;
  readonly sevenDay: StatusWindow | undefined;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function windowOf(v: unknown): StatusWindow | undefined {
  if (!isObject(v)) return undefined;
  const usedPercent = percentOf(v.used_percentage);
  return usedPercent === undefined ? undefined : { usedPercent, resetsAt: resetOf(v.resets_at) };
}

function contextOf(p: Json): number | undefined {
  const c = p.context_window;
  if (!isObject(c)) return undefined;
  const used = percentOf(c.used_percentage);
  if (used !== undefined) return used;
  const size = num(c.context_window_size);
  const input = num(c.total_input_tokens);
  return size && size > 0 && input !== undefined ? percentOf((input / size) * 100) : undefined;
}

export function parseStatusInput(text: string): StatusInput {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    value = undefined;
  }
  if (!isObject(value)) {
    return {
      raw: undefined,
      sessionId: undefined,
      transcriptPath: undefined,
      model: undefined,
      effort: undefined,
      sessionCost: undefined,
      contextPercent: undefined,
      fiveHour: undefined,
      sevenDay: undefined,
    };
  }
  const p = value;
  const model = isObject(p.model) ? (str(p.model.display_name) ?? str(p.model.id)) : str(p.model);
  const limits = isObject(p.rate_limits) ? p.rate_limits : {};
  const cost = isObject(p.cost) ? num(p.cost.total_cost_usd) : undefined;
  return {
    raw: p,
    sessionId: str(p.session_id),
    transcriptPath: str(p.transcript_path),
    model,
    effort: isObject(p.effort) ? str(p.effort.level) : str(p.effort),
    sessionCost: cost !== undefined && cost >= 0 ? cost : undefined,
    contextPercent: contextOf(p),
    fiveHour: windowOf(limits.five_hour),
    sevenDay: windowOf(limits.seven_day),
  };
}
