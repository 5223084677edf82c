// `cco session`: usage per session, subagents included (ccusage's `session` flags and JSON), from the daemon, else from the logs.
import { reportCommand } from './report-command.ts';

export default reportCommand(
  'session',
  'Usage per session, subagents included, from the daemon, else from the logs (--json as ccusage)',
);
