// Opens the store at a path and reads what the HTTP side can serve at once; a file that fails to read is moved aside.
import { errorMessage } from '../platform/error-message.ts';
import { moveAside, openStore } from './open-store.ts';
import { UsageStore, type PersistedView } from './usage-store.ts';

export interface UsableStore {
  readonly store: UsageStore;
  readonly view: PersistedView | undefined;
  /** One-line warnings to show (e.g. a bad file moved aside). */
  readonly warnings: string[];
}

/** Throws StoreLockedError when another daemon holds the file. */
export function openUsageStore(path: string, now: number): UsableStore {
  const warnings: string[] = [];
  const opened = openStore(path, now);
  if (opened.movedAside)
    warnings.push(
      `store ${path} could not be used (${opened.movedAside.reason}); moved it to ${opened.movedAside.to} and rebuilding from the logs`,
    );
  const store = new UsageStore(opened.db, path);
  try {
    return { store, view: store.loadView(), warnings };
  } catch (error) {
    store.close();
    const to = moveAside(path, now);
    warnings.push(
      `store ${path} could not be read (${errorMessage(error)}); moved it to ${to} and rebuilding from the logs`,
    );
    return { store: new UsageStore(openStore(path, now).db, path), view: undefined, warnings };
  }
}

/** For a store that opened but whose state cannot be replayed: closes it, sets the file aside, opens a fresh one. */
export function replaceUnusableStore(store: UsageStore, path: string, now: number, reason: string): UsableStore {
  store.close();
  const to = moveAside(path, now);
  return {
    store: new UsageStore(openStore(path, now).db, path),
    view: undefined,
    warnings: [`store ${path} could not be replayed (${reason}); moved it to ${to} and rebuilding from the logs`],
  };
}
