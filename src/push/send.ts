// One remote-write request: the batch encoded and compressed, POSTed with the protocol's headers and a timeout, and
// the answer sorted into what the writer does next.
import { errorMessage } from '../platform/error-message.ts';
import { encodeWriteRequest } from './protobuf.ts';
import { snappyCompress } from './snappy.ts';
import type { BacklogBatch, RemoteWriteConfig } from './types.ts';

/** accepted: drop from the backlog; refused: a 4xx other than 429, dropped too (a retry would be refused again); retry: keep. */
export type SendOutcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number };

/** `Retry-After` in seconds (the HTTP-date form is rare from receivers and ignored). */
function retryAfterMs(response: Response): number | undefined {
  const raw = response.headers.get('retry-after');
  const seconds = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

async function reasonOf(response: Response): Promise<string> {
  const body = (await response.text().catch(() => '')).trim().split('\n')[0]?.slice(0, 200) ?? '';
  return `HTTP ${response.status}${body ? `: ${body}` : ''}`;
}

export async function sendBatch(
  config: RemoteWriteConfig,
  batch: BacklogBatch,
  userAgent: string,
  cancel: AbortSignal,
): Promise<SendOutcome> {
  const body = snappyCompress(encodeWriteRequest(batch.series));
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: 'POST',
      body,
      headers: {
        ...config.headers,
        'content-type': 'application/x-protobuf',
        'content-encoding': 'snappy',
        'x-prometheus-remote-write-version': '0.1.0',
        'user-agent': userAgent,
      },
      signal: AbortSignal.any([cancel, AbortSignal.timeout(config.timeoutMs)]),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return { kind: 'retry', reason: timedOut ? `no answer within ${config.timeoutMs} ms` : errorMessage(error) };
  }
  if (response.ok) {
    await response.body?.cancel().catch(() => {});
    return { kind: 'accepted' };
  }
  const reason = await reasonOf(response);
  if (response.status === 429 || response.status >= 500)
    return { kind: 'retry', reason, retryAfterMs: retryAfterMs(response) };
  return { kind: 'refused', reason };
}
