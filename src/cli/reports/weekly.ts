// `cco weekly`: usage per week (ccusage's `weekly` flags and JSON), from the daemon, else from the logs.
import { reportCommand } from './report-command.ts';

export default reportCommand('weekly', 'Usage per week, from the daemon, else from the logs (--json as ccusage)');
