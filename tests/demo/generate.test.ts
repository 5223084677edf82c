import { describe, expect, it } from 'bun:test';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = Date.UTC(2026, 10, 28, 12);

async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path.slice(root.length), await readFile(path, 'utf8'));
    }
  }
  return files;
}

describe('demo data generator', () => {
  it('writes the same bytes for the same seed and clock', async () => {
    await using a = await tempDir();
    await using b = await tempDir();
    await generateDemoRoot(a.path, { now: NOW, sessions: 8 });
    await generateDemoRoot(b.path, { now: NOW, sessions: 8 });
    expect(await snapshot(a.path)).toEqual(await snapshot(b.path));
  });

  it('lays files out as Claude Code does, with subagents and resumed-session copies', async () => {
    await using dir = await tempDir();
    const summary = await generateDemoRoot(dir.path, { now: NOW, sessions: 40 });
    const files = await snapshot(dir.path);
    expect(files.size).toBe(summary.files);
    const paths = [...files.keys()];
    expect(paths.every((p) => p.startsWith('/projects/-home-ada-src-'))).toBe(true);
    expect(paths.some((p) => /\/subagents\/agent-[0-9a-f]{8}\.jsonl$/.test(p))).toBe(true);
    const ids = new Map<string, number>();
    for (const text of files.values()) {
      for (const line of text.split('\n')) {
        const id = /"id":"(msg_01[0-9a-f]+)"/.exec(line)?.[1];
        if (id) ids.set(id, (ids.get(id) ?? 0) + 1);
        const ts = /"timestamp":"([^"]+)"/.exec(line)?.[1];
        if (ts) expect(Date.parse(ts)).toBeLessThanOrEqual(NOW);
      }
    }
    // Multi-block replies and resumed sessions repeat message ids; dedup has work to do.
    expect([...ids.values()].some((n) => n > 1)).toBe(true);
  });

  it('grows to a byte target', async () => {
    await using dir = await tempDir();
    const summary = await generateDemoRoot(dir.path, { now: NOW, targetBytes: 2_000_000 });
    expect(summary.bytes).toBeGreaterThanOrEqual(2_000_000);
    expect(summary.bytes).toBeLessThan(4_000_000);
  });
});
