// Errors the CLI turns into one line on stderr and an exit code.

/** The command line itself is wrong (unknown flag, bad value): exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command was fine but could not do its job (port in use, daemon down): exit code 1. */
export class CommandFailure extends Error {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CommandFailure';
  }
}

/** Stopped by a signal (SIGINT, SIGTERM, SIGHUP) after cleaning up: exit 128 + the signal's number, nothing printed. */
export class Interrupted extends Error {
  constructor(readonly exitCode: number) {
    super(`interrupted (exit ${exitCode})`);
    this.name = 'Interrupted';
  }
}
