import { cosmosClientOptions, isLoopbackEndpoint, RETRY } from '../../data/cosmos';

describe('Cosmos client options', () => {
  it.each(['https://127.0.0.1:8081', 'https://localhost:8081/', 'https://[::1]:8081', 'https://127.5.0.1'])('treats %s as loopback', (e) => {
    expect(isLoopbackEndpoint(e)).toBe(true);
  });

  it.each(['https://pool.documents.azure.com:443/', 'https://10.0.0.5:8081', 'https://localhost.evil.com', 'not a url'])('treats %s as remote', (e) => {
    expect(isLoopbackEndpoint(e)).toBe(false);
  });

  it('skips certificate checks only for loopback', () => {
    const local = cosmosClientOptions({ endpoint: 'https://127.0.0.1:8081', key: 'k' });
    expect((local.agent as unknown as { options: { rejectUnauthorized: boolean } }).options.rejectUnauthorized).toBe(false);
    const remote = cosmosClientOptions({ endpoint: 'https://pool.documents.azure.com:443/', key: 'k' });
    expect(remote.agent).toBeUndefined();
    // A real account keeps the SDK's region discovery; only the retry choices are ours.
    expect(remote.connectionPolicy).toEqual({ requestTimeout: RETRY.requestTimeoutMs, retryOptions: { maxRetryAttemptCount: RETRY.throttledRetries, maxWaitTimeInSeconds: RETRY.throttledWaitSeconds } });
  });

  it('gives up on throttling in time for a chat turn (Bot Framework allows 15 s)', () => {
    expect(RETRY.throttledWaitSeconds + RETRY.transientBudgetMs / 1000).toBeLessThan(15);
  });
});
