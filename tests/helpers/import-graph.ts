// The import graph of a source tree (relative imports between its files), folded to folders, and its cycles: what
// tests/architecture.test.ts holds the layout to.
import { Glob } from 'bun';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** Relative module references of a source file: static and dynamic imports, re-exports and worker entry points. */
const SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new Worker\(\s*new URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

export const folderOf = (file: string): string => (file.includes('/') ? (file.split('/')[0] as string) : '(root)');

/** Every import between files of src/ (paths relative to src/). */
export function importGraph(src: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of new Glob('**/*.{ts,tsx}').scanSync(src)) {
    const targets = new Set<string>();
    for (const m of readFileSync(join(src, file), 'utf8').matchAll(SPECIFIERS)) {
      const target = relative(src, normalize(join(src, dirname(file), m[1] as string)));
      if (!target.startsWith('..')) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Folder → folders it imports, with one file-level example per edge. */
export function folderEdges(graph: Map<string, Set<string>>): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      const out = edges.get(from) ?? new Map<string, string>();
      edges.set(from, out);
      if (!out.has(to)) out.set(to, `${file} → ${target}`);
    }
  }
  return edges;
}

/** Strongly connected groups of more than one file (Tarjan): each is an import cycle. */
export function fileCycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}

/** The allowed graph as docs/architecture.md shows it: one line per folder, top layer first. */
export function renderLayers(allowed: Readonly<Record<string, readonly string[]>>): string {
  const width = Math.max(...Object.keys(allowed).map((f) => f.length));
  return Object.entries(allowed)
    .reverse()
    .map(([f, to]) => `${f.padEnd(width)}  → ${to.length ? to.join(', ') : '(nothing of cco)'}\n`)
    .join('');
}
