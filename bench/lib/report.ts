// Bench results: the rows of the one table `make bench` prints. Each figure carries its same-run baseline, the ratio
// between them, and the goal it is held to, so a reader sees misses as plainly as hits.

/** ms: time · MB/s: throughput · req/s: HTTP throughput · MB: memory (10⁶ bytes) · B: bytes read. */
export type Unit = 'ms' | 'MB/s' | 'req/s' | 'MB' | 'B';

export interface Figure {
  readonly value: number;
  readonly unit: Unit;
  /** Context shown next to the value, e.g. the matching throughput. */
  readonly note?: string;
}

export interface Baseline extends Figure {
  /** What was measured, e.g. `read+JSON.parse`. */
  readonly label: string;
}

/** A goal on the row's value or on its ratio. */
export interface Goal {
  readonly on: 'value' | 'ratio';
  readonly op: '>=' | '<' | '=';
  readonly target: number;
}

export interface Row {
  readonly metric: string;
  /** A figure, or a plain statement for checks (`equal`). */
  readonly value: Figure | string;
  readonly baseline?: Baseline;
  /** Baseline ÷ value for time, memory and bytes; value ÷ baseline for throughput. Above 1: cco does better. */
  readonly ratio?: number;
  readonly goal?: Goal;
  /** Undefined when the row has no goal. */
  readonly ok?: boolean;
}

export const ratioAtLeast = (target: number): Goal => ({ on: 'ratio', op: '>=', target });
export const valueBelow = (target: number): Goal => ({ on: 'value', op: '<', target });
export const valueEquals = (target: number): Goal => ({ on: 'value', op: '=', target });

function ratioOf(value: Figure, baseline: Figure): number {
  if (value.unit !== baseline.unit) throw new Error(`ratio of ${value.unit} to ${baseline.unit}`);
  return value.unit === 'MB/s' || value.unit === 'req/s' ? value.value / baseline.value : baseline.value / value.value;
}

function meets(goal: Goal, subject: number | undefined): boolean {
  if (subject === undefined || Number.isNaN(subject)) return false;
  switch (goal.op) {
    case '>=':
      return subject >= goal.target;
    case '<':
      return subject < goal.target;
    case '=':
      return subject === goal.target;
  }
}

/** A measured figure, with its ratio and goal check worked out. */
export function figureRow(metric: string, value: Figure, baseline?: Baseline, goal?: Goal): Row {
  const ratio = baseline ? ratioOf(value, baseline) : undefined;
  const ok = goal ? meets(goal, goal.on === 'ratio' ? ratio : value.value) : undefined;
  return { metric, value, baseline, ratio, goal, ok };
}

/** A yes/no check (e.g. totals equal the oracle's). */
export function checkRow(metric: string, passed: boolean, statement: string): Row {
  return { metric, value: statement, ok: passed };
}

/** Bytes as MB (10⁶). */
export const mb = (bytes: number): number => bytes / 1e6;
/** Throughput in MB/s of `bytes` in `ms`. */
export const mbPerS = (bytes: number, ms: number): number => bytes / 1e3 / ms;
