// How to run this same cco again: the compiled binary is process.execPath; from source it is bun plus src/index.ts.
import { fileURLToPath } from 'node:url';

/** True inside a `bun build --compile` binary, whose modules live in Bun's embedded file system. */
export function isCompiledBinary(mainPath: string = Bun.main): boolean {
  return mainPath.startsWith('/$bunfs/') || /^[A-Za-z]:[\\/]~BUN[\\/]/.test(mainPath);
}

/** argv prefix that starts cco (add the sub-command after it). */
export function selfCommand(): string[] {
  if (isCompiledBinary()) return [process.execPath];
  // From source (bun src/index.ts, bun test): the entry next to this module, not Bun.main (a test file under bun test).
  return [process.execPath, fileURLToPath(new URL('../../index.ts', import.meta.url))];
}
