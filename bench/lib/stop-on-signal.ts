// The one way a bench that runs daemons ends: normally, or on a signal. A signal to the bench alone would orphan its
// daemons, so both paths stop them (SIGTERM, then SIGKILL after 5 s), close the load generator and remove the scratch
// folder. Waiting matters: a daemon whose stderr pipe closes under it cannot remove its demo folder.
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

export interface Stoppable {
  stop(): Promise<void>;
}

export interface LoadHandle {
  abort(): void;
  close(): Promise<void>;
}

/** Installs SIGINT/SIGTERM handlers; returns the teardown for the normal path (which also removes the handlers). */
export function stopOnSignal(load: LoadHandle, live: ReadonlySet<Stoppable>, scratch: string): () => Promise<void> {
  const onSignal = (signal: NodeJS.Signals) => {
    load.abort();
    void Promise.allSettled([...live].map((server) => server.stop())).then(() => {
      rmSync(scratch, { recursive: true, force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return async () => {
    for (const server of [...live]) await server.stop().catch(() => {});
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await load.close();
    await rm(scratch, { recursive: true, force: true });
  };
}
