// Discovery walks folders with their entries sorted so that files come out in the order of their full paths (what the
// ledger's merge order is defined by) while the walk is still going: a cold start reads the first files meanwhile.
import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { LogDiscovery, type LogFile } from '../../src/ingest/discover.ts';
import { tempDir } from '../helpers/temp.ts';

/** Names chosen so that a folder and a file share a prefix, and the separator sorts between `.`/`-` and letters. */
const TREE = [
  'p/s.jsonl',
  'p/s/subagents/agent-1.jsonl',
  'p/s/subagents/agent-0.jsonl',
  'p/s-2.jsonl',
  'p/s.jsonl.d/x.jsonl',
  'p/sA.jsonl',
  'p/S.jsonl',
  'p-q/t.jsonl',
  'p.old/u.jsonl',
  'p/notes.txt',
  'p/é.jsonl',
];

async function makeRoot(base: string, name: string): Promise<string> {
  const root = join(base, name);
  for (const file of TREE) {
    const path = join(root, 'projects', file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, '');
  }
  return root;
}

const byPath = (a: LogFile, b: LogFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

describe('LogDiscovery', () => {
  it('hands files over in the code-unit order of their full paths, across roots, as it walks and pauses', async () => {
    await using dir = await tempDir('cco-discover-');
    // Two roots given in reverse order: the walk still goes in path order.
    const roots = resolveDataRoots({
      dataDirs: [await makeRoot(dir.path, 'b'), await makeRoot(dir.path, 'a')],
      env: {},
      home: '/nonexistent',
    });
    const discovery = new LogDiscovery(roots);
    const walked: LogFile[] = [];
    const walk = discovery.walk((file) => walked.push(file));
    // Paused every 3 files: each run hands over exactly 3 until the walk is over.
    let pauses = 0;
    let result = walk.run(3);
    for (; !result; result = walk.run(3)) {
      pauses++;
      expect(walked).toHaveLength(3 * pauses);
    }
    const files = result.files;
    expect(pauses).toBe(Math.floor(files.length / 3));

    expect(files).toHaveLength(2 * (TREE.length - 1)); // (not notes.txt)
    expect(walked).toEqual([...files]);
    expect(files.map((f) => f.path)).toEqual([...files].sort(byPath).map((f) => f.path));
    expect(files.slice(0, TREE.length - 1).map((f) => f.path.slice(join(dir.path, 'a/projects').length + 1))).toEqual([
      'p-q/t.jsonl',
      'p.old/u.jsonl',
      'p/S.jsonl',
      'p/s-2.jsonl',
      'p/s.jsonl',
      'p/s.jsonl.d/x.jsonl',
      'p/s/subagents/agent-0.jsonl',
      'p/s/subagents/agent-1.jsonl',
      'p/sA.jsonl',
      'p/é.jsonl',
    ]);
    expect(files.find((f) => f.path.endsWith('agent-1.jsonl'))).toMatchObject({ project: 'p', session: 's' });
  });

  it('returns the same list for an unchanged tree, and a new one in order when a file is added', async () => {
    await using dir = await tempDir('cco-discover-');
    const roots = resolveDataRoots({ dataDirs: [await makeRoot(dir.path, 'r')], env: {}, home: '/nonexistent' });
    const discovery = new LogDiscovery(roots);
    const first = discovery.discover();
    expect(discovery.discover().files).toBe(first.files);

    await mkdir(join(dir.path, 'r/projects/p/s-2/subagents'), { recursive: true });
    await writeFile(join(dir.path, 'r/projects/p/s-2/subagents/a.jsonl'), '');
    const next = discovery.discover().files;
    expect(next).not.toBe(first.files);
    expect(next).toHaveLength(first.files.length + 1);
    expect(next.map((f) => f.path)).toEqual([...next].sort(byPath).map((f) => f.path));
  });
});
