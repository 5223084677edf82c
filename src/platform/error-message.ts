// How an error reads in a warning, a log line or a reply: its message, never a stack.

export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The message, led by the system or SQLite error code when it does not name it already (`SQLITE_FULL: …`). */
export function errorWithCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const message = errorMessage(e);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
