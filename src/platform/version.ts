// The version cco reports everywhere (CLI, /api/health, OpenAPI): package.json's, bundled at build time; and the
// commit the binary was built from, which scripts/build.ts writes in with `define` (`unknown` from source or when
// the build ran outside git).
import pkg from '../../package.json' with { type: 'json' };

declare const CCO_BUILD_COMMIT: string | undefined;

export const VERSION: string = pkg.version;

/** The commit of a compiled binary (12 hex digits, `-dirty` when the tree had changes), else `unknown`. */
export const COMMIT: string = typeof CCO_BUILD_COMMIT === 'string' && CCO_BUILD_COMMIT ? CCO_BUILD_COMMIT : 'unknown';

/** What `cco --version` prints: `0.1.0 (commit 0123456789ab)`. */
export const VERSION_LINE = `${VERSION} (commit ${COMMIT})`;
