// `cco pricing`: the price table in force (embedded and config overrides, each price's origin) and the models seen
// without a price, from the running daemon, or from the config file and the logs when none answers.
import { defineCommand } from 'citty';
import { createStyle, colorWanted } from '../text/style.ts';
import { answerFromDaemonOrLogs } from './daemon-or-logs.ts';
import { clientArgs } from './target.ts';
import type { PricingBody } from '../client/types.ts';
import { commandData } from './io.ts';
import { renderPricingReport } from './report/pricing-report.ts';
import { pricingBody } from '../pricing/pricing-body.ts';
import { answerFromLogs, logsArgs } from './one-shot.ts';

export default defineCommand({
  meta: {
    name: 'pricing',
    description: 'Print the prices in force per model, where each came from, and the unpriced models seen',
  },
  args: {
    json: { type: 'boolean', default: false, description: 'Print the JSON of /api/pricing' },
    ...clientArgs,
    ...logsArgs,
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const answer = await answerFromDaemonOrLogs({
      flags: args,
      env,
      io,
      ask: (client) => client.pricingText(),
      // (calculated costs, so every model without a price shows, whatever costUSD the lines carry)
      fromLogs: (dataDirs) =>
        answerFromLogs(
          { dataDirs, env, config: args.config, costMode: 'calculate', now: Date.now() },
          (tick, pricing) => JSON.stringify(pricingBody(pricing, tick.health.unpriced_models)),
        ),
    });
    if (args.json) return io.out(answer.text);
    const style = createStyle(colorWanted(env, io.isTTY === true));
    io.out(renderPricingReport(JSON.parse(answer.text) as PricingBody, { source: answer.source, style }).join('\n'));
  },
});
