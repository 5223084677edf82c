// Where the app sends its live events: an EventHub streaming from this thread, or the HTTP front serving the streams.

/** A fan-out of Server-Sent Events frames to the clients of GET /api/events. */
export interface EventChannel {
  /** Clients connected now. */
  readonly size: number;
  /** Sends frames to every client; `frames` is only built when someone listens. */
  publish(frames: () => string): void;
}

export const EVENTS_PATH = '/api/events';

/** Subscribers at once unless configured (`--max-event-clients`); one more is answered 503. */
export const DEFAULT_MAX_EVENT_CLIENTS = 128;
/** What a client over the cap is told to wait before trying again, s. */
export const EVENTS_RETRY_AFTER_S = 5;

/** The 503 body for a client over the cap, as the app's error handler renders errors (`{error, message}`). */
export const tooManyStreamsBody = (max: number) => ({
  error: 'too_many_streams',
  message: `${max} event streams are open, the most this daemon serves at once; retry later`,
});
