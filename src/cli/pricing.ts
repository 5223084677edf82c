// `cco pricing`: the price table in force (embedded and config overrides, each price's origin) and the models seen
// without a price, from the running daemon, or from the config file and the logs when none answers.
import { defineCommand } from 'citty';
import { homedir } from 'node:os';
import { createStyle, colorWanted } from '../text/style.ts';
import { settingsFromFlags } from './budget-flags.ts';
import { answerFromDaemonOrLogs } from './daemon-or-logs.ts';
import { clientArgs } from './target.ts';
import type { PricingBody } from '../client/types.ts';
import { commandData } from './io.ts';
import { pricingFromLogs } from './local-pricing.ts';
import { renderPricingReport } from './report/pricing-report.ts';

export default defineCommand({
  meta: {
    name: 'pricing',
    description: 'Print the prices in force per model, where each came from, and the unpriced models seen',
  },
  args: {
    json: { type: 'boolean', default: false, description: 'Print the JSON of /api/pricing' },
    config: {
      type: 'string',
      description:
        'Config file with [pricing."<model>"] overrides, when computing from the logs (default: ~/.config/cco/config.toml or config.json)',
      valueHint: 'path',
    },
    ...clientArgs,
    'data-dir': {
      type: 'string',
      description: 'Compute from these logs instead of asking a daemon (comma-separated roots)',
      valueHint: 'dir',
    },
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const answer = await answerFromDaemonOrLogs({
      flags: args,
      env,
      io,
      ask: (client) => client.pricingText(),
      fromLogs: (dataDirs) =>
        pricingFromLogs({
          dataDirs,
          env,
          pricing: settingsFromFlags({ config: args.config }, env, homedir()).pricing,
          now: Date.now(),
        }),
    });
    if (args.json) return io.out(answer.text);
    const style = createStyle(colorWanted(env, io.isTTY === true));
    io.out(renderPricingReport(JSON.parse(answer.text) as PricingBody, { source: answer.source, style }).join('\n'));
  },
});
