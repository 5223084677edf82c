// Finds every `*.jsonl` under each root's `projects/` (sessions and `<session>/subagents/*.jsonl`), sorted by path.
// Symlinks are followed once (loops are cut by device+inode); unreadable or vanishing entries are counted, never fatal.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { DataRoot } from './data-roots.ts';

export interface LogFile {
  readonly path: string;
  /** The project folder name directly under `projects/`. */
  readonly project: string;
  /** The session the file belongs to: its own name, or the session folder a subagent file sits in. */
  readonly session: string;
}

export interface Discovery {
  readonly files: LogFile[];
  /** Folders that could not be read (permissions, vanished, loops). */
  readonly skippedDirs: number;
}

const isLog = (name: string): boolean => name.endsWith('.jsonl');

function describe(projectsDir: string, path: string): LogFile {
  const parts = relative(projectsDir, path).split(sep);
  const project = parts.length > 1 ? (parts[0] ?? '') : '';
  const name = parts.at(-1) ?? '';
  const session = parts.length >= 4 && parts.at(-2) === 'subagents' ? (parts.at(-3) ?? name) : name.slice(0, -'.jsonl'.length);
  return { path, project, session };
}

/** Walks the roots; with the same tree it returns the same list in the same (code-unit path) order. */
export function discoverLogs(roots: readonly DataRoot[]): Discovery {
  const files: LogFile[] = [];
  let skippedDirs = 0;
  for (const root of roots) {
    const visited = new Set<string>();
    const stack = [root.projectsDir];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      let entries: Dirent[];
      try {
        const st = statSync(dir);
        const id = `${st.dev}:${st.ino}`;
        if (visited.has(id)) {
          skippedDirs++;
          continue;
        }
        visited.add(id);
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        if (dir !== root.projectsDir || root.exists) skippedDirs++;
        continue;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) stack.push(path);
        else if (entry.isFile()) {
          if (isLog(entry.name)) files.push(describe(root.projectsDir, path));
        } else if (entry.isSymbolicLink()) {
          try {
            const target = statSync(path);
            if (target.isDirectory()) stack.push(path);
            else if (target.isFile() && isLog(entry.name)) files.push(describe(root.projectsDir, path));
          } catch {
            skippedDirs++;
          }
        }
      }
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skippedDirs };
}
