/** What went wrong with one send, as the channel answered (or did not). */
export interface SendFailure {
  /** HTTP status; absent for timeouts and network errors. */
  status?: number;
  /** From a 429's (or 503's) Retry-After header. */
  retryAfterMs?: number;
  message: string;
}

export type NextStep = { action: 'retry'; delayMs: number } | { action: 'failed'; reason: string } | { action: 'undeliverable'; reason: string };

export interface RetryPolicy {
  /** Attempts in all before a 5xx or timeout becomes `failed`. */
  maxAttempts: number;
  /** Throttled (429) attempts in all before giving up. */
  maxThrottled: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, maxThrottled: 12, baseDelayMs: 1_000, maxDelayMs: 60_000 };

/**
 * 403/404: the bot was blocked, removed or the conversation is gone — undeliverable, not retried. 429: after
 * Retry-After when given, else backoff. 5xx, timeouts and network errors: exponential backoff with full
 * jitter (so retries from many workers do not arrive together), up to a limit. Other 4xx: failed at once.
 */
export function nextStep(failure: SendFailure, attempts: number, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): NextStep {
  const reason = `${failure.status ?? 'no answer'}: ${failure.message}`.slice(0, 300);
  const backoff = () => Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1)));
  if (failure.status === 403 || failure.status === 404) return { action: 'undeliverable', reason };
  if (failure.status === 429) {
    if (attempts >= policy.maxThrottled) return { action: 'failed', reason };
    return { action: 'retry', delayMs: failure.retryAfterMs !== undefined ? failure.retryAfterMs : Math.max(policy.baseDelayMs, backoff()) };
  }
  if (failure.status === undefined || failure.status >= 500 || failure.status === 408) {
    if (attempts >= policy.maxAttempts) return { action: 'failed', reason };
    return { action: 'retry', delayMs: Math.max(failure.retryAfterMs ?? 0, backoff()) };
  }
  return { action: 'failed', reason };
}
