// The persistent store: open (lock, migrate, move a bad file aside) and read/write the ingest state.
export { openStore, StoreLockedError, type OpenedStore } from './open-store.ts';
export { SCHEMA_VERSION } from './schema.ts';
export { UsageStore, type PersistedView } from './usage-store.ts';
