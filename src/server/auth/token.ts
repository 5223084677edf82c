// Bearer tokens: generating one, reading it from a request and comparing it in constant time.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters, 256 bits. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The credentials of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 7235), else undefined. */
export function bearerToken(header: string | null): string | undefined {
  if (header === null) return undefined;
  const match = /^bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}

/**
 * A comparer for one expected token. The time taken depends only on the expected token's length: an unequal length
 * still runs one full-length comparison (against itself) before answering false, so length does not show either.
 */
export function tokenMatcher(expected: string): (given: string | undefined) => boolean {
  const want = Buffer.from(expected, 'utf8');
  return (given) => {
    const got = Buffer.from(given ?? '', 'utf8');
    if (got.length !== want.length) {
      timingSafeEqual(want, want);
      return false;
    }
    return timingSafeEqual(got, want);
  };
}

/** Constant-time equality of two tokens (see tokenMatcher). */
export const tokensEqual = (given: string | undefined, expected: string): boolean => tokenMatcher(expected)(given);
