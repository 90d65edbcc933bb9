/**
 * `npm run bench:startup`: how long `npm start` takes to be healthy (fresh data folder, then with data),
 * and how long it takes to exit after SIGTERM. Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function once(dataDir: string): Promise<{ healthyMs: number; exitMs: number; code: number | null }> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', MicrosoftAppId: '', COSMOS_ENDPOINT: '' },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not yet listening
    }
    if (Date.now() - started > 30_000) throw new Error('not healthy within 30 s');
    await new Promise((r) => setTimeout(r, 25));
  }
  const healthyMs = Date.now() - started;
  const signalled = Date.now();
  child.kill('SIGTERM');
  const code = await exited;
  return { healthyMs, exitMs: Date.now() - signalled, code };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pool-bench-'));
  const fresh = await once(dataDir);
  const again = await once(dataDir);
  process.stdout.write(
    `npm start → healthy: ${fresh.healthyMs} ms (fresh, seeds demo data), ${again.healthyMs} ms (restart, restores snapshot)\n` +
      `SIGTERM → exit: ${fresh.exitMs} ms (code ${fresh.code}), ${again.exitMs} ms (code ${again.code})\n`,
  );
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
