import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestApp } from '../support/app';
import { startOidcStandIn, type OidcStandIn } from '../support/oidc';

const describeE2E = process.env.E2E === '0' ? describe.skip : describe;

describeE2E('signing in to the staff console with Microsoft Entra ID (a local stand-in)', () => {
  let oidc: OidcStandIn;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    oidc = await startOidcStandIn();
    // Production-like: no ADMIN_TOKEN, only Entra ID tokens.
    app = await startTestApp(undefined, { ...oidc.env, STAFF_OIDC_AUTHORIZE_URL: oidc.authorizeUrl });
    ({ browser } = await launchChromium());
    page = await browser.newPage({ locale: 'zh-CN' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await oidc?.close();
  });

  it('offers only the Microsoft sign-in, comes back signed in with the role of the token, and a viewer cannot send', async () => {
    oidc.signInAs({ oid: 'viewer-oid-1', name: '省联盟 张观察', roles: ['Staff.Viewer'] });
    await page.goto(`${app.url}/staff`);
    await expect(page.locator('#token-form').isHidden()).resolves.toBe(true);
    await page.getByRole('button', { name: '使用 Microsoft 账号登录' }).click();
    await page.locator('#app').waitFor({ state: 'visible', timeout: 20_000 });
    expect(page.url()).toBe(`${app.url}/staff`); // the token left the address bar
    await expect(page.locator('#who').textContent()).resolves.toBe('省联盟 张观察 · 只读');

    await page.locator('#n-title-zh').fill('观察员不能发送');
    await page.locator('#n-text-zh').fill('正文');
    await page.locator('#n-create').click();
    await page.locator('#n-error').filter({ hasText: 'The role viewer may not do this.' }).waitFor();
  }, 60_000);

  it('refuses a token that does not answer this sign-in (replayed into the address bar)', async () => {
    await page.getByRole('button', { name: '退出' }).click();
    const replayed = await oidc.token({ oid: 'x', name: 'x', roles: ['admin'], nonce: 'someone-elses' }, { audience: oidc.audience });
    // this tab did start a sign-in (its state matches), but the token carries another sign-in's nonce
    await page.evaluate(() => sessionStorage.setItem('staffNonce', 'this-tabs-nonce'));
    await page.goto('about:blank'); // a new load, not a same-document jump to a fragment
    await page.goto(`${app.url}/staff#id_token=${replayed}&state=this-tabs-nonce`);
    // the page consumed the fragment (the address bar is clean) and, with no request left, stays signed out
    await page.waitForFunction(() => location.hash === '');
    await page.waitForLoadState('networkidle');
    await expect(page.locator('#app').isHidden()).resolves.toBe(true);
    await expect(page.locator('#signin').isVisible()).resolves.toBe(true);
  }, 60_000);
});
