// What the ledger's report rollups send the HTTP side each tick (reports/report-book.ts keeps the copy): packed
// cells and per-file rollups.

/**
 * Sums of one cell or rollup, in this order: input, output, cache write 5m, cache write 1h, cache read (tokens), cost
 * (USD), messages (successful responses), failed requests.
 */
export const SUM_FIELDS = 8;

/** Stride of a packed cell: bucket index, model id, project id, then the SUM_FIELDS sums. */
export const CELL_STRIDE = 3 + SUM_FIELDS;

/**
 * One log file's rollup as it crosses to the HTTP side. A session (as ccusage counts them) is the files of one
 * project folder with one session name: `<session>.jsonl` and its `<session>/subagents/*.jsonl`.
 */
export interface SessionRollupWire {
  readonly file: number;
  /** The session the file belongs to, from its path. */
  readonly session: string;
  /** The project folder name (ledger project id of its first response, for the working directory). */
  readonly projectName: string;
  readonly project: number;
  /** Epoch ms of the first and the latest response. */
  readonly first: number;
  readonly last: number;
  /** [model id, ...sums] per model, in order of first use. */
  readonly models: readonly (readonly number[])[];
  /** Sums of its sidechain responses (subagent files and agent-progress lines). */
  readonly subagent: readonly number[];
}

/** What changed for reports in one tick; `reset` replaces everything the HTTP side holds. */
export interface ReportUpdate {
  readonly reset: boolean;
  /** Packed cells (CELL_STRIDE numbers each); a cell with all sums 0 has left. */
  readonly cells: Float64Array;
  readonly sessions: readonly SessionRollupWire[];
  /** Names added since the last update, ids continuing from `namesFrom`. */
  readonly names: {
    readonly models: readonly string[];
    readonly projects: readonly string[];
    readonly sessions: readonly string[];
  };
  readonly namesFrom: { readonly models: number; readonly projects: number; readonly sessions: number };
  /** Working directory last seen per project id. */
  readonly projectPaths: readonly (readonly [number, string])[];
}
