// Folds the changes of consecutive ticks into one set, for a store write that failed and is retried with the next
// tick's changes: saving the merged set leaves the store exactly as saving both ticks in turn would have.
import type { EngineChanges, FileRecord } from '../ingest/engine.ts';
import type { StoredResponse } from '../ledger/response-store.ts';

/** `older` then `newer` (taken right after it) as one set of changes. */
export function mergeChanges(older: EngineChanges, newer: EngineChanges): EngineChanges {
  // A file dropped (its transcript deleted) and tracked again later is upserted, not deleted; and the reverse.
  const files = new Map<string, FileRecord>(older.files.map((f) => [f.path, f]));
  const removedFiles = new Set(older.removedFiles);
  for (const path of newer.removedFiles) {
    files.delete(path);
    removedFiles.add(path);
  }
  for (const f of newer.files) {
    files.set(f.path, f);
    removedFiles.delete(f.path);
  }
  // A survivor replaced again keeps only its latest value.
  const responses = new Map<number, StoredResponse>(older.ledger.responses);
  for (const [group, response] of newer.ledger.responses) responses.set(group, response);
  const a = older.ledger.names;
  const b = newer.ledger.names;
  return {
    ledger: {
      // Names, paths and seen-set nodes are append-only lists: the newer ones continue where the older ones end.
      names: {
        models: [...a.models, ...b.models],
        projects: [...a.projects, ...b.projects],
        sessions: [...a.sessions, ...b.sessions],
      },
      namesFrom: older.ledger.namesFrom,
      responses: [...responses],
      nodes: [...older.ledger.nodes, ...newer.ledger.nodes],
      // Whole values: the newer one holds the older one's content.
      projectPaths: newer.ledger.projectPaths,
      recent: newer.ledger.recent,
    },
    files: [...files.values()],
    removedFiles: [...removedFiles],
    paths: [...older.paths, ...newer.paths],
    pathsFrom: older.pathsFrom,
    counters: newer.counters,
    responseTime: newer.responseTime,
  };
}
