// API docs: Swagger UI at /swagger (and /swagger/), OpenAPI JSON at /swagger/json, assets embedded in the binary.
// @elysiajs/openapi is the maintained successor of the deprecated @elysiajs/swagger, whose Swagger UI always loads from a CDN.
import { Elysia } from 'elysia';
import { openapi } from '@elysiajs/openapi';
import swaggerBundle from 'swagger-ui-dist/swagger-ui-bundle.js' with { type: 'file' };
import swaggerCss from 'swagger-ui-dist/swagger-ui.css' with { type: 'file' };

export const DOCS_PATH = '/swagger';
export const SPEC_PATH = `${DOCS_PATH}/json`;
const ASSETS = `${DOCS_PATH}/assets`;

const asset = (path: string, type: string) => () =>
  new Response(Bun.file(path), {
    headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' },
  });

export const docsRoutes = (version: string) => {
  // An absolute spec URL: the plugin's relative default breaks at `/swagger/` (it would fetch /swagger/swagger/json).
  const swaggerOptions = {
    url: SPEC_PATH,
    cdn: `${ASSETS}/swagger-ui-bundle.js`,
    theme: `${ASSETS}/swagger-ui.css`,
  };
  return new Elysia({ name: 'docs' })
    .use(
      openapi({
        path: DOCS_PATH,
        specPath: SPEC_PATH,
        provider: 'swagger-ui',
        swagger: swaggerOptions,
        documentation: {
          info: {
            title: 'cco API',
            version,
            description: 'Usage metrics for Claude Code: tokens, cost, models and projects, served from memory.',
          },
          tags: [
            { name: 'stats', description: 'Usage figures from memory' },
            { name: 'health', description: 'Daemon liveness and ingest status' },
          ],
        },
      }),
    )
    .get(`${ASSETS}/swagger-ui-bundle.js`, asset(swaggerBundle, 'text/javascript; charset=utf-8'), { detail: { hide: true } })
    .get(`${ASSETS}/swagger-ui.css`, asset(swaggerCss, 'text/css; charset=utf-8'), { detail: { hide: true } });
};
