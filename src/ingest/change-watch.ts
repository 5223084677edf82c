// What changed under the data roots since the last tick, as the OS reports it (inotify, FSEvents,
// ReadDirectoryChangesW through fs.watch): an idle tick then stats nothing. The polling walk stays the truth: a root
// that cannot be watched, a watch that failed, and any structural change (a file or folder created, removed or
// renamed) send the engine back to it, and it runs every so often anyway (events can be dropped under load).
import { watch, type FSWatcher } from 'node:fs';
import { sep } from 'node:path';
import type { DataRoot } from './data-roots.ts';

/** What the OS reported since the last take. */
export interface WatchedChanges {
  /** Files written to (full paths). */
  readonly files: ReadonlySet<string>;
  /** Something was created, removed or renamed: only a walk tells what. */
  readonly structural: boolean;
}

/** Where an engine learns what changed; `take` is undefined while the changes cannot be known (not watching). */
export interface ChangeSource {
  take(): WatchedChanges | undefined;
  /** Tries to watch again when it is not watching (a root that appeared, a watch that failed). */
  revive(): void;
  close(): void;
}

export class ChangeWatch implements ChangeSource {
  readonly #watchers: FSWatcher[] = [];
  #files = new Set<string>();
  #structural = false;
  #healthy = false;

  constructor(private readonly roots: readonly DataRoot[]) {}

  /** Starts (or restarts) watching every root's projects/; false when one cannot be watched (polling serves). */
  start(): boolean {
    this.#closeWatchers();
    try {
      for (const root of this.roots) {
        const dir = root.projectsDir;
        const watcher = watch(dir, { recursive: true, persistent: false }, (type, name) => {
          if (type !== 'change' || !name) this.#structural = true;
          else this.#files.add(dir + sep + name.toString());
        });
        watcher.on('error', () => {
          this.#healthy = false;
        });
        this.#watchers.push(watcher);
      }
      this.#healthy = true;
    } catch {
      this.#closeWatchers();
    }
    // (what happened before the watch began is found by the walk that comes with it: the first tick's, a structural
    // change's, or the full one that revives a failed watch)
    return this.#healthy;
  }

  take(): WatchedChanges | undefined {
    if (!this.#healthy) return undefined;
    const changes = { files: this.#files, structural: this.#structural };
    this.#files = new Set();
    this.#structural = false;
    // A folder made (or removed and made again) after the watch began may not be watched: watch the tree afresh before
    // the walk this change calls for, which finds what happened until then.
    if (changes.structural) this.start();
    return changes;
  }

  revive(): void {
    if (!this.#healthy) this.start();
  }

  close(): void {
    this.#closeWatchers();
  }

  #closeWatchers(): void {
    for (const w of this.#watchers.splice(0)) w.close();
    this.#healthy = false;
  }
}
