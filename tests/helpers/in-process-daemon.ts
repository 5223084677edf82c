// A real daemon (startDaemon: HTTP front worker, app, aggregator) over one data root, ingesting in this thread, on a
// free port; ticks only when asked (60 s interval) unless overridden.
import { systemClock } from '../../src/platform/clock.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { startDaemon, type Daemon, type DaemonConfig } from '../../src/daemon/daemon.ts';

export function startInProcessDaemon(dataDir: string, overrides: Partial<DaemonConfig> = {}): Promise<Daemon> {
  return startDaemon({
    clock: systemClock,
    version: 'test',
    roots: resolveDataRoots({ dataDirs: [dataDir], env: {}, home: '/nonexistent' }),
    port: 0,
    hostname: '127.0.0.1',
    intervalMs: 60_000,
    costMode: 'calculate',
    ingest: 'in-process',
    warn: () => {},
    ...overrides,
  });
}
