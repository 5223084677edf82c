// API docs: Swagger UI at /swagger (and /swagger/), OpenAPI JSON at /swagger/json, assets embedded in the binary.
// @elysiajs/openapi is the maintained successor of the deprecated @elysiajs/swagger, whose Swagger UI always loads from a CDN.
import { Elysia } from 'elysia';
import { openapi } from '@elysiajs/openapi';
import swaggerBundle from 'swagger-ui-dist/swagger-ui-bundle.js' with { type: 'file' };
import swaggerCss from 'swagger-ui-dist/swagger-ui.css' with { type: 'file' };

export const DOCS_PATH = '/swagger';
export const SPEC_PATH = `${DOCS_PATH}/json`;
const ASSETS = `${DOCS_PATH}/assets`;
const BUNDLE_PATH = `${ASSETS}/swagger-ui-bundle.js`;
const CSS_PATH = `${ASSETS}/swagger-ui.css`;

/** Every path this plugin serves: the page, the spec and the assets. None holds usage data, so none needs a token. */
export const DOC_PATHS: readonly string[] = [DOCS_PATH, `${DOCS_PATH}/`, SPEC_PATH, BUNDLE_PATH, CSS_PATH];

const asset = (path: string, type: string) => () =>
  new Response(Bun.file(path), {
    headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' },
  });

/** `bearer`: the daemon requires a token, so the spec declares it and Swagger UI shows an Authorize button. */
export const docsRoutes = (version: string, options: { readonly bearer?: boolean } = {}) => {
  // An absolute spec URL: the plugin's relative default breaks at `/swagger/` (it would fetch /swagger/swagger/json).
  const swaggerOptions = {
    url: SPEC_PATH,
    cdn: BUNDLE_PATH,
    theme: CSS_PATH,
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
            { name: 'reports', description: 'Daily, weekly, monthly, session and project reports (ccusage-compatible JSON)' },
            { name: 'health', description: 'Daemon liveness and ingest status' },
          ],
          ...(options.bearer && {
            components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token from --token / CCO_TOKEN, or the one cco printed at start' } } },
            security: [{ bearer: [] }],
          }),
        },
      }),
    )
    .get(BUNDLE_PATH, asset(swaggerBundle, 'text/javascript; charset=utf-8'), { detail: { hide: true } })
    .get(CSS_PATH, asset(swaggerCss, 'text/css; charset=utf-8'), { detail: { hide: true } });
};
