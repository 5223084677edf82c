// The version cco reports everywhere (CLI, /api/health, OpenAPI): package.json's, bundled at build time.
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
