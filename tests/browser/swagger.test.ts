// A real headless Chromium renders the compiled binary's Swagger UI with every host but loopback unresolvable,
// so a rendered operation proves the UI's scripts, styles and spec are all served from inside the binary.
import { beforeAll, describe, expect, it } from 'bun:test';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { tempDir } from '../helpers/temp.ts';

const chromiumPath = Bun.which('chromium');

let binary = '';
beforeAll(async () => {
  if (chromiumPath) binary = await compiledBinary();
}, 120_000);

/** The DOM after Swagger UI's scripts have run, as `chromium --dump-dom` prints it. */
async function renderedDom(url: string): Promise<string> {
  await using profile = await tempDir('cco-chromium-');
  const proc = Bun.spawn(
    [
      chromiumPath ?? 'chromium',
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      `--user-data-dir=${profile.path}`,
      '--virtual-time-budget=10000',
      '--dump-dom',
      url,
    ],
    { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', timeout: 60_000 },
  );
  const [code, dom, err] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  if (code !== 0) throw new Error(`chromium exited ${code}: ${err.trim().split('\n').slice(-5).join('\n')}`);
  return dom;
}

/** `data-path` of every operation Swagger UI rendered (`.opblock .opblock-summary-path`). */
async function renderedOperationPaths(dom: string): Promise<string[]> {
  const paths: string[] = [];
  await new HTMLRewriter()
    .on('.opblock .opblock-summary-path', {
      element: (el) => {
        paths.push(el.getAttribute('data-path') ?? '');
      },
    })
    .transform(new Response(dom))
    .text();
  return paths;
}

describe.skipIf(!chromiumPath)('Swagger UI in a headless browser', () => {
  it.each(['/swagger', '/swagger/'])(
    'renders the /api/health operation at %s with no network but loopback',
    async (path) => {
      await using daemon = await spawnDaemon(binary, ['--demo']);
      const dom = await renderedDom(`${daemon.url}${path}`);
      expect(await renderedOperationPaths(dom)).toContain('/api/health');
    },
    90_000,
  );

  it('stays usable when the daemon requires a token: renders every operation and an Authorize button', async () => {
    await using daemon = await spawnDaemon(binary, ['--demo', '--no-persist', '--token', 'browser-test-token-0123'], {
      CCO_TOKEN: '',
    });
    const dom = await renderedDom(`${daemon.url}/swagger`);
    expect(await renderedOperationPaths(dom)).toEqual(expect.arrayContaining(['/api/health', '/api/stats']));
    let authorize = 0;
    await new HTMLRewriter()
      .on('button.authorize', { element: () => void authorize++ })
      .transform(new Response(dom))
      .text();
    expect(authorize).toBeGreaterThan(0);
  }, 90_000);
});
