// `cco daemon uninstall`: undoes `install`: stops and disables the service, removes its file and the folders made
// for it that are left empty.
import { defineCommand } from 'citty';
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { CommandFailure } from '../errors.ts';
import { commandData } from '../io.ts';
import { servicePlan } from './service-plan.ts';
import { runCommand, serviceHost, serviceSpec, shown } from './service-run.ts';

const isEmptyDir = (dir: string): boolean => {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return false;
  }
};

export default defineCommand({
  meta: { name: 'uninstall', description: "Stop starting the daemon with the machine: remove what 'install' wrote" },
  args: {
    'dry-run': { type: 'boolean', default: false, description: 'Print what would be removed and run; change nothing' },
    disable: {
      type: 'boolean',
      default: true,
      description: 'Stop and disable the service before removing its file',
      negativeDescription: 'Only remove the file',
    },
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const host = serviceHost(env);
    const plan = servicePlan(host, serviceSpec(host, [], process.cwd()), process.getuid?.() ?? 0);
    if (plan.kind === 'unsupported') throw new CommandFailure(plan.message, plan.hint);
    if (!existsSync(plan.path)) {
      io.out(`cco: nothing to remove: no ${plan.path}`);
      return;
    }
    const before = args.disable ? plan.disable : [];
    const after = args.disable ? plan.afterRemove : [];
    if (args['dry-run']) {
      for (const command of before) io.out(`# would run: ${shown(command)}`);
      io.out(`# would remove ${plan.path}`);
      for (const command of after) io.out(`# would run: ${shown(command)}`);
      return;
    }
    // (a service that is not loaded cannot be stopped: that is no reason to keep its file)
    for (const command of before) {
      const failed = runCommand(command, env);
      if (failed !== undefined) io.err(`cco: warning: '${shown(command)}' failed: ${failed}`);
    }
    rmSync(plan.path, { force: true });
    for (const dir of plan.madeDirs) if (isEmptyDir(dir)) rmdirSync(dir);
    for (const command of after) runCommand(command, env);
    io.out(`cco: removed ${plan.path}`);
  },
});
