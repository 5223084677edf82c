// The app thread's heartbeat, for the HTTP front's /api/health: a timer on that thread writes the time into shared
// memory, so a stalled thread (a blocking call, a runaway loop) shows as an old beat the front can read without
// asking the thread itself.

export class AppHeartbeat {
  /** One BigInt64 slot (FrontInit.appBeat): ms on the clock every thread shares. */
  readonly beat = new SharedArrayBuffer(8);
  readonly #slot = new BigInt64Array(this.beat);
  #timer: ReturnType<typeof setInterval> | undefined;

  /** @param stallMs a beat older than this means the thread is stalled; the timer runs five times as often. */
  constructor(readonly stallMs: number) {
    this.#write();
  }

  start(): void {
    this.#timer ??= setInterval(() => this.#write(), Math.max(10, Math.floor(this.stallMs / 5)));
    this.#timer.unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #write(): void {
    Atomics.store(this.#slot, 0, BigInt(Math.round(performance.timeOrigin + performance.now())));
  }
}
