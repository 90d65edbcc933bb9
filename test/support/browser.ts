import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** What Debian's Chromium needs here: no sandbox as root, and no calls home on a closed network. */
const SYSTEM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/**
 * A headless Chromium: CHROMIUM_PATH, else Debian's, else the one inside @sparticuz/chromium (Linux x64),
 * so `npm ci && npm test` needs nothing else on a fresh Linux machine.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<{ browser: Browser; which: string }> {
  const systemPath = process.env.CHROMIUM_PATH || (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : null);
  if (systemPath) {
    return { browser: await chromium.launch({ executablePath: systemPath, args: [...SYSTEM_FLAGS, ...extraArgs], headless: true }), which: systemPath };
  }
  if (process.platform === 'linux' && process.arch === 'x64') {
    const packaged = (await import('@sparticuz/chromium')).default;
    const executablePath = await packaged.executablePath();
    return { browser: await chromium.launch({ executablePath, args: [...packaged.args, ...extraArgs], headless: true }), which: '@sparticuz/chromium' };
  }
  throw new Error(
    'No Chromium for the browser test. Install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH ' +
      'to a Chromium/Chrome binary; to skip the browser test on purpose, run with E2E=0.',
  );
}
