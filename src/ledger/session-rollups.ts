// Per-file rollups on the ingest side: first and last activity, sums per model and of subagent (sidechain) usage.
// Their size grows with files × models, never with responses; the HTTP side merges a session's files.
import { sep } from 'node:path';
import type { Contribution } from './usage-cube.ts';
import { SUM_FIELDS, type SessionRollupWire } from './report-wire.ts';

export interface FileRollup {
  project: number;
  /** Epoch ms of the first and the latest response added (a replaced copy does not move them back). */
  first: number;
  last: number;
  /** model id → sums (see SUM_FIELDS), in order of first use. */
  readonly models: Map<number, Float64Array>;
  readonly subagent: Float64Array;
}

/** Adds (sign 1) or removes (-1) a contribution to packed sums. */
export function addContribution(sums: Float64Array, c: Contribution, sign: 1 | -1): void {
  const t = c.tokens;
  sums[0] = (sums[0] ?? 0) + sign * t.input;
  sums[1] = (sums[1] ?? 0) + sign * t.output;
  sums[2] = (sums[2] ?? 0) + sign * t.cacheCreation5m;
  sums[3] = (sums[3] ?? 0) + sign * t.cacheCreation1h;
  sums[4] = (sums[4] ?? 0) + sign * t.cacheRead;
  sums[5] = (sums[5] ?? 0) + sign * c.cost;
  if (c.failed) sums[7] = (sums[7] ?? 0) + sign;
  else sums[6] = (sums[6] ?? 0) + sign;
}

/**
 * The project folder and session of a log path, as discovery names them: `projects/<project>/<session>.jsonl`, or
 * `projects/<project>/<session>/subagents/<agent>.jsonl` for a subagent's file.
 */
export function sessionOfPath(path: string): { readonly project: string; readonly session: string } {
  const marker = `${sep}projects${sep}`;
  const at = path.lastIndexOf(marker);
  const parts = (at === -1 ? path : path.slice(at + marker.length)).split(sep);
  const project = parts.length > 1 ? (parts[0] ?? '') : '';
  const name = parts.at(-1) ?? '';
  const session =
    parts.length >= 4 && parts.at(-2) === 'subagents' ? (parts.at(-3) ?? name) : name.replace(/\.jsonl$/, '');
  return { project, session };
}

export class SessionRollups {
  readonly #files = new Map<number, FileRollup>();
  #lastId = -1;
  #last: FileRollup | undefined;

  apply(c: Contribution, sign: 1 | -1): void {
    const file = c.fileId ?? -1;
    let s = this.#lastId === file ? this.#last : this.#files.get(file);
    if (!s) {
      s = {
        project: c.project,
        first: c.timestamp,
        last: c.timestamp,
        models: new Map(),
        subagent: new Float64Array(SUM_FIELDS),
      };
      this.#files.set(file, s);
    }
    this.#lastId = file;
    this.#last = s;
    if (sign > 0) {
      if (c.timestamp < s.first) s.first = c.timestamp;
      if (c.timestamp > s.last) s.last = c.timestamp;
    }
    let m = s.models.get(c.model);
    if (!m) s.models.set(c.model, (m = new Float64Array(SUM_FIELDS)));
    addContribution(m, c, sign);
    if (c.isSidechain) addContribution(s.subagent, c, sign);
  }

  ids(): IterableIterator<number> {
    return this.#files.keys();
  }

  wire(file: number, pathOf: (fileId: number) => string | undefined): SessionRollupWire | undefined {
    const s = this.#files.get(file);
    if (!s) return undefined;
    const { project, session } = sessionOfPath(pathOf(file) ?? '');
    return {
      file,
      session,
      projectName: project,
      project: s.project,
      first: s.first,
      last: s.last,
      models: [...s.models].map(([model, sums]) => [model, ...sums]),
      subagent: [...s.subagent],
    };
  }
}
