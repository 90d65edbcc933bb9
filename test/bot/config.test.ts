import { ConfigError, loadConfig } from '../../bot/config';

describe('configuration', () => {
  it('defaults to local dev mode on port 3978 with the embedded database under ./.data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, localDevMode: true, production: false, dbPort: 8081 });
    expect(config.store.endpoint).toBeUndefined();
    expect(config.store.dataDir).toMatch(/\.data$/);
  });

  it('refuses to start in production without Bot Framework credentials, saying what to set', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', COSMOS_ENDPOINT: 'https://a.documents.azure.com', COSMOS_KEY: 'k' })).toThrow(
      /Refusing to start.*MicrosoftAppId/,
    );
  });

  it('refuses production on the embedded database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'p' })).toThrow(/COSMOS_ENDPOINT/);
  });

  it('refuses production without PUBLIC_BASE_URL (letter and file links would point at 127.0.0.1), saying what to set', () => {
    const production = { NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', COSMOS_ENDPOINT: 'https://a.documents.azure.com', COSMOS_KEY: 'k' };
    expect(() => loadConfig(production)).toThrow(/Refusing to start: NODE_ENV=production needs PUBLIC_BASE_URL/);
    expect(loadConfig({ ...production, PUBLIC_BASE_URL: 'https://pool.example.cn/' }).publicBaseUrl).toBe('https://pool.example.cn');
  });

  it('is not local dev mode once an app id is set', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' });
    expect(config.localDevMode).toBe(false);
    expect(config.botAuth).toMatchObject({ MicrosoftAppId: 'app', MicrosoftAppType: 'MultiTenant' });
  });

  it.each([
    [{ MicrosoftAppId: 'app' }, /MicrosoftAppPassword/],
    [{ MicrosoftAppId: 'app', MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'p' }, /MicrosoftAppTenantId/],
    [{ MicrosoftAppType: 'Personal' }, /MicrosoftAppType must be one of/],
    [{ COSMOS_ENDPOINT: 'https://a.documents.azure.com' }, /COSMOS_KEY/],
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN must be at least 16 characters/],
  ])('rejects %j with a clear message', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('accepts a managed identity without a password', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' });
    expect(config.botAuth.MicrosoftAppPassword).toBeUndefined();
  });
});
