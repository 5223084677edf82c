// Skips that say why: `describe.skipIf(missing('systemd-analyze', 'apt-get install systemd'))` prints one line.

/** True (skip) when `reason` is given, after printing `skipped: <what>: <reason>` once. */
export function skipBecause(what: string, reason: string | undefined): boolean {
  if (reason !== undefined) console.warn(`skipped: ${what}: ${reason}`);
  return reason !== undefined;
}

/** The reason to skip `what` when the command `tool` is not on PATH, else undefined. */
export const withoutTool = (tool: string, install: string): string | undefined =>
  Bun.which(tool) ? undefined : `${tool} is not installed (${install})`;
