import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { ADMIN_TOKEN, startTestApp } from '../support/app';
import { DirectLineClient, type DlActivity } from '../support/directLineClient';
import { startStandInConnector, type StandInConnector } from '../support/teamsConnector';
import { putRecipients, recipient } from '../services/notices/fixtures';
import { BAD_CODE, GOOD_CODES, catalogWorkbook, supplierRow } from '../support/sheets';
import { startOidcStandIn, type OidcStandIn } from '../support/oidc';

const describeE2E = process.env.E2E === '0' ? describe.skip : describe;
const SHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
/** The README's screenshots are rewritten only when asked (UPDATE_SCREENSHOTS=1), not on every run. */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

describeE2E('the staff console in a real browser', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let connector: StandInConnector;
  let oidc: OidcStandIn;
  let browser: Browser;
  let page: Page;
  const foreignRequests: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (UPDATE_SCREENSHOTS) mkdirSync(SHOTS, { recursive: true });
    connector = await startStandInConnector({ seed: 11 });
    oidc = await startOidcStandIn();
    // Teams tab sign-on on, as in production: outside Teams the page must still offer the ordinary sign-in.
    app = await startTestApp(undefined, {
      ADMIN_TOKEN, BROADCAST_MAX_RPS: '50', ...oidc.env, STAFF_TAB_CLIENT_ID: '6f1f3b2a-9c4e-4d8b-a1f0-2b3c4d5e6f70', STAFF_TAB_RESOURCE: 'api://pool.example.cn/6f1f3b2a-9c4e-4d8b-a1f0-2b3c4d5e6f70',
    });
    await putRecipients(app.store, Array.from({ length: 200 }, (_, i) => recipient(i, connector.url, ['call'])));
    ({ browser } = await launchChromium());
    // A browser far from Beijing: times are entered and shown in Beijing time whatever the machine's zone.
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York' });
    page.on('request', (request) => {
      if (!request.url().startsWith(app.url) && !/^(data|blob):/.test(request.url())) foreignRequests.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await connector?.close();
    await oidc?.close();
  });

  const shot = async (name: string, part?: string) => {
    if (!UPDATE_SCREENSHOTS) return;
    if (part) await page.locator(part).screenshot({ path: join(SHOTS, name) });
    else await page.screenshot({ path: join(SHOTS, name), fullPage: true });
  };

  it('outside Teams, offers the ordinary sign-in (no Teams sign-on attempted), and signs in with the staff token, keyboard only', async () => {
    // the tab's address, opened in a browser tab rather than inside Teams
    await page.goto(`${app.url}/staff?inTeams=1`);
    await page.locator('#oidc-signin').waitFor({ state: 'visible', timeout: 15_000 });
    await expect(page.locator('#token-form').isVisible()).resolves.toBe(true);
    await expect(page.locator('#signin-error').textContent()).resolves.toBe('');
    await expect(page.evaluate(() => Boolean((window as unknown as { microsoftTeams?: unknown }).microsoftTeams))).resolves.toBe(false);
    await page.locator('#token').focus();
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('#app').waitFor({ state: 'visible', timeout: 15_000 });
    await expect(page.locator('#who').textContent()).resolves.toContain('管理员');
    // the tabs follow the arrow keys
    await page.locator('#tab-notices').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('#tab-imports').getAttribute('aria-selected')).resolves.toBe('true');
  }, 60_000);

  it('refuses an .xlsx with one bad row, naming its row number, and writes nothing', async () => {
    await page.locator('#imp-kind').selectOption('catalog');
    const file = await catalogWorkbook([supplierRow(GOOD_CODES[0]!, '浏览器导入甲'), supplierRow(BAD_CODE, '浏览器导入乙'), supplierRow(GOOD_CODES[1]!, '浏览器导入丙')]);
    await page.locator('#imp-file').setInputFiles({ name: 'suppliers.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByRole('button', { name: '检查文件' }).click();
    const row = page.locator('#imp-rejected tbody tr');
    await row.first().waitFor({ timeout: 15_000 });
    await expect(row.allTextContents()).resolves.toEqual(['服务商 · 3统一社会信用代码: 不是有效的统一社会信用代码（校验位不符）']);
    await expect(page.locator('#imp-summary').textContent()).resolves.toBe('共 3 行：2 行通过，1 行有错误（尚未写入任何数据）');
    await shot('staff-import.png');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.locator('#imp-summary').filter({ hasText: '没有导入任何数据' }).waitFor();
    expect((await app.store.suppliers.get(GOOD_CODES[0]!))?.name).not.toBe('浏览器导入甲');
  }, 60_000);

  it('composes a notice with its card preview and audience count, sends it to 200 conversations, and the bars reach 100 %', async () => {
    await page.locator('#tab-notices').click();
    await page.locator('#n-kind').selectOption('call');
    await page.locator('#n-title-zh').fill('2027年度认定申报通知');
    await page.locator('#n-title-en').fill('Call for 2027 recognition');
    await page.locator('#n-text-zh').fill('请<b>各企业</b>于截止日前提交申报材料。');
    await page.locator('#n-deadline').fill('2027-01-31T17:00');
    await page.getByRole('button', { name: '预览' }).click();
    await page.locator('#preview').filter({ hasText: '2027年度认定申报通知' }).waitFor();
    // staff text is shown as text: the tags are visible characters, not markup
    await expect(page.locator('#preview').textContent()).resolves.toContain('请<b>各企业</b>于截止日前提交申报材料。');
    await expect(page.locator('#preview b').count()).resolves.toBe(0);
    await page.locator('#pv-en').click();
    await page.locator('#preview').filter({ hasText: 'Call for 2027 recognition' }).waitFor();
    await page.locator('#pv-zh').click();
    await page.getByRole('button', { name: '统计受众' }).click();
    await page.locator('#n-count-out').filter({ hasText: '将送达 200 个会话' }).waitFor();
    await shot('staff-compose.png');

    await page.locator('#n-create').click();
    await page.locator('#notice-detail').waitFor({ state: 'visible' });
    const sent = page.getByRole('progressbar', { name: '已送达' });
    await page.waitForFunction(() => document.querySelector('.bar.sent .track')?.getAttribute('aria-valuenow') === '200', undefined, { timeout: 60_000 });
    await expect(sent.getAttribute('aria-valuemax')).resolves.toBe('200');
    await page.locator('#nd-status').filter({ hasText: '已完成' }).waitFor({ timeout: 15_000 });
    await page.locator('#nd-table tbody tr').first().waitFor();
    // the rate-over-time chart drew the send (its figures are also its text), and no throttling is shown
    await expect(page.locator('#nd-chart').getAttribute('aria-label')).resolves.toMatch(/^每秒速率：已送达 [\d.]+，失败 0\.0，无法送达 0\.0；待发送 0$/);
    expect(Number(await page.locator('#nd-chart').getAttribute('data-peak'))).toBeGreaterThan(0);
    // Throttling is shown exactly when the channel answered 429s (the stand-in's per-bot window may, at 50 a second).
    const throttledByChannel = connector.stats.overLimit + connector.stats.injected429;
    await expect(page.locator('#nd-throttle').isHidden()).resolves.toBe(throttledByChannel === 0);
    await shot('staff-notice-progress.png', '#notice-detail');
    // each in its language: every fifth stand-in conversation is English
    const got = (title: string) => new Set(connector.received.filter((r) => JSON.stringify(r.activity).includes(title)).map((r) => r.conversationId)).size;
    expect([got('2027年度认定申报通知'), got('Call for 2027 recognition')]).toEqual([160, 40]);
  }, 120_000);

  it('composes a notice and schedules it in Beijing time: listed as scheduled at that local time, with its preview', async () => {
    await page.locator('#n-kind').selectOption('announcement');
    await page.locator('#n-title-zh').fill('2027年第一批认定申报说明会');
    await page.locator('#n-title-en').fill('');
    await page.locator('#n-text-zh').fill('说明会于1月20日在广州举行，欢迎各企业参加。');
    await page.locator('#n-send-at').fill('2027-01-15T09:30');
    await page.getByRole('button', { name: '预览' }).click();
    await page.locator('#preview').filter({ hasText: '2027年第一批认定申报说明会' }).waitFor();
    await expect(page.locator('#preview').textContent()).resolves.toContain('说明会于1月20日在广州举行，欢迎各企业参加。');
    await page.locator('#n-create').click();
    const row = page.locator('#notices-table tbody tr').filter({ hasText: '2027年第一批认定申报说明会' });
    await row.waitFor({ timeout: 15_000 });
    // 09:30 in Beijing, shown as such in a browser set to New York
    await expect(row.textContent()).resolves.toMatch(/已定时.*2027\/1\/15 09:30:00/);
    await page.locator('#nd-status').filter({ hasText: '已定时' }).waitFor({ timeout: 15_000 });
    const stored = (await app.store.notices.listRecent(10)).find((n) => n.title.zh === '2027年第一批认定申报说明会');
    expect(stored?.sendAt).toBe('2027-01-15T01:30:00.000Z');
    expect(connector.received.some((r) => JSON.stringify(r.activity).includes('2027年第一批认定申报说明会'))).toBe(false);
    await page.locator('#n-send-at').fill('');
  }, 60_000);

  it("answers an objection, and the reply arrives in the filer's conversation", async () => {
    const dl = new DirectLineClient(app.url, 'objector-e2e');
    await dl.start();
    const post = async (activity: Record<string, unknown>): Promise<DlActivity[]> => {
      await dl.call('POST', `/conversations/${dl.conversationId}/activities`, { type: 'message', from: { id: 'objector-e2e' }, ...activity });
      return dl.botReplies();
    };
    await post({ text: '我要对公示名单提异议' });
    await post({ text: '东莞市松湖智造科技有限公司', value: { choice: '东莞市松湖智造科技有限公司（91441900TN8DTU2DR4）' } });
    for (const text of ['申报材料中的标杆案例并非其实施', '佛山市某某科技有限公司', '张三', '0757-12345678', '合同截图']) await post({ text });
    const done = await post({ text: '确认提交', value: { action: 'confirm', yes: true } });
    const receiptNo = /YY-\d{8}-[0-9A-Z]{4}/.exec(done[0]!.text!)![0];

    await page.locator('#tab-submissions').click();
    const row = page.locator('#sub-table tbody tr').filter({ hasText: receiptNo });
    await row.waitFor({ timeout: 15_000 });
    await expect(row.textContent()).resolves.toContain('东莞');
    await row.getByRole('button', { name: '查看' }).click();
    await page.locator('#sd-fields').filter({ hasText: '申报材料中的标杆案例并非其实施' }).waitFor();
    await page.locator('#sd-assignee').fill('陈科员');
    await page.locator('#sd-reply').fill('经核查，该案例确由申报企业实施，异议不成立。');
    await page.getByRole('button', { name: '答复并发送' }).click();
    await page.locator('#sd-error').filter({ hasText: '答复已发送到提交人的会话' }).waitFor({ timeout: 15_000 });
    await shot('staff-submission.png');

    let replies: DlActivity[] = [];
    const until = Date.now() + 30_000;
    const said = () => JSON.stringify(replies);
    while (!said().includes('异议不成立') && Date.now() < until) replies = replies.concat(await dl.awaitReplies(2000));
    expect(said()).toContain('经核查，该案例确由申报企业实施，异议不成立。');
    expect(said()).toContain(receiptNo);
  }, 120_000);

  it('lists leads and the customer feedback of a supplier and year', async () => {
    const at = new Date().toISOString();
    await app.store.leads.create({
      id: 'LD-20261201-E2E1', leadNo: 'LD-20261201-E2E1', createdAt: at, locale: 'zh-CN', conversation: {}, feedbackDueAt: at,
      supplier: { creditCode: GOOD_CODES[0]!, name: '佛山市智联云工业科技有限公司', contact: { name: '李工', phone: '0757-00000001', email: 'bd@zhilian.example.com' } },
      manufacturer: { company: '佛山某陶瓷厂', contactName: '王经理', phone: '13900000000' },
      need: { text: '窑炉用电太多想省电费', serviceCategories: ['能耗管理'], industry: '陶瓷建材', city: '佛山' },
    });
    await app.store.feedback.add({ id: 'LD-20261201-E2E1', leadNo: 'LD-20261201-E2E1', supplierCreditCode: GOOD_CODES[0]!, supplierName: '佛山市智联云工业科技有限公司', year: 2026, rating: 5, comment: '=很满意', at });
    await page.locator('#tab-leads').click();
    await page.locator('#ld-table tbody tr').filter({ hasText: 'LD-20261201-E2E1' }).waitFor({ timeout: 15_000 });
    await page.locator('#fb-supplier').fill(GOOD_CODES[0]!);
    await page.locator('#fb-year').fill('2026');
    await page.locator('#fb-refresh').click();
    await expect(page.locator('#fb-table tbody tr').filter({ hasText: 'LD-20261201-E2E1' }).textContent()).resolves.toContain('=很满意');
  }, 60_000);

  it('switches to English, and loads nothing from outside its own server under its CSP', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1').filter({ hasText: 'Pool staff console' }).waitFor();
    await expect(page.locator('#tab-submissions').textContent()).resolves.toBe('Submissions');
    // the refused import row says why in English, by the column's Chinese header (the file's own words)
    await page.locator('#tab-imports').click();
    await expect(page.locator('#imp-rejected tbody tr').allTextContents()).resolves.toEqual(['服务商 · 3统一社会信用代码: not a valid unified social credit code (its check character is wrong)']);
    expect(foreignRequests).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
