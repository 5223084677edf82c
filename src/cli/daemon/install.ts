// `cco daemon install`: the daemon starts with the machine. Writes a systemd user unit (Linux) or a launchd agent
// (macOS) that runs `cco serve` with the serve flags given here, then enables and starts it.
import { defineCommand } from 'citty';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommandFailure } from '../errors.ts';
import { commandData } from '../io.ts';
import { checkServeFlags, forwardedFlags, serveFlagDefs } from './serve-flags.ts';
import { servicePlan } from './service-plan.ts';
import { runCommand, serviceHost, serviceSpec, shown } from './service-run.ts';

export default defineCommand({
  meta: {
    name: 'install',
    description:
      "Start the daemon with the machine: a systemd user unit or launchd agent running 'cco serve' (takes serve's flags)",
  },
  args: async () => ({
    ...(await serveFlagDefs()),
    'dry-run': { type: 'boolean', default: false, description: 'Print the file and the commands; change nothing' },
    enable: {
      type: 'boolean',
      default: true,
      description: 'Enable and start it after writing the file',
      negativeDescription: 'Only write the file',
    },
  }),
  async run({ args, data, rawArgs }) {
    const { io, env } = commandData(data);
    await checkServeFlags(args);
    const host = serviceHost(env);
    const spec = serviceSpec(host, forwardedFlags(await serveFlagDefs(), args, rawArgs), process.cwd());
    const plan = servicePlan(host, spec, process.getuid?.() ?? 0);
    if (plan.kind === 'unsupported') throw new CommandFailure(plan.message, plan.hint);
    const commands = args.enable ? plan.enable : [];
    if (args['dry-run']) {
      // The file alone on stdout (so `--dry-run > file` is that file); what would happen around it on stderr.
      io.err(`cco: would write ${plan.path} (mode ${plan.mode.toString(8)}):`);
      io.out(plan.text.trimEnd());
      for (const command of commands) io.err(`cco: then run: ${shown(command)}`);
      return;
    }
    mkdirSync(dirname(plan.path), { recursive: true });
    // (launchd opens the log file but makes no folder for it)
    if (plan.kind === 'launchd') mkdirSync(dirname(spec.log), { recursive: true, mode: 0o700 });
    writeFileSync(plan.path, plan.text, { mode: plan.mode });
    io.out(`cco: wrote ${plan.path}`);
    for (const command of commands) {
      const failed = runCommand(command, env);
      if (failed !== undefined)
        throw new CommandFailure(
          `'${shown(command)}' failed: ${failed}`,
          `the file is written; run that yourself in your login session, or remove it with 'cco daemon uninstall'`,
        );
    }
    io.out(
      args.enable
        ? `cco: the daemon runs now and starts at login (${plan.kind}); logs: ${plan.logs}`
        : `cco: not enabled; to enable it: ${plan.enable.map(shown).join(' && ')}`,
    );
  },
});
