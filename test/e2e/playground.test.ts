import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { t } from '../../services/i18n';
import { startPlayground, type Playground } from '../../teams/playground';
import { ADMIN_TOKEN, keptLog, startTestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { freePort } from '../support/process';

// E2E=0 skips this file only when someone sets it on purpose (e.g. a machine with no Chromium at all).
const describeE2E = process.env.E2E === '0' ? describe.skip : describe;

/**
 * The bot in Microsoft 365 Agents Playground, Microsoft's Teams client stand-in, driven through its web UI
 * as a person would: every activity is Teams-shaped (msteams channel, personal / group chat / channel
 * conversations, <at> mentions, card actions through its emulated Connector).
 */
describeE2E('the bot in Microsoft 365 Agents Playground (Teams client stand-in)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let workDir: string;
  const botLog = keptLog();

  beforeAll(async () => {
    // Dev mode takes activities only from its own channel and the service URLs it is told of (security finding 4).
    const port = await freePort();
    app = await startTestApp(undefined, { ADMIN_TOKEN, DEV_SERVICE_URLS: `http://127.0.0.1:${port}/_connector` }, botLog.log);
    workDir = mkdtempSync(join(tmpdir(), 'playground-'));
    copyFileSync(join(__dirname, '..', '..', '.m365agentsplayground.yml'), join(workDir, '.m365agentsplayground.yml'));
    playground = await startPlayground({ appEndpoint: `${app.url}/api/messages`, port, cwd: workDir });
    ({ browser } = await launchChromium());
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await app?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /**
   * A message or card text in the open conversation: messages are rendered as paragraphs, cards by the
   * Adaptive Cards renderer (the conversation list's previews and the log panel are neither).
   */
  const said = (text: string): Locator => page.locator('p, .ac-textBlock, [data-tid="hero-card"]').filter({ hasText: text });
  async function send(text: string): Promise<void> {
    const box = page.getByRole('textbox');
    await box.click();
    await box.pressSequentially(text);
    await page.keyboard.press('Enter');
  }
  async function open(name: string): Promise<void> {
    await page.getByRole('treeitem', { name }).first().click();
  }

  it('greets on install and answers a Chinese and an English question, each in its language', async () => {
    await page.goto(playground.url);
    await page.getByTitle('Toggle Log Panel').click();
    await open('Personal Chat');
    // The playground's client always says en-US: before anyone writes, that is the language.
    await said(t('en-US', 'welcome').slice(0, 40)).first().waitFor({ timeout: 30_000 });
    await send('你好，你能做什么？');
    await said(t('zh-CN', 'helpIntro')).last().waitFor({ timeout: 20_000 });
    await send('Hello, what can you do?');
    await said(t('en-US', 'helpIntro')).last().waitFor({ timeout: 20_000 });
  }, 90_000);

  it('keeps Chinese when a Chinese card is saved (the client says en-US), and shows the status card after binding', async () => {
    await send('订阅设置');
    await said(t('zh-CN', 'subscriptionsTitle')).last().waitFor({ timeout: 20_000 });
    await page.getByRole('checkbox', { name: t('zh-CN', 'topicName_publicity') }).last().check();
    await page.getByRole('button', { name: t('zh-CN', 'subscriptionsSave') }).last().click();
    await said(t('zh-CN', 'subscriptionsSaved', { topics: t('zh-CN', 'topicName_publicity') })).last().waitFor({ timeout: 20_000 });

    await send('绑定 91441900TN8DTU2DR4 DG-5512');
    await said(t('zh-CN', 'bindDone', { enterprise: '东莞市松湖智造科技有限公司' })).last().waitFor({ timeout: 20_000 });
    await send('我们公司的申报到哪一步了');
    await said('RZ-2026-1-0004').first().waitFor({ timeout: 20_000 });
  }, 90_000);

  it('in a group chat answers only when mentioned, reading the words after the mention', async () => {
    await open('Group Chat');
    await said(t('en-US', 'welcome').slice(0, 40)).first().waitFor({ timeout: 30_000 });
    await send('What can you do?');
    await page.getByRole('treeitem', { name: 'Group Chat' }).filter({ hasText: 'What can you do?' }).waitFor();
    // The mention: "@", then the bot in the playground's people picker.
    const box = page.getByRole('textbox');
    await box.click();
    await box.pressSequentially('@');
    await page.getByRole('listbox', { name: 'Typeahead menu' }).getByText('资源池助手').click();
    await box.pressSequentially(' Hello, what can you do?');
    await page.keyboard.press('Enter');
    await said(t('en-US', 'helpIntro')).first().waitFor({ timeout: 20_000 });
    // One answer, to the mention: the message without one was not for the bot.
    expect(await said(t('en-US', 'helpIntro')).count()).toBe(1);
  }, 90_000);

  it('shows a notice broadcast arriving in the team channel, the group chat and the personal chat', async () => {
    // Installing in the team greets once, in General.
    await open('General');
    await said(t('en-US', 'welcome').slice(0, 40)).first().waitFor({ timeout: 30_000 });
    expect(await said(t('en-US', 'welcome').slice(0, 40)).count()).toBe(1);
    const admin = (path: string, body?: unknown) =>
      fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: body ? JSON.stringify(body) : undefined });
    const created = await admin('/api/admin/notices', {
      kind: 'announcement',
      title: { zh: '关于开展2026年第三批认定申报的通知', en: 'Call for the third batch of 2026 recognition applications' },
      text: { zh: '即日起受理。', en: 'Applications are open.' },
      audience: { type: 'all' },
    });
    const { id } = (await created.json()) as { id: string };
    expect((await admin(`/api/admin/notices/${id}/send`)).status).toBe(202);
    // Where a card did not arrive, the failure says what the broadcast did: its report, each delivery, the bot's log.
    const arrives = async (text: string) => {
      try {
        await said(text).first().waitFor({ timeout: 30_000 });
      } catch (err) {
        const get = (path: string) => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }).then((r) => r.text());
        const seen = [await get(`/api/admin/notices/${id}`), await get(`/api/admin/notices/${id}/deliveries`), ...botLog.lines()];
        throw new Error(`${(err as Error).message}\n${seen.join('\n')}`);
      }
    };
    // Nobody wrote in the channel (the client says en-US) and the group chat last wrote English: English cards.
    await arrives('Call for the third batch of 2026 recognition applications');
    await open('Group Chat');
    await arrives('Call for the third batch of 2026 recognition applications');
    await open('Personal Chat');
    await arrives('关于开展2026年第三批认定申报的通知');
  }, 120_000);
});
