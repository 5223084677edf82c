// Copies a data root with every timestamp kept, folders included (`cp -a`): which files and folders look idle is
// part of what the incremental benches measure, and node's fs.cp re-dates folders as it fills them.

export async function copyTree(from: string, to: string): Promise<void> {
  const proc = Bun.spawn(['cp', '-a', from, to], { stdout: 'ignore', stderr: 'pipe' });
  if ((await proc.exited) !== 0)
    throw new Error(`cp -a ${from} ${to} failed: ${await new Response(proc.stderr).text()}`);
}
