import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { consoleEnUS } from '../../services/i18n/console.en-US';
import { launchChromium } from '../support/browser';
import { startTestApp } from '../support/app';
import { startOidcStandIn, type OidcStandIn } from '../support/oidc';
import { startTeamsHostStandIn, type TeamsHostStandIn } from '../support/teamsHost';

const describeE2E = process.env.E2E === '0' ? describe.skip : describe;
const TAB_CLIENT_ID = '6f1f3b2a-9c4e-4d8b-a1f0-2b3c4d5e6f70';
const PERSON = { oid: 'oid-teams-user', name: 'Chen Keyuan', roles: ['Staff.Editor'], scp: 'access_as_user', city: '佛山' };
/** A token Teams handed out earlier that has run out since (well past the server's clock tolerance). */
const EXPIRED = () => Math.floor(Date.now() / 1000) - 600;

/**
 * The staff console as a Teams static tab, inside a stand-in of the Teams host (test/support/teamsHost.ts):
 * not Teams itself, but its side of the TeamsJS handshake, with tokens signed by the OIDC stand-in's keys.
 */
describeE2E('the staff tab inside a stand-in of the Teams host', () => {
  let oidc: OidcStandIn;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let host: TeamsHostStandIn;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let open: Browser | undefined;
  const tokensAsked = () => host.calls.filter((c) => c === 'authentication.getAuthToken').length;
  const tab = (p: Page = page): Frame => p.frames().find((f) => f.url().includes('/staff?inTeams=1'))!;

  beforeAll(async () => {
    oidc = await startOidcStandIn();
    // Production-like: Entra ID only (no ADMIN_TOKEN), tab sign-on configured.
    app = await startTestApp(undefined, { ...oidc.env, STAFF_TAB_CLIENT_ID: TAB_CLIENT_ID, STAFF_TAB_RESOURCE: `api://pool.example.cn/${TAB_CLIENT_ID}` });
    // Teams hands the tab a token it kept, expired by now; asked again, a fresh one.
    host = await startTeamsHostStandIn({
      tabUrl: `${app.url}/staff?inTeams=1`,
      locale: 'en-us',
      token: (call) => oidc.token(PERSON, { audience: TAB_CLIENT_ID, ...(call === 0 ? { expiresAt: EXPIRED() } : {}) }),
    });
    // This Chromium refuses storage to a framed page of another site (third-party storage blocked), as some
    // browsers do to a Teams tab: the tab must work without it.
    ({ browser } = await launchChromium(host.chromiumArgs));
    context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await host.serve(page);
  }, 60_000);

  /** A browser that lets the framed tab keep its token in sessionStorage (where a test can make it expire). */
  const withStorage = async (): Promise<Page> => {
    ({ browser: open } = await launchChromium([...host.chromiumArgs, '--disable-features=TrackingProtection3pcd,ThirdPartyCookieDeprecation']));
    const p = await (await open.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN' })).newPage();
    await host.serve(p);
    return p;
  };

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await open?.close();
    await host?.close();
    await app?.close();
    await oidc?.close();
  });

  it('initializes, signs in with the SSO token (renewing an expired one silently), in the language of the Teams context', async () => {
    await page.goto(host.url);
    await page.frameLocator('#tab').locator('#app').waitFor({ state: 'visible', timeout: 30_000 });
    expect(host.calls.slice(0, 2)).toEqual(['initialize', 'getContext']);
    expect(tokensAsked()).toBe(2); // the kept one was refused (401), a fresh one asked for once
    const frame = tab();
    await expect(frame.evaluate(() => document.body.getAttribute('data-signin'))).resolves.toBe('teams');
    // the browser is Chinese; Teams says en-us, and the tab follows Teams
    await expect(frame.evaluate(() => document.documentElement.lang)).resolves.toBe('en-US');
    await expect(frame.locator('#tab-notices').textContent()).resolves.toBe(consoleEnUS.console_tabNotices);
    await expect(frame.locator('#who').textContent()).resolves.toBe(`Chen Keyuan · ${consoleEnUS.console_role_editor} · 佛山 (city department)`);
    // a Foshan editor: no imports
    await expect(frame.locator('#tab-imports').isVisible()).resolves.toBe(false);
    await expect(frame.locator('#signin').isVisible()).resolves.toBe(false);
  }, 60_000);

  it('survives a token expiry: the next call answered 401 gets a fresh token from Teams and is repeated, silently', async () => {
    const p = await withStorage();
    await p.goto(host.url);
    await p.frameLocator('#tab').locator('#app').waitFor({ state: 'visible', timeout: 30_000 });
    const frame = tab(p);
    const before = tokensAsked();
    const expired = await oidc.token(PERSON, { audience: TAB_CLIENT_ID, expiresAt: EXPIRED() });
    await frame.evaluate((t) => sessionStorage.setItem('staffToken', t), expired);
    expect((await fetch(`${app.url}/staff/api/me`, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
    await frame.locator('#tab-submissions').click();
    await frame.locator('#sub-table tbody tr').first().waitFor();
    expect(tokensAsked()).toBe(before + 1);
    await expect(frame.evaluate(() => sessionStorage.getItem('staffToken'))).resolves.not.toBe(expired);
    await expect(frame.locator('#signin').isVisible()).resolves.toBe(false);
    await expect(frame.locator('#app').isVisible()).resolves.toBe(true);
  }, 60_000);
});
