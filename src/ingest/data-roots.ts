// Where Claude Code keeps transcripts: --data-dir, else CLAUDE_CONFIG_DIR, else ~/.config/claude and ~/.claude.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { defaultClaudeRoots, hostFacts } from '../platform/dirs.ts';

export interface DataRoot {
  /** The Claude config root (holds `projects/`). */
  readonly root: string;
  /** `<root>/projects`, the folder that is walked for `*.jsonl`. */
  readonly projectsDir: string;
  readonly exists: boolean;
}

export interface DataRootSources {
  /** Explicit roots from the command line; wins over everything. */
  readonly dataDirs?: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** An entry may name the root or its `projects/` folder; both mean the same root. */
function toDataRoot(entry: string): DataRoot {
  const path = resolve(entry);
  const root = basename(path) === 'projects' && !existsSync(join(path, 'projects')) ? dirname(path) : path;
  const projectsDir = join(root, 'projects');
  return { root, projectsDir, exists: isDir(projectsDir) };
}

const splitList = (values: readonly string[]): string[] =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

/** Resolves the data roots in priority order, deduplicated. Roots that do not exist are kept (flagged) only when named explicitly. */
export function resolveDataRoots(sources: DataRootSources): DataRoot[] {
  const explicit = splitList(sources.dataDirs ?? []);
  const fromEnv = splitList(sources.env.CLAUDE_CONFIG_DIR ? [sources.env.CLAUDE_CONFIG_DIR] : []);
  const named = explicit.length > 0 ? explicit : fromEnv;
  const candidates = named.length > 0 ? named : defaultClaudeRoots(hostFacts(sources.env, sources.home));
  const roots = new Map<string, DataRoot>();
  for (const entry of candidates) {
    const root = toDataRoot(entry);
    if (!roots.has(root.root) && (named.length > 0 || root.exists)) roots.set(root.root, root);
  }
  return [...roots.values()];
}
