import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../bot/config';
import { startTestApp } from '../../support/app';

const SECRET = 'direct-line-secret-XYZ.0123456789abcdef';

/** A stand-in of Azure's Direct Line token service: POST /v3/directline/tokens/generate with the secret. */
async function tokenService() {
  const seen: { authorization?: string; body: { user?: { id?: string } } }[] = [];
  let answer: { status: number; body: unknown } | null = null;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      const body = JSON.parse(text || '{}');
      seen.push({ authorization: req.headers.authorization, body });
      const reply = answer ?? (req.url === '/v3/directline/tokens/generate' && req.headers.authorization === `Bearer ${SECRET}`
        ? { status: 200, body: { conversationId: `conv-${seen.length}`, token: `token-for-${body.user?.id}`, expires_in: 3600 } }
        : { status: 403, body: { error: { code: 'BadArgument', message: 'bad secret' } } });
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    answer: (a: { status: number; body: unknown } | null) => void (answer = a),
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

describe('POST /api/directline/token (Web Chat in production)', () => {
  let service: Awaited<ReturnType<typeof tokenService>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    service = await tokenService();
    app = await startTestApp(undefined, { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: `${service.url}/` });
  });
  afterAll(async () => {
    await app.close();
    await service.close();
  });
  const token = (body: unknown = {}) => fetch(`${app.url}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('trades the secret for a token tied to a generated user id; the secret never reaches the browser', async () => {
    const response = await token();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    const grant = JSON.parse(text);
    expect(grant.userId).toMatch(/^dl_[0-9a-f-]{36}$/);
    expect(grant).toMatchObject({ token: `token-for-${grant.userId}`, expiresIn: 3600, domain: `${service.url}/v3/directline` });
    expect(service.seen.at(-1)).toEqual({ authorization: `Bearer ${SECRET}`, body: { user: { id: grant.userId } } });

    // The same browser comes back with its signed id and keeps it; a forged or unsigned id gets a new one.
    expect((await (await token({ userId: grant.userId, userSignature: grant.userSignature })).json()).userId).toBe(grant.userId);
    expect((await (await token({ userId: grant.userId, userSignature: 'forged' })).json()).userId).not.toBe(grant.userId);
    expect((await (await token({ userId: 'dl_someone-else' })).json()).userId).not.toBe('dl_someone-else');
  });

  it('answers 502 in JSON when Direct Line refuses or is down, without the upstream details', async () => {
    service.answer({ status: 403, body: { error: { code: 'Forbidden', message: 'secret revoked' } } });
    try {
      const refused = await token();
      expect(refused.status).toBe(502);
      const body = await refused.json();
      expect(body.error.code).toBe('DirectLineUnavailable');
      expect(JSON.stringify(body)).not.toMatch(/revoked|Bearer/);
    } finally {
      service.answer(null);
    }
  });

  it('serves a page that takes its token from the route', async () => {
    const page = await (await fetch(app.url)).text();
    expect(page).toContain('"tokenUrl":"/api/directline/token"'); // the page's data block; its script is served apart (CSP)
    const response = await fetch(app.url);
    expect(response.headers.get('content-security-policy')).toContain(`connect-src 'self' ${service.url}`);
    expect(page).not.toContain(SECRET);
  });
});

describe('without DIRECT_LINE_SECRET', () => {
  it('has no token route and the page uses the local channel', async () => {
    const app = await startTestApp();
    try {
      expect((await fetch(`${app.url}/api/directline/token`, { method: 'POST' })).status).toBe(404);
      expect(await (await fetch(app.url)).text()).toContain('"tokenUrl":null');
    } finally {
      await app.close();
    }
  });

  it('refuses a plain-http Direct Line endpoint other than loopback', () => {
    expect(() => loadConfig({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: 'http://directline.example.com' })).toThrow(/DIRECT_LINE_ENDPOINT must be an https URL/);
    expect(loadConfig({ DIRECT_LINE_SECRET: SECRET }).directLine).toEqual({ secret: SECRET, endpoint: 'https://directline.botframework.com' });
  });
});
