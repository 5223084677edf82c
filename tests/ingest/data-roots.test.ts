import { describe, expect, it } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { tempDir } from '../helpers/temp.ts';

describe('resolveDataRoots', () => {
  it('uses ~/.config/claude and ~/.claude when both exist', async () => {
    await using home = await tempDir();
    await mkdir(join(home.path, '.config/claude/projects'), { recursive: true });
    await mkdir(join(home.path, '.claude/projects'), { recursive: true });
    const roots = resolveDataRoots({ env: {}, home: home.path });
    expect(roots.map((r) => r.root)).toEqual([join(home.path, '.config/claude'), join(home.path, '.claude')]);
  });

  it('skips default roots that do not exist', async () => {
    await using home = await tempDir();
    await mkdir(join(home.path, '.claude/projects'), { recursive: true });
    expect(resolveDataRoots({ env: {}, home: home.path }).map((r) => r.root)).toEqual([join(home.path, '.claude')]);
  });

  it('lets CLAUDE_CONFIG_DIR (a comma-separated list, root or projects/) win', async () => {
    await using home = await tempDir();
    await mkdir(join(home.path, '.claude/projects'), { recursive: true });
    await mkdir(join(home.path, 'a/projects'), { recursive: true });
    await mkdir(join(home.path, 'b/projects'), { recursive: true });
    const env = { CLAUDE_CONFIG_DIR: `${join(home.path, 'a')}, ${join(home.path, 'b/projects')}` };
    expect(resolveDataRoots({ env, home: home.path }).map((r) => r.root)).toEqual([
      join(home.path, 'a'),
      join(home.path, 'b'),
    ]);
  });

  it('lets --data-dir override the environment and flags missing roots', async () => {
    await using home = await tempDir();
    const env = { CLAUDE_CONFIG_DIR: home.path };
    const roots = resolveDataRoots({ dataDirs: [join(home.path, 'missing')], env, home: home.path });
    expect(roots).toEqual([
      { root: join(home.path, 'missing'), projectsDir: join(home.path, 'missing/projects'), exists: false },
    ]);
  });
});
