// The ingest side of reports: keeps per-session rollups, notes which usage-cube cells and sessions changed, and hands
// the HTTP side what changed each tick (everything on the first), so reports are answered there from memory.
import type { Tally } from './tally.ts';
import type { CellKey, Contribution } from './usage-cube.ts';
import { SessionRollups } from './session-rollups.ts';
import { CELL_STRIDE, type ReportUpdate, type SessionRollupWire } from './report-wire.ts';

const BUCKET_MS = 15 * 60_000;
const PROJECT_SPAN = 2 ** 16;
/** Cell keys (model × 2¹⁶ + project) stay below 2²⁸ (4096 models), so bucket × 2²⁸ + key is a safe integer. */
const KEY_SPAN = 2 ** 28;

/** What the feed reads from the ledger when it builds an update. */
export interface ReportSource {
  readonly cube: {
    cell(index: number, key: number): Tally | undefined;
    forEachCell(fn: (cell: CellKey, tally: Tally) => void): void;
  };
  readonly models: NameTable;
  readonly projects: NameTable;
  readonly sessions: NameTable;
  readonly projectPaths: ReadonlyMap<number, string>;
}

interface NameTable {
  readonly size: number;
  namesFrom(from: number): string[];
}

function pack(out: number[], index: number, key: number, t: Tally | undefined): void {
  const project = key % PROJECT_SPAN;
  out.push(index, (key - project) / PROJECT_SPAN, project);
  if (!t) out.push(0, 0, 0, 0, 0, 0, 0, 0);
  else out.push(t.input, t.output, t.cacheCreation5m, t.cacheCreation1h, t.cacheRead, t.cost, t.messages, t.failed);
}

export class ReportFeed {
  readonly sessions = new SessionRollups();
  /** Until the first take everything is sent anyway: nothing is tracked. */
  #tracking = false;
  readonly #dirtyCells = new Set<number>();
  readonly #dirtySessions = new Set<number>();
  #namesSent = { models: 0, projects: 0, sessions: 0 };
  #pathsSent = -1;

  apply(c: Contribution, sign: 1 | -1): void {
    this.sessions.apply(c, sign);
    if (!this.#tracking) return;
    const index = Math.floor(c.timestamp / BUCKET_MS);
    this.#dirtyCells.add(index * KEY_SPAN + c.model * PROJECT_SPAN + c.project);
    this.#dirtySessions.add(c.fileId ?? -1);
  }

  /** What changed since the last take (all of it, with `reset`, the first time); undefined when nothing did. */
  take(source: ReportSource, pathOf: (fileId: number) => string | undefined): ReportUpdate | undefined {
    const reset = !this.#tracking;
    if (
      !reset &&
      this.#dirtyCells.size === 0 &&
      this.#dirtySessions.size === 0 &&
      source.projectPaths.size === this.#pathsSent
    )
      return undefined;
    const cells: number[] = [];
    const sessions: SessionRollupWire[] = [];
    if (reset) {
      source.cube.forEachCell((cell, tally) =>
        pack(cells, cell.start / BUCKET_MS, cell.model * PROJECT_SPAN + cell.project, tally),
      );
      for (const id of this.sessions.ids()) sessions.push(this.sessions.wire(id, pathOf) as SessionRollupWire);
    } else {
      for (const composite of this.#dirtyCells) {
        const key = composite % KEY_SPAN;
        const index = (composite - key) / KEY_SPAN;
        pack(cells, index, key, source.cube.cell(index, key));
      }
      for (const id of this.#dirtySessions) {
        const wire = this.sessions.wire(id, pathOf);
        if (wire) sessions.push(wire);
      }
    }
    this.#tracking = true;
    this.#dirtyCells.clear();
    this.#dirtySessions.clear();
    const from = reset ? { models: 0, projects: 0, sessions: 0 } : this.#namesSent;
    this.#namesSent = { models: source.models.size, projects: source.projects.size, sessions: source.sessions.size };
    this.#pathsSent = source.projectPaths.size;
    return {
      reset,
      cells: Float64Array.from(cells),
      sessions,
      names: {
        models: source.models.namesFrom(from.models),
        projects: source.projects.namesFrom(from.projects),
        sessions: source.sessions.namesFrom(from.sessions),
      },
      namesFrom: from,
      projectPaths: [...source.projectPaths],
    };
  }
}
