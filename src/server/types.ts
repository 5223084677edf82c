// What createApp needs from the outside world: injected, never read from module state.
import type { Clock } from '../clock.ts';

export interface AppDeps {
  readonly clock: Clock;
  readonly version: string;
  /** `clock.monotonic()` when the daemon started, for uptime. */
  readonly startedAt: number;
}
