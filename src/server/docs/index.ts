// API docs: Swagger UI at /swagger (and /swagger/), OpenAPI JSON at /swagger/json, assets embedded in the binary.
// @elysiajs/openapi is the maintained successor of the deprecated @elysiajs/swagger, whose Swagger UI always loads from a CDN.
// The page is this module's own (the plugin's has inline script and style): it runs under the same strict CSP as the
// dashboard, so it cannot be framed or made to run anything but its own files.
import { Elysia, t } from 'elysia';
import { openapi } from '@elysiajs/openapi';
import swaggerBundle from 'swagger-ui-dist/swagger-ui-bundle.js' with { type: 'file' };
import swaggerCss from 'swagger-ui-dist/swagger-ui.css' with { type: 'file' };
import darkCss from './swagger-dark.css' with { type: 'file' };
import initScript from './swagger-init.js' with { type: 'file' };
import { HTML_HEADERS } from '../security-headers.ts';

export const DOCS_PATH = '/swagger';
export const SPEC_PATH = `${DOCS_PATH}/json`;
const ASSETS = `${DOCS_PATH}/assets`;
const BUNDLE_PATH = `${ASSETS}/swagger-ui-bundle.js`;
const CSS_PATH = `${ASSETS}/swagger-ui.css`;
const DARK_CSS_PATH = `${ASSETS}/swagger-dark.css`;
const INIT_PATH = `${ASSETS}/swagger-init.js`;

/** Every path this plugin serves: the page, the spec and the assets. None holds usage data, so none needs a token. */
export const DOC_PATHS: readonly string[] = [
  DOCS_PATH,
  `${DOCS_PATH}/`,
  SPEC_PATH,
  BUNDLE_PATH,
  CSS_PATH,
  DARK_CSS_PATH,
  INIT_PATH,
];

const asset = (path: string, type: string) => () =>
  new Response(Bun.file(path), {
    headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' },
  });

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The Swagger UI page: no inline code. The spec URL is absolute, so it resolves from /swagger and /swagger/ alike. */
const swaggerPage = (title: string): string => `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="${CSS_PATH}" />
  <link rel="stylesheet" href="${DARK_CSS_PATH}" />
</head>
<body>
  <div id="swagger-ui" data-spec-url="${SPEC_PATH}"></div>
  <script src="${BUNDLE_PATH}"></script>
  <script src="${INIT_PATH}"></script>
</body>
</html>
`;

const PAGE_HEADERS = { ...HTML_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
const hidden = { response: { 200: t.String() }, detail: { hide: true } } as const;

/** `bearer`: the daemon requires a token, so the spec declares it and Swagger UI shows an Authorize button. */
export const docsRoutes = (version: string, options: { readonly bearer?: boolean } = {}) => {
  const title = 'cco API';
  const page = swaggerPage(title);
  const pageRoute = () => new Response(page, { headers: PAGE_HEADERS });
  return new Elysia({ name: 'docs' })
    .use(
      openapi({
        path: DOCS_PATH,
        specPath: SPEC_PATH,
        provider: null,
        documentation: {
          info: {
            title,
            version,
            description: 'Usage metrics for Claude Code: tokens, cost, models and projects, served from memory.',
          },
          tags: [
            { name: 'stats', description: 'Usage figures from memory' },
            {
              name: 'reports',
              description: 'Daily, weekly, monthly, session and project reports (ccusage-compatible JSON)',
            },
            { name: 'health', description: 'Daemon liveness and ingest status' },
          ],
          ...(options.bearer && {
            components: {
              securitySchemes: {
                bearer: {
                  type: 'http',
                  scheme: 'bearer',
                  description: 'The token from --token-file / CCO_TOKEN, or the one cco printed at start',
                },
              },
            },
            security: [{ bearer: [] }],
          }),
        },
      }),
    )
    .get(DOCS_PATH, pageRoute, hidden)
    .get(`${DOCS_PATH}/`, pageRoute, hidden)
    .get(BUNDLE_PATH, asset(swaggerBundle, 'text/javascript; charset=utf-8'), { detail: { hide: true } })
    .get(CSS_PATH, asset(swaggerCss, 'text/css; charset=utf-8'), { detail: { hide: true } })
    .get(DARK_CSS_PATH, asset(darkCss, 'text/css; charset=utf-8'), { detail: { hide: true } })
    .get(INIT_PATH, asset(initScript, 'text/javascript; charset=utf-8'), { detail: { hide: true } });
};
