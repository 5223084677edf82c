// A running daemon: the composed parts (compose.ts) on sockets. The app listens on a unix socket in a folder only
// this user can open (a loopback port where there are no unix sockets); the public address belongs to the HTTP front
// (server/front/), which answers the hot path from a small heap of its own and hands the app every other request.
import { tmpdir } from 'node:os';
import type { App } from '../server/app.ts';
import { attachFront } from '../server/front/attach-front.ts';
import { FrontEvents } from '../server/front/front-events.ts';
import type { AppAddress } from '../server/front/protocol.ts';
import {
  createAppSocketDir,
  defaultAppListener,
  sweepStaleSocketDirs,
  type AppListener,
} from '../server/front/socket-dir.ts';
import type { StatsCache } from '../cache/stats-cache.ts';
import type { Aggregator } from './aggregator.ts';
import { composeDaemon, type DaemonSettings, type ReloadableSettings } from './compose.ts';
import { Disposers } from './disposers.ts';

export type { ReloadableSettings } from './compose.ts';

export interface DaemonConfig extends Omit<DaemonSettings, 'ingest'> {
  readonly port: number;
  readonly hostname: string;
  /** 'worker' (default) ingests off the HTTP thread; 'in-process' runs it on this one. */
  readonly ingest?: 'worker' | 'in-process';
  /** /api/events clients served at once (default 128); one more gets a 503 with Retry-After. */
  readonly maxEventClients?: number;
  /** Requests the front hands to the app at once (default 128); one more gets a 503 with Retry-After. */
  readonly maxProxiedRequests?: number;
  /** How long the app's thread may go without running before /api/health answers 503 `unresponsive`, ms (default 5 s). */
  readonly appStallMs?: number;
  /** How the app listens for the front: a unix socket, or a loopback port (default: the platform's, see socket-dir.ts). */
  readonly appListener?: AppListener;
}

export interface Daemon {
  readonly app: App;
  readonly cache: StatsCache;
  readonly aggregator: Aggregator;
  readonly port: number;
  readonly url: string;
  /** Applies settings that can change without a restart (a config reload on SIGHUP); returns what changed. */
  reload(settings: ReloadableSettings): string[];
  stop(): Promise<void>;
}

/**
 * Opens the store and serves what it holds, listens, then starts the aggregator. Throws the listen error as is (e.g.
 * EADDRINUSE), and the store's when another daemon holds it; whatever was started by then is undone.
 */
export async function startDaemon(config: DaemonConfig): Promise<Daemon> {
  const disposers = new Disposers();
  // (the front worker reckons uptime from the same moment, on a clock every thread shares)
  const sharedStart = performance.timeOrigin + performance.now();
  let port = 0;
  // The front serves the event streams (none holds a connection to the app); the app sends it the frames.
  const events = new FrontEvents();
  const parts = composeDaemon(config, { events, port: () => port });
  disposers.add(() => parts.close());
  try {
    await parts.opened;
    let app: AppAddress;
    if ((config.appListener ?? defaultAppListener(process.platform)) === 'unix') {
      sweepStaleSocketDirs(tmpdir());
      const socketDir = createAppSocketDir(tmpdir());
      disposers.add(() => socketDir.remove());
      parts.app.listen({ unix: socketDir.socket });
      app = { unix: socketDir.socket };
    } else {
      parts.app.listen({ hostname: '127.0.0.1', port: 0 });
      app = { port: parts.app.server?.port ?? 0 };
    }
    const front = await attachFront({
      hostname: config.hostname,
      port: config.port,
      app,
      access: config.access,
      version: config.version,
      startedAt: sharedStart,
      cache: parts.cache,
      events,
      httpRequests: parts.httpRequests,
      maxEventClients: config.maxEventClients,
      maxProxiedRequests: config.maxProxiedRequests,
      appStallMs: config.appStallMs,
    });
    // (stopped first: its event streams end cleanly while the app still answers what is in flight)
    disposers.add(() => front.stop());
    port = front.port;
  } catch (error) {
    await disposers.dispose();
    throw error;
  }
  parts.aggregator.start();
  const host = config.hostname.includes(':') ? `[${config.hostname}]` : config.hostname;
  return {
    app: parts.app,
    cache: parts.cache,
    aggregator: parts.aggregator,
    port,
    url: `http://${host}:${port}`,
    reload: (settings) => parts.reload(settings),
    stop: () => disposers.dispose(),
  };
}
