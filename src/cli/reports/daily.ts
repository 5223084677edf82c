// `cco daily`: usage per day (ccusage's `daily` flags and JSON), from the daemon, else from the logs.
import { reportCommand } from './report-command.ts';

export default reportCommand('daily', 'Usage per day, from the daemon, else from the logs (--json as ccusage)');
