// Every command that computes from the logs when no daemon answers prices as the daemon does: with the config file's
// overrides (--config, else the default file), not the embedded table alone.
import { describe, expect, it } from 'bun:test';
import { writeUnpricedRoot } from '../fixtures/unpriced-root.ts';
import { cliWith } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

type Body = Record<string, unknown>;
const at = (body: Body, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], body);

/** Where each command's JSON holds the cost of the one response of the root. */
const COMMANDS: readonly [string, (body: Body) => unknown][] = [
  ['stats', (b) => at(b, 'totals', 'cost')],
  ['blocks', (b) => at(b, 'blocks', 0, 'cost')],
  ['daily', (b) => at(b, 'totals', 'totalCost')],
  ['session', (b) => at(b, 'totals', 'totalCost')],
];

describe('commands computing from the logs', () => {
  it.each(COMMANDS)("%s prices a model the table lacks with the config file's override", async (command, costOf) => {
    await using dir = await tempDir('cco-one-shot-');
    const { root, config } = await writeUnpricedRoot(dir.path, { input: 2, output: 10 });
    const env = { HOME: '/nonexistent-home', XDG_CONFIG_HOME: dir.path, TZ: 'UTC', NO_COLOR: '1' };
    const priced = await cliWith(env, command, '--json', '--data-dir', root, '--config', config);
    expect(priced.code).toBe(0);
    expect(costOf(JSON.parse(priced.out) as Body)).toBeCloseTo(2, 9);
    // Without the file (the default path holds none), the model has no price.
    const embedded = await cliWith(env, command, '--json', '--data-dir', root);
    expect(costOf(JSON.parse(embedded.out) as Body)).toBe(0);
  });
});
