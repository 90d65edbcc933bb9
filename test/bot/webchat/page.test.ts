import { startTestApp } from '../../support/app';

describe('the Web Chat page with Azure Direct Line (DIRECT_LINE_SECRET)', () => {
  it("lets the page show images from Direct Line's host (attachments) and talk to it, and nothing else", async () => {
    const app = await startTestApp(undefined, { DIRECT_LINE_SECRET: 'dl-secret-for-the-page-test', DIRECT_LINE_ENDPOINT: 'https://europe.directline.botframework.com/' });
    try {
      const csp = (await fetch(`${app.url}/`)).headers.get('content-security-policy') ?? '';
      const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
      expect(directive('img-src')).toBe("img-src 'self' data: blob: https://europe.directline.botframework.com");
      expect(directive('connect-src')).toContain('wss://europe.directline.botframework.com');
      expect(directive('script-src')).toBe("script-src 'self'");
    } finally {
      await app.close();
    }
  });

  it('allows only its own images without it', async () => {
    const app = await startTestApp();
    try {
      const csp = (await fetch(`${app.url}/`)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("img-src 'self' data: blob:;");
    } finally {
      await app.close();
    }
  });
});
