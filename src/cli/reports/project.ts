// `cco project`: usage per project (ccusage's `project` flags and JSON), from the daemon, else from the logs.
import { reportCommand } from './report-command.ts';

export default reportCommand('project', 'Usage per project, from the daemon, else from the logs (--json as ccusage)');
