import { cosmosClientOptions, isLoopbackEndpoint } from '../../data/cosmos';

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
    expect(remote.connectionPolicy).toBeUndefined();
  });
});
