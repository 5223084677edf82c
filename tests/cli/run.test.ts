import { describe, expect, it } from 'bun:test';
import { VERSION } from '../../src/platform/version.ts';
import { cli } from '../helpers/cli.ts';

describe('cco command line', () => {
  it('prints the version with --version, and commit unknown when run from source', async () => {
    const r = await cli('--version');
    expect(r).toEqual({ code: 0, out: `${VERSION} (commit unknown)`, err: '' });
  });

  it('lists the serve command in --help', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('serve');
  });

  it('documents every serve flag in serve --help', async () => {
    const r = await cli('serve', '--help');
    expect(r.code).toBe(0);
    for (const flag of ['--port', '--host', '--data-dir', '--interval', '--cost-mode', '--demo'])
      expect(r.out).toContain(flag);
  });

  it.each([
    [['serve', '--port', 'abc'], "invalid port 'abc'"],
    [['serve', '--port', '70000'], "invalid port '70000'"],
    [['serve', '--port=-1'], "invalid port '-1'"],
    [['serve', '--bogus'], "unknown option '--bogus'"],
    [['serve', '--port'], "option '--port' needs a value"],
    [['serve', 'extra'], "unexpected argument 'extra'"],
    [['serve', '--interval', 'soon'], "invalid interval 'soon'"],
    [['serve', '--interval', '10ms'], "invalid interval '10ms'"],
    [['serve', '--cost-mode', 'guess'], "invalid cost mode 'guess'"],
    [['serve', '--machine-label', ' '], "invalid machine label ' '"],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('exits 2 with one line on stderr for %p', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });
});
