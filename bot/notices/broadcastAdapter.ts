import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Config } from '../config';
import type { LocalChannelTrust } from '../localChannelTrust';
import { ReusedClientsAuthentication } from '../reusedClients';

/** How long one HTTP attempt of a notice may take before it is aborted (and counted as a failed attempt). */
export const SEND_TIMEOUT_MS = 15_000;

/** The part of @azure/core-rest-pipeline's Pipeline this file uses (structural, so no direct dependency). */
interface PipelineLike {
  removePolicy(options: { phase?: 'Retry' }): unknown[];
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (request: { timeout: number }) => Promise<unknown>): Promise<unknown> }): void;
}

/**
 * One HTTP request per call: the Azure pipeline under the Connector client retries 429s and 5xx by itself (up to
 * three times, honouring Retry-After), outside the engine's bot-wide gate and per-conversation limits and
 * unseen by its attempt count. The broadcast engine is the one retry policy for notices, so its client has the
 * pipeline's Retry phase removed, and each request is aborted after SEND_TIMEOUT_MS instead of left hanging
 * (a hanging request that lands after the engine gave up on it would be a second copy).
 *
 * botframework-connector builds the pipeline itself and offers no retry option (its ServiceClientContext keeps
 * the core-client ServiceClient in a private `client`); this reaches it and fails loudly if the SDK changes.
 */
export function withoutSdkRetries(connector: ConnectorClient, timeoutMs = SEND_TIMEOUT_MS): ConnectorClient {
  const pipeline = (connector as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') throw new Error('botframework-connector no longer exposes its HTTP pipeline: broadcasts cannot turn its retries off');
  const removed = pipeline.removePolicy({ phase: 'Retry' });
  if (!removed.length) throw new Error('the Connector client has no retry policy to remove: check the Azure SDK version');
  pipeline.addPolicy({
    name: 'broadcastTimeout',
    sendRequest: (request, next) => {
      request.timeout = timeoutMs;
      return next(request);
    },
  });
  return connector;
}

/**
 * The adapter proactive notices go through: its own Connector clients without SDK retries, no middleware and no
 * onTurnError, so a failed send rejects to the engine with the channel's status instead of reaching the bot's
 * error handler (which apologises into the chat and clears the conversation's state, for turns a user started).
 */
export function createBroadcastAdapter(botAuth: Config['botAuth'], localTrust?: LocalChannelTrust): CloudAdapter {
  return new CloudAdapter(new ReusedClientsAuthentication(new ConfigurationBotFrameworkAuthentication(botAuth, localTrust?.credentialsFactory()), (client) => withoutSdkRetries(client)));
}
