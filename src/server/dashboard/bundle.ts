// Build-time macro: bundles the dashboard's TypeScript (src/web) into one browser script, inlined as a string.
// Imported `with { type: 'macro' }`, it runs while `bun build --compile` bundles the daemon (and whenever Bun loads
// src/ directly, as in tests), so the binary carries the script and no build step or generated file is needed.
// Bun.build cannot run inside a macro (the bundler would wait on itself); the bun CLI in a child process can.
import { join } from 'node:path';

/** The minified ES-module bundle of `entry`, a path relative to src/. Throws with the bundler's errors. */
export function bundleScript(entry: string): string {
  const path = join(import.meta.dir, '..', '..', entry);
  const proc = Bun.spawnSync([process.execPath, 'build', path, '--target=browser', '--format=esm', '--minify'], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  if (!proc.success) throw new Error(`bundling ${entry} failed:\n${proc.stderr.toString()}`);
  return proc.stdout.toString();
}
