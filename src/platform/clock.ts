// Time as a dependency: production reads the system clock, tests inject a fixed or stepped one.

export interface Clock {
  /** Wall-clock time in ms since the epoch. */
  now(): number;
  /** Monotonic time in ms, for durations. */
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

/** A clock tests move by hand. */
export function manualClock(start: number): Clock & { advance(ms: number): void; set(ms: number): void } {
  let wall = start;
  let mono = 0;
  return {
    now: () => wall,
    monotonic: () => mono,
    advance(ms: number) {
      wall += ms;
      mono += ms;
    },
    set(ms: number) {
      wall = ms;
    },
  };
}
