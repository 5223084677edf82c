// Messages between the daemon and its HTTP front worker (front-worker.ts).
import type { StatsBodies } from '../../metrics/stale-bodies.ts';

export interface FrontInit {
  readonly type: 'init';
  readonly hostname: string;
  readonly port: number;
  /** Where every request the front does not answer itself goes: the app's private unix socket. */
  readonly appSocket: string;
  readonly maxRequestBodySize: number;
  /** Whether the front may answer /api/stats itself (no token or CORS configured). */
  readonly fastPath: boolean;
  /** One Uint32 slot, wrapping: /api/stats requests answered by the front (read by /metrics). */
  readonly answered: SharedArrayBuffer;
}

export type ToFront = FrontInit | { readonly type: 'bodies'; readonly bodies: StatsBodies; readonly at: number } | { readonly type: 'stop' };

export type FromFront =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'error'; readonly message: string; readonly code?: string }
  | { readonly type: 'stopped' };
