// A signal to a bench alone would orphan its daemons: stop them (SIGTERM, then SIGKILL after 5 s), remove the scratch
// folder, then die as asked. Waiting matters: a daemon whose stderr pipe closes under it cannot remove its demo folder.
import { rmSync } from 'node:fs';

export interface Stoppable {
  stop(): Promise<void>;
}

/** Installs SIGINT/SIGTERM handlers for the bench's live servers; returns the function that removes them. */
export function stopOnSignal(load: { abort(): void }, live: ReadonlySet<Stoppable>, scratch: string): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    load.abort();
    void Promise.allSettled([...live].map((server) => server.stop())).then(() => {
      rmSync(scratch, { recursive: true, force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
