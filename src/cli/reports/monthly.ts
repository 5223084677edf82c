// `cco monthly`: usage per month (ccusage's `monthly` flags and JSON), from the daemon, else from the logs.
import { reportCommand } from './report-command.ts';

export default reportCommand('monthly', 'Usage per month, from the daemon, else from the logs (--json as ccusage)');
