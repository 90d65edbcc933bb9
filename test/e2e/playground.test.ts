import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { t } from '../../services/i18n';
import { startPlayground, type Playground } from '../../teams/playground';
import { ADMIN_TOKEN, startTestApp } from '../support/app';
import { launchChromium } from '../support/browser';

// E2E=0 skips this file only when someone sets it on purpose (e.g. a machine with no Chromium at all).
const describeE2E = process.env.E2E === '0' ? describe.skip : describe;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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

  beforeAll(async () => {
    app = await startTestApp();
    workDir = mkdtempSync(join(tmpdir(), 'playground-'));
    copyFileSync(join(__dirname, '..', '..', '.m365agentsplayground.yml'), join(workDir, '.m365agentsplayground.yml'));
    playground = await startPlayground({ appEndpoint: `${app.url}/api/messages`, port: await freePort(), cwd: workDir });
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
    await said(t('zh-CN', 'helpIntro')).waitFor({ timeout: 20_000 });
    await send('Hello, what can you do?');
    await said(t('en-US', 'helpIntro')).waitFor({ timeout: 20_000 });
  }, 90_000);
});
