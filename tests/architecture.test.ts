// The layout cannot drift: the folders of src/ import each other only along the data path (the allowed graph below,
// which docs/architecture.md shows), and no file imports itself through others.
import { describe, expect, it } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileCycles, folderEdges, folderOf, importGraph, renderLayers } from './helpers/import-graph.ts';

/** Which folders each folder may import, lowest layer first; `(root)` is src/index.ts. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  platform: [],
  api: [],
  demo: ['platform'],
  pricing: ['platform'],
  ledger: ['api', 'pricing', 'platform'],
  ingest: ['ledger', 'pricing', 'platform'],
  push: ['ledger', 'api', 'platform'],
  store: ['push', 'ingest', 'ledger', 'api', 'platform'],
  reports: ['ledger', 'api', 'platform'],
  cache: ['reports', 'store', 'ledger', 'api', 'platform'],
  alerts: ['ledger', 'api', 'platform'],
  config: ['alerts', 'push', 'pricing', 'api', 'platform'],
  text: ['api', 'platform'],
  client: ['api', 'platform'],
  web: ['client', 'text', 'api'],
  server: ['web', 'cache', 'reports', 'alerts', 'config', 'ledger', 'pricing', 'api', 'platform'],
  daemon: [
    'server',
    'cache',
    'store',
    'push',
    'ingest',
    'ledger',
    'reports',
    'alerts',
    'config',
    'pricing',
    'api',
    'platform',
  ],
  tui: ['client', 'text', 'api', 'platform'],
  cli: [
    'daemon',
    'tui',
    'server',
    'cache',
    'store',
    'ingest',
    'ledger',
    'reports',
    'alerts',
    'config',
    'client',
    'text',
    'pricing',
    'demo',
    'api',
    'platform',
  ],
  '(root)': ['cli'],
};

describe('architecture', () => {
  const graph = importGraph(join(import.meta.dir, '..', 'src'));

  it('has a rule for every folder of src/', () => {
    expect([...new Set([...graph.keys()].map(folderOf))].filter((f) => !(f in ALLOWED))).toEqual([]);
  });

  it('imports between folders only along the allowed graph', () => {
    const forbidden: string[] = [];
    for (const [from, out] of folderEdges(graph)) {
      for (const [to, example] of out)
        if (!(ALLOWED[from] ?? []).includes(to)) forbidden.push(`${from} → ${to} (${example})`);
    }
    expect(forbidden).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(fileCycles(graph)).toEqual([]);
  });

  it('allows no folder cycle: every folder sits above all it may import', () => {
    const order = Object.keys(ALLOWED);
    for (const [from, allowed] of Object.entries(ALLOWED)) {
      for (const to of allowed)
        expect({ from, to, below: order.indexOf(to) < order.indexOf(from) }).toEqual({ from, to, below: true });
    }
  });

  it('catches a forbidden import (the check is not vacuous)', async () => {
    await using dir = await (await import('./helpers/temp.ts')).tempDir('cco-arch-');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(dir.path, 'ledger'));
    mkdirSync(join(dir.path, 'server'));
    writeFileSync(join(dir.path, 'server', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir.path, 'ledger', 'b.ts'), "import { a } from '../server/a.ts';\nimport('./c.ts');\n");
    writeFileSync(join(dir.path, 'ledger', 'c.ts'), "export * from './b.ts';\n");
    const sample = importGraph(dir.path);
    expect(folderEdges(sample).get('ledger')?.has('server')).toBe(true);
    expect(fileCycles(sample)).toEqual([['ledger/b.ts', 'ledger/c.ts']]);
  });

  it('draws the same graph in docs/architecture.md', () => {
    const doc = readFileSync(join(import.meta.dir, '..', 'docs', 'architecture.md'), 'utf8');
    const drawn = /```text layers\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(drawn).toBe(renderLayers(ALLOWED));
  });
});
