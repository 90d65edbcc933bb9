import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestApp } from '../support/app';

// E2E=0 skips this file only when someone sets it on purpose (e.g. a machine with no Chromium at all).
const describeE2E = process.env.E2E === '0' ? describe.skip : describe;

describeE2E('Web Chat in a real browser over the local Direct Line channel', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;
  const foreignRequests: string[] = [];
  const blockedByPolicy: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    ({ browser } = await launchChromium());
    page = await browser.newPage({ locale: 'zh-CN' });
    page.on('request', (request) => {
      if (!request.url().startsWith(app.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) foreignRequests.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blockedByPolicy.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A message bubble containing `text` (Web Chat also repeats text in screen-reader labels). */
  const bubble = (text: string) => page.locator('.webchat__bubble__content').filter({ hasText: text }).last();
  const sendBox = () => page.locator('[data-id="webchat-sendbox-input"]');
  async function send(text: string): Promise<void> {
    await sendBox().fill(text);
    await sendBox().press('Enter');
  }

  it('greets in Chinese, answers 你好 with the menu, and "help" in English', async () => {
    await page.goto(`${app.url}/`);
    await expect(page.locator('#title').textContent()).resolves.toBe('资源池助手');
    await bubble('您好！我是资源池助手').waitFor({ timeout: 20_000 });

    await send('你好');
    await bubble('我能做这些事：').waitFor({ timeout: 15_000 });
    await expect(page.getByRole('button', { name: '找优秀服务商' }).count()).resolves.toBeGreaterThanOrEqual(2);

    await send('help');
    await bubble('Here is what I can do:').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Find an excellent supplier' }).last().waitFor();
  }, 60_000);

  it('switches the page to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(/lang=en-US/);
    await expect(page.locator('#title').textContent()).resolves.toBe('Pool Assistant');
    await bubble('Pool Assistant, the online desk').waitFor({ timeout: 20_000 });
  }, 60_000);

  it('loads nothing from outside our own server', () => {
    expect(foreignRequests).toEqual([]);
  });

  it('finding 9: works under its Content-Security-Policy, which nothing on the page breaks', async () => {
    const response = await page.goto(`${app.url}/?lang=zh-CN`);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    await bubble('您好！我是资源池助手').waitFor({ timeout: 20_000 });
    // An inline script injected into the page is refused by the policy.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.appendChild(s);
    });
    await expect(page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).resolves.toBeUndefined();
    expect(blockedByPolicy.filter((m) => !/inline script/i.test(m))).toEqual([]);
  }, 60_000);
});
