/**
 * Whether a database error is a passing one — throttling (429), the service busy or restarting (503, 408, 449),
 * the connection lost (reset, refused, timed out, hung up) — that the same request may succeed after a moment.
 * The SDK has already retried these by its own policy (data/cosmos.ts) by the time one reaches us.
 */
const TRANSIENT_STATUS = new Set([408, 429, 449, 503]);
const TRANSIENT_NETWORK = new Set(['TimeoutError', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

export function isTransientDatabaseError(err: unknown): boolean {
  for (let e = err as { code?: unknown; statusCode?: unknown; name?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const status = typeof e.code === 'number' ? e.code : typeof e.statusCode === 'number' ? e.statusCode : undefined;
    if (status !== undefined && TRANSIENT_STATUS.has(status)) return true;
    if (typeof e.code === 'string' && TRANSIENT_NETWORK.has(e.code)) return true;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
    if (typeof e.message === 'string' && /socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT/.test(e.message)) return true;
  }
  return false;
}
