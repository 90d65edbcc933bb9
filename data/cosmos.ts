import { CosmosClient, QueryIterator, type CosmosClientOptions, type PluginConfig } from '@azure/cosmos';
import { Agent } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { isTransientDatabaseError } from './transient';

export interface CosmosSettings {
  endpoint: string;
  key: string;
  databaseId: string;
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts whose self-signed certificate we accept. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The client options for an endpoint. A loopback endpoint (the embedded server, the official emulator) may
 * present a self-signed certificate and has no other regions to discover; every other endpoint gets the
 * SDK's defaults, with full certificate checks.
 */
export function cosmosClientOptions(settings: Pick<CosmosSettings, 'endpoint' | 'key'>): CosmosClientOptions {
  const options: CosmosClientOptions & { plugins?: PluginConfig[] } = {
    endpoint: settings.endpoint,
    key: settings.key,
    connectionPolicy: { requestTimeout: RETRY.requestTimeoutMs, retryOptions: { maxRetryAttemptCount: RETRY.throttledRetries, maxWaitTimeInSeconds: RETRY.throttledWaitSeconds } },
    plugins: [{ on: 'operation', plugin: retryTransient }],
  };
  if (isLoopbackEndpoint(settings.endpoint)) {
    options.agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
    // One local endpoint: nothing to discover, and no background refresh timer (botbuilder-azure's storage
    // creates a client of its own that it never disposes, whose timer would keep the process alive).
    options.connectionPolicy = { ...options.connectionPolicy, enableEndpointDiscovery: false, enableBackgroundEndpointRefreshing: false };
  }
  return options;
}

/**
 * The retry choices, on purpose (README, "A database that misbehaves"):
 * - 429 (throttled): the SDK's own policy (bulk requests excepted: retried here, after the same wait), which
 *   waits what `x-ms-retry-after-ms` says — up to 9 retries, but
 *   within 8 s, not its default 30 s: a chat turn must answer well inside Bot Framework's 15 s, and an import
 *   chunk or a broadcast step is retried by its caller anyway.
 * - 503, 408, 449 and lost connections (reset, refused, timed out): the SDK retries connection errors on reads
 *   only, and 503 only where it can fail over to another region. `retryTransient` retries every operation,
 *   4 more times, exponential backoff with full jitter from 100 ms (capped at 1.6 s), within 6 s in all. A 503,
 *   408 or 449 from Cosmos means the operation was not done; a connection lost mid-answer may have done it, so
 *   a write is repeated only where repeating is harmless: upserts are idempotent, a repeated create meets 409
 *   (which every caller reads as "already there"), a repeated compare-and-swap meets 412 (read as "changed
 *   meanwhile": callers re-read).
 * - every request times out after 20 s (SDK default 60 s), so a hung connection becomes a retry, not a stall
 *   (not less: the embedded server, busy writing a snapshot on a loaded machine, can take seconds to answer).
 */
export const RETRY = { throttledRetries: 9, throttledWaitSeconds: 8, transientRetries: 4, transientBudgetMs: 6_000, baseDelayMs: 100, maxDelayMs: 1_600, requestTimeoutMs: 20_000 };

/** Runs `step` again after passing failures (see RETRY); `retryThrottled` for what the SDK leaves to us. */
async function withTransientRetries<T>(step: () => Promise<T>, retryThrottled: boolean): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      const throttled = (err as { code?: unknown }).code === 429;
      if ((throttled && !retryThrottled) || attempt >= RETRY.transientRetries || !isTransientDatabaseError(err)) throw err;
      const retryAfter = Number((err as { retryAfterInMs?: unknown }).retryAfterInMs ?? 0);
      const delay = Math.max(retryAfter, Math.random() * Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** attempt));
      if (Date.now() - started + delay > RETRY.transientBudgetMs) throw err;
      await sleep(delay);
    }
  }
}

/** Every point operation and bulk request. The SDK retries a throttled request itself, except a bulk one (a non-atomic batch): that one is ours. */
const retryTransient: PluginConfig['plugin'] = (context, _diagnostics, next) => withTransientRetries(() => next(context), context.operationType === 'batch');

/**
 * Queries too. The SDK (4.9) does not run client plugins for queries, so `fetchAll` — which starts the query
 * afresh each time it is called — gets the same retries here, once for the whole process. A hand-written patch,
 * because no SDK option reaches queries; every repository reads through fetchAll.
 */
const PATCHED = Symbol.for('pool-assistant.fetchAllRetries');
const prototype = QueryIterator.prototype as unknown as Record<symbol | string, unknown> & { fetchAll: () => Promise<unknown> };
if (!prototype[PATCHED]) {
  const fetchAll = prototype.fetchAll;
  prototype.fetchAll = function (this: unknown) {
    return withTransientRetries(() => fetchAll.call(this), false);
  };
  prototype[PATCHED] = true;
}

/** The one factory every part of the product gets its Cosmos client from. */
export function createCosmosClient(settings: Pick<CosmosSettings, 'endpoint' | 'key'>): CosmosClient {
  return new CosmosClient(cosmosClientOptions(settings));
}
