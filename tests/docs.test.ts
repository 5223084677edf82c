// The docs a user reads: a README that starts with the two commands and stays short, and links that lead somewhere.
import { describe, expect, it } from 'bun:test';
import { Glob } from 'bun';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dir, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pages = ['README.md', ...new Glob('docs/*.md').scanSync(ROOT), 'bench/README.md', 'bench/NOTES.md'];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

describe('docs', () => {
  it('README starts with make run and make test and stays under 12 KB', () => {
    const readme = read('README.md');
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12 * 1024);
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(
      firstBlock
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
    ).toEqual(['make run', 'make test']);
  });

  it.each(pages)('%s links only to files and headings that exist', (page) => {
    const text = read(page);
    const broken: string[] = [];
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1] as string;
      if (/^[a-z]+:/.test(link)) continue;
      const [path, hash] = link.split('#') as [string, string | undefined];
      const target = path === '' ? page : join(dirname(page), path);
      if (!existsSync(join(ROOT, target))) {
        broken.push(link);
        continue;
      }
      if (hash && target.endsWith('.md')) {
        const headings = [...read(target).matchAll(/^#+ (.+)$/gm)].map((h) => anchor(h[1] as string));
        if (!headings.includes(hash)) broken.push(link);
      }
    }
    expect(broken).toEqual([]);
  });
});
