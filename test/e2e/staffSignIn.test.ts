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
    // the page's script decides which sign-in to offer once it has read the configuration: wait for its choice
    const microsoft = page.getByRole('button', { name: '使用 Microsoft 账号登录' });
    await microsoft.waitFor({ state: 'visible', timeout: 20_000 });
    await expect(page.locator('#token-form').isHidden()).resolves.toBe(true);
    await microsoft.click();
    await page.locator('#app').waitFor({ state: 'visible', timeout: 20_000 });
    expect(page.url()).toBe(`${app.url}/staff`); // the token left the address bar
    await expect(page.locator('#who').textContent()).resolves.toBe('省联盟 张观察 · 只读 · 全省');
    // a viewer is offered nothing to send with
    await expect(page.locator('#n-create').isVisible()).resolves.toBe(false);
  }, 60_000);

  const signInAs = async (claims: Record<string, unknown>) => {
    if (await page.locator('#sign-out').isVisible()) await page.locator('#sign-out').click();
    oidc.signInAs(claims);
    await page.goto(`${app.url}/staff`);
    await page.getByRole('button', { name: '使用 Microsoft 账号登录' }).click();
    await page.locator('#app').waitFor({ state: 'visible', timeout: 20_000 });
  };
  const visibleTabs = () => page.locator('[role=tab]:visible').evaluateAll((tabs) => tabs.map((t) => t.id));
  /** Whether the control is withheld from this person (it, or the part of the page it is in, needs an action they lack). */
  const hidden = (selector: string) => page.locator(selector).evaluate((e) => Array.from(document.querySelectorAll<HTMLElement>('[data-needs]')).some((gate) => gate.contains(e) && gate.hidden));

  it('shows each identity only the tabs and controls it may use, and its role and scope in the header', async () => {
    await signInAs({ oid: 'dg-viewer', name: '东莞 王查看', roles: ['Staff.Viewer'], city: '东莞' });
    await expect(page.locator('#who').textContent()).resolves.toBe('东莞 王查看 · 只读 · 东莞（市级）');
    expect(await visibleTabs()).toEqual(['tab-notices', 'tab-submissions']);
    for (const control of ['#n-create', '#nd-send', '#nd-cancel', '#nd-retry', '#sd-answer', '#sd-reject', '#sd-review', '#sd-reply', '#imp-go']) expect(await hidden(control)).toBe(true);
    // the keyboard moves between the tabs that are there
    await page.locator('#tab-notices').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('tab-submissions');

    await signInAs({ oid: 'fs-editor', name: '佛山 李编辑', roles: ['Staff.Editor'], city: '佛山' });
    await expect(page.locator('#who').textContent()).resolves.toBe('佛山 李编辑 · 编辑 · 佛山（市级）');
    expect(await visibleTabs()).toEqual(['tab-notices', 'tab-submissions']);
    expect(await hidden('#n-create')).toBe(false);
    expect(await hidden('#sd-answer')).toBe(false);
    expect(await hidden('#imp-go')).toBe(true);
    // the audience is their city's enterprises, and the count says so
    await expect(page.locator('#n-audience').inputValue()).resolves.toBe('enterprises');
    await expect(page.locator('#n-audience option:not([disabled])').count()).resolves.toBe(1);
    await expect(page.locator('#n-city').inputValue()).resolves.toBe('佛山');
    await expect(page.locator('#n-city').getAttribute('readonly')).resolves.not.toBeNull();
    await page.locator('#n-title-zh').fill('佛山通知');
    await page.locator('#n-text-zh').fill('正文');
    await page.locator('#n-count').click();
    await page.locator('#n-count-out').filter({ hasText: '仅限本市企业：佛山' }).waitFor();

    await signInAs({ oid: 'gd-admin', name: '省工信厅 管理员', roles: ['Staff.Admin'] });
    await expect(page.locator('#who').textContent()).resolves.toBe('省工信厅 管理员 · 管理员 · 全省');
    expect(await visibleTabs()).toEqual(['tab-notices', 'tab-imports', 'tab-submissions', 'tab-leads', 'tab-audit']);
    for (const control of ['#n-create', '#nd-send', '#sd-answer', '#imp-go']) expect(await hidden(control)).toBe(false);
    await expect(page.locator('#n-audience option:not([disabled])').count()).resolves.toBe(4);
    await expect(page.locator('#n-city').getAttribute('readonly')).resolves.toBeNull();
  }, 90_000);

  it('asks to sign in again when the sign-in has expired, rather than showing broken pages', async () => {
    await signInAs({ oid: 'gd-editor', name: '省联盟 赵编辑', roles: ['Staff.Editor'] });
    // the ID token kept in the tab has run out since
    const expired = await oidc.token({ oid: 'gd-editor', name: '省联盟 赵编辑', roles: ['Staff.Editor'] }, { audience: oidc.audience, expiresAt: Math.floor(Date.now() / 1000) - 600 });
    await page.evaluate((t) => sessionStorage.setItem('staffToken', t), expired);
    await page.locator('#notices-refresh').click();
    await page.locator('#signin-error').filter({ hasText: '登录已过期，请重新登录。' }).waitFor();
    await expect(page.locator('#signin').isVisible()).resolves.toBe(true);
    await expect(page.locator('#app').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: '使用 Microsoft 账号登录' }).isVisible()).resolves.toBe(true);
  }, 60_000);

  it('refuses a token that does not answer this sign-in (replayed into the address bar)', async () => {
    if (await page.locator('#sign-out').isVisible()) await page.getByRole('button', { name: '退出' }).click();
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
