import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground), Microsoft's local stand-in for the
 * Teams client: its web UI, an emulated Teams Connector (`/_connector`) and its WebSocket on one port. It
 * sends `msteams` activities (installs, personal/group/channel messages with <at> mentions, card actions) to
 * the bot's /api/messages and shows what the bot sends back. Tenant, users and AAD ids come from
 * `.m365agentsplayground.yml` in `cwd`. Headless: TEAMSAPPTESTER_BROWSER=none (no browser is opened).
 */
export interface Playground {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const CLI = join(require.resolve('@microsoft/m365agentsplayground/package.json'), '..', 'cli.js');

export function playgroundArgs(appEndpoint: string, port: number): string[] {
  return ['--app-endpoint', appEndpoint, '--channel-id', 'msteams', '--port', String(port), '--service-url', `http://127.0.0.1:${port}/_connector`, '--disable-telemetry'];
}

/** It listens before it serves (while it waits for the bot's endpoint, connections are reset): ask until it answers. */
async function untilServing(url: string, alive: () => boolean): Promise<void> {
  for (let delay = 100; alive(); delay = Math.min(delay * 2, 1000)) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Starts the playground and resolves once it listens (it first waits for the bot's endpoint to answer). */
export function startPlayground(options: { appEndpoint: string; port: number; cwd: string; timeoutMs?: number; output?: (line: string) => void }): Promise<Playground> {
  const child = spawn(process.execPath, [CLI, ...playgroundArgs(options.appEndpoint, options.port)], {
    cwd: options.cwd,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise<Playground>((resolve, reject) => {
    let said = '';
    let listening = false;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the playground did not start within ${options.timeoutMs ?? 60_000} ms:\n${said}`));
    }, options.timeoutMs ?? 60_000);
    const read = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      said += text;
      options.output?.(text);
      if (!listening && /Listening on \d+/.test(said)) {
        listening = true;
        void untilServing(`http://127.0.0.1:${options.port}/`, () => child.exitCode === null).then(() => {
          clearTimeout(timer);
          resolve({ url: `http://127.0.0.1:${options.port}`, process: child, stop });
        });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the playground exited (${code}) before listening:\n${said}`));
    });
  });
}

if (require.main === module) {
  // `npm run teams:playground`: against the bot of `npm start` (PORT, default 3978) in another terminal.
  const botPort = Number(process.env.PORT || 3978);
  const port = Number(process.env.PLAYGROUND_PORT || 56150);
  startPlayground({ appEndpoint: `http://127.0.0.1:${botPort}/api/messages`, port, cwd: join(__dirname, '..'), timeoutMs: 10 * 60_000, output: (text) => process.stdout.write(text) })
    .then((playground) => {
      process.stdout.write(`\nMicrosoft 365 Agents Playground: open http://localhost:${port} (Ctrl-C stops it)\n`);
      // Dev mode refuses activities from service URLs it was not told of (SECURITY.md): the bot needs this one.
      process.stdout.write(`The bot must take its activities: start it with DEV_SERVICE_URLS=http://127.0.0.1:${port}/_connector npm start\n`);
      process.once('SIGINT', () => void playground.stop().then(() => process.exit(0)));
    })
    .catch((err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 1;
    });
}
