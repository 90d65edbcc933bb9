import { loadConfig } from '../../../bot/config';
import { ADMIN_TOKEN, startTestApp } from '../../support/app';
import { startOidcStandIn, type OidcStandIn } from '../../support/oidc';

const TAB_CLIENT_ID = '6f1f3b2a-9c4e-4d8b-a1f0-2b3c4d5e6f70';
const TAB_RESOURCE = `api://pool.example.cn/${TAB_CLIENT_ID}`;

describe('Teams tab single sign-on (the token TeamsJS getAuthToken hands the tab)', () => {
  let oidc: OidcStandIn;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const me = (token: string) => fetch(`${app.url}/staff/api/me`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    oidc = await startOidcStandIn();
    app = await startTestApp(undefined, { ADMIN_TOKEN, ...oidc.env, STAFF_TAB_CLIENT_ID: TAB_CLIENT_ID, STAFF_TAB_RESOURCE: TAB_RESOURCE });
  });
  afterAll(async () => {
    await app.close();
    await oidc.close();
  });

  it("signs in a staff member with a token for the tab's app (by client id, as v2 tokens name it, or its resource URI)", async () => {
    const claims = { oid: 'oid-tab-editor', name: '陈科员', roles: ['Staff.Editor'], scp: 'access_as_user', city: '佛山' };
    for (const audience of [TAB_CLIENT_ID, TAB_RESOURCE]) {
      const res = await me(await oidc.token(claims, { audience }));
      expect(res.status).toBe(200);
      expect((await res.json()).identity).toEqual({ subject: 'oid-tab-editor', name: '陈科员', role: 'editor', via: 'teams', city: '佛山' });
    }
    // and the same person through the browser sign-in is "oidc"
    expect((await (await me(await oidc.token(claims))).json()).identity.via).toBe('oidc');
    // the tab's token opens the console's routes like any other, within its role
    const token = await oidc.token(claims, { audience: TAB_CLIENT_ID });
    expect((await fetch(`${app.url}/staff/api/submissions`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${app.url}/staff/api/audit`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
  });

  it("refuses a tab token signed by someone else, for another app, from another tenant, expired or without a staff role", async () => {
    const person = { oid: 'x', roles: ['Staff.Admin'] };
    expect((await me(await oidc.token(person, { audience: TAB_CLIENT_ID, foreign: true }))).status).toBe(401);
    expect((await me(await oidc.token(person, { audience: 'api://pool.example.cn/another-app' }))).status).toBe(401);
    expect((await me(await oidc.token(person, { audience: TAB_CLIENT_ID, issuer: 'https://login.example/other/v2.0' }))).status).toBe(401);
    expect((await me(await oidc.token(person, { audience: TAB_CLIENT_ID, expiresAt: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(401);
    const roleless = await me(await oidc.token({ oid: 'x', roles: [] }, { audience: TAB_CLIENT_ID }));
    expect(roleless.status).toBe(403);
    expect((await roleless.json()).error.code).toBe('NoStaffRole');
  });

  it("tells the page that Teams sign-on is on, and serves TeamsJS from this server under the console's CSP", async () => {
    expect(await (await fetch(`${app.url}/staff/api/config`)).json()).toMatchObject({ teams: { clientId: TAB_CLIENT_ID } });
    const teamsJs = await fetch(`${app.url}/staff/assets/teams.js`);
    expect(teamsJs.status).toBe(200);
    expect(teamsJs.headers.get('content-type')).toMatch(/javascript/);
    expect(teamsJs.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    expect(await teamsJs.text()).toContain('getAuthToken');
  });
});

describe('without tab sign-on configured', () => {
  it("refuses a token for the tab's app, and the config says nothing of Teams", async () => {
    const oidc = await startOidcStandIn();
    const app = await startTestApp(undefined, { ADMIN_TOKEN, ...oidc.env });
    try {
      const res = await fetch(`${app.url}/staff/api/me`, { method: 'POST', headers: { authorization: `Bearer ${await oidc.token({ oid: 'x', roles: ['admin'] }, { audience: TAB_CLIENT_ID })}` } });
      expect(res.status).toBe(401);
      expect((await (await fetch(`${app.url}/staff/api/config`)).json()).teams).toBeUndefined();
    } finally {
      await app.close();
      await oidc.close();
    }
  });

  it('needs the staff sign-in, and a resource or PUBLIC_BASE_URL to make one', () => {
    expect(() => loadConfig({ STAFF_TAB_CLIENT_ID: TAB_CLIENT_ID })).toThrow(/needs the staff sign-in/);
    const oidc = { STAFF_OIDC_ISSUER: 'https://login.microsoftonline.com/t/v2.0', STAFF_OIDC_AUDIENCE: 'api://console', STAFF_OIDC_JWKS_URL: 'https://login.microsoftonline.com/t/discovery/v2.0/keys' };
    expect(() => loadConfig({ ...oidc, STAFF_TAB_CLIENT_ID: TAB_CLIENT_ID })).toThrow(/STAFF_TAB_RESOURCE/);
    expect(loadConfig({ ...oidc, STAFF_TAB_CLIENT_ID: TAB_CLIENT_ID, PUBLIC_BASE_URL: 'https://pool.example.cn' }).staffOidc?.tab).toEqual({ clientId: TAB_CLIENT_ID, resource: TAB_RESOURCE });
  });
});
