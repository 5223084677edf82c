// The app's event channel when the HTTP front worker serves /api/events: frames go to the front, and the number of
// clients is read from the memory the front keeps it in (for /metrics).
import type { EventChannel } from '../events/types.ts';

export class FrontEvents implements EventChannel {
  /** One Int32 slot, written by the front (FrontInit.subscribers). */
  readonly subscribers = new SharedArrayBuffer(4);
  readonly #count = new Int32Array(this.subscribers);
  #send: ((frames: string) => void) | undefined;

  get size(): number {
    return Atomics.load(this.#count, 0);
  }

  /** From now on, frames go to `send` (the front, once it listens); before that there is no client to send them to. */
  attach(send: (frames: string) => void): void {
    this.#send = send;
  }

  /**
   * Frames are sent after the current task: a tick's frames are published from tick listeners, before the daemon
   * hands the front that tick's greeting, and a client that connects in between must not be greeted with the snapshot
   * before and then miss the new one.
   */
  publish(frames: () => string): void {
    const send = this.#send;
    if (!send || this.size === 0) return;
    const chunk = frames();
    queueMicrotask(() => send(chunk));
  }
}
