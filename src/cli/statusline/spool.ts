// The status line's side of plan-limit samples: each `rate_limits` it sees is appended to a spool file in the state
// dir (one JSON line, 0600), which the daemon reads like a transcript. The HTTP API stays read-only.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sampleToSpoolLine, type LimitSample } from '../../ledger/limit-samples.ts';

/** The spool in a state dir. */
export const spoolPath = (stateDir: string): string => join(stateDir, 'limits.jsonl');

/** Past this size the spool is rotated to `limits.jsonl.1` (the daemon reads a new file from its start), bytes. */
export const SPOOL_ROTATE_BYTES = 4 << 20;

/** Appends the samples (one write: lines of concurrent status lines never interleave). Never throws. */
export function appendSamples(path: string, samples: readonly LimitSample[]): boolean {
  if (samples.length === 0) return true;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      if (statSync(path).size > SPOOL_ROTATE_BYTES) renameSync(path, `${path}.1`);
    } catch {
      // no spool yet
    }
    appendFileSync(path, samples.map((s) => `${sampleToSpoolLine(s)}\n`).join(''), { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}
