// Runs the CLI: routing to a sub-command, --help/--version, strict flags, and exit codes (0 ok, 1 failure, 2 usage).
import { renderUsage, runCommand, type ArgsDef, type CommandDef } from 'citty';
import { errorMessage } from '../platform/error-message.ts';
import { CommandFailure, Interrupted, UsageError } from './errors.ts';
import { processIO, type CliIO, type CommandData, type Env } from './io.ts';
import { assertKnownArgs } from './strict-args.ts';
import { main } from './main.ts';

export type { CliIO } from './io.ts';

type AnyCommand = CommandDef<ArgsDef>;

interface Resolved {
  command: AnyCommand;
  parent: AnyCommand | undefined;
  path: string[];
  rest: string[];
}

async function resolveCommand(root: AnyCommand, argv: readonly string[]): Promise<Resolved> {
  let command = root;
  let parent: AnyCommand | undefined;
  const path: string[] = [];
  let rest = [...argv];
  for (;;) {
    const subCommands =
      typeof command.subCommands === 'function' ? await command.subCommands() : await command.subCommands;
    const first = rest[0];
    if (!subCommands || first === undefined || first.startsWith('-')) break;
    const loader = subCommands[first];
    if (!loader) {
      throw new UsageError(
        `unknown command '${[...path, first].join(' ')}'`,
        "run 'cco --help' for the list of commands",
      );
    }
    parent = command;
    command = (typeof loader === 'function' ? await loader() : await loader) as AnyCommand;
    path.push(first);
    rest = rest.slice(1);
  }
  return { command, parent, path, rest };
}

function oneLine(error: UsageError | CommandFailure): string {
  return `cco: ${error.message}${error.hint ? ` (${error.hint})` : ''}`;
}

/** Runs `cco` with these arguments; resolves to the process exit code. Long-running commands resolve once started. */
export async function runCli(
  argv: readonly string[],
  io: CliIO = processIO,
  root: AnyCommand = main as AnyCommand,
  env: Env = process.env,
): Promise<number> {
  try {
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
      const meta = typeof root.meta === 'function' ? await root.meta() : await root.meta;
      io.out(meta?.version ?? 'unknown');
      return 0;
    }
    const { command, parent, path, rest } = await resolveCommand(root, argv);
    const wantsHelp = rest.includes('--help') || rest.includes('-h');
    const hasSubCommands = command.subCommands !== undefined;
    if (wantsHelp || (hasSubCommands && !command.run)) {
      io.out(await renderUsage(command, parent));
      return 0;
    }
    const args = (typeof command.args === 'function' ? await command.args() : await command.args) ?? {};
    assertKnownArgs(rest, args, path.join(' '));
    const data: CommandData = { io, env };
    await runCommand(command, { rawArgs: rest, data });
    return 0;
  } catch (error) {
    if (error instanceof Interrupted) return error.exitCode;
    if (error instanceof UsageError || error instanceof CommandFailure) {
      io.err(oneLine(error));
      return error.exitCode;
    }
    if (error instanceof Error && error.name === 'CLIError') {
      // citty's own argument checks (enum values, required args): a usage error too.
      io.err(oneLine(new UsageError(error.message)));
      return 2;
    }
    const message = errorMessage(error);
    io.err(`cco: ${message}`);
    if (process.env.CCO_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  }
}
