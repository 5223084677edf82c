// What a bench is: a named measurement that returns table rows, warnings and raw samples for latest.json.
import type { Row } from './report.ts';

export interface BenchContext {
  /** Fresh processes per measurement (CCO_BENCH_RUNS, default 3). */
  readonly runs: number;
  /** Progress for people, on stderr. */
  log(line: string): void;
}

export interface BenchResult {
  readonly rows: readonly Row[];
  /** Things a reader must not miss (e.g. totals that differ from ccusage). */
  readonly warnings: readonly string[];
  /** Data-set facts and every raw sample, for bench/results/latest.json. */
  readonly details: Record<string, unknown>;
}

export interface Bench {
  /** One line for `bench/index.ts --help`. */
  readonly summary: string;
  run(context: BenchContext): Promise<BenchResult>;
}
