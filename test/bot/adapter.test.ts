import { startApp } from '../../bot/server';
import { silentLog, testConfig } from '../support/app';
import { openTestStore } from '../support/store';

describe('with a Bot Framework app id (not local dev mode)', () => {
  it('rejects unauthenticated activities and does not mount the local Direct Line channel', async () => {
    const store = await openTestStore();
    const app = await startApp(testConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' }), silentLog, { store });
    try {
      expect(app.directLine).toBeNull();
      const activity = { type: 'message', text: '你好', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/apac/', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } };
      const unauthenticated = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(unauthenticated.status).toBe(401);
      expect(await unauthenticated.json()).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
      const forged = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt' },
        body: JSON.stringify(activity),
      });
      expect(forged.status).toBe(401);
      await forged.arrayBuffer();
      const unmounted = await fetch(`${app.url}/v3/directline/tokens/generate`, { method: 'POST' });
      expect(unmounted.status).toBe(404);
      // Read to the end: an unread answer keeps its connection (and so the server) open after the test.
      await unmounted.arrayBuffer();
    } finally {
      await app.close();
      await store.close();
    }
  });
});
