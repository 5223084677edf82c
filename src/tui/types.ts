// What the monitor shows and where it gets it: the daemon's bodies (fetched by the caller) and the screen's state.
import type {
  HealthBody,
  HistoryBody,
  LimitCurrentBody,
  LimitsBody,
  StatsBody,
  TimeRangeName,
} from '../client/types.ts';
import { TIME_RANGES } from '../api/values.ts';

export type { HealthBody, HistoryBody, LimitCurrentBody, LimitsBody, StatsBody, TimeRangeName };

/** One refresh: stats is required, health, the last hour's history and the plan limits are shown when they came. */
export interface MonitorSnapshot {
  readonly stats: StatsBody;
  readonly health?: HealthBody;
  readonly history?: HistoryBody;
  readonly limits?: LimitsBody;
}

/** The monitor's only way to the daemon (HTTP in the CLI, a stub in tests). */
export interface MonitorSource {
  readonly url: string;
  fetch(range: TimeRangeName): Promise<MonitorSnapshot>;
}

export interface MonitorState {
  readonly url: string;
  /** The range asked for; the data on screen may still be of the previous one until the next answer. */
  range: TimeRangeName;
  readonly refreshMs: number;
  data?: MonitorSnapshot;
  /** Epoch ms of the last answer. */
  lastOkAt?: number;
  /** Why the last refresh failed; cleared by the next answer. */
  error?: { readonly message: string; readonly reachable: boolean };
  failures: number;
  showHelp: boolean;
}

export function nextRange(range: TimeRangeName): TimeRangeName {
  return TIME_RANGES[(TIME_RANGES.indexOf(range) + 1) % TIME_RANGES.length] ?? 'today';
}

/** A refresh that failed; `reachable` tells a daemon that answered badly from one that did not answer at all. */
export class SourceUnavailable extends Error {
  constructor(
    message: string,
    readonly reachable: boolean,
  ) {
    super(message);
    this.name = 'SourceUnavailable';
  }
}
