/**
 * `npm run bench:status`: status questions from 50 bound conversations through POST /api/messages, with the
 * bot's replies going to a local stand-in channel, on the embedded store; and the same load against a bare
 * botbuilder echo bot (the reference), the two taking turns for a few rounds. Closed loop: turns/s and
 * p50/p95 for both. Open loop: 100 questions per second for the pool bot, p95. The load generator runs in its
 * own process (bench/statusLoad.ts), as a channel would. The embedded store runs as `npm run db` in its own
 * process (as bot instances share it), so the database does not compete with the bot for its one event loop.
 * Prints figures only.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import restify from 'restify';
import { loadConfig } from '../bot/config';
import { startApp } from '../bot/server';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoData } from '../data/demo/seed';
import { EMBEDDED_KEY } from '../data/embedded/embeddedCosmos';
import { openStore } from '../data/store';
import { percentile } from './stats';

const CONVERSATIONS = 50;
/** The two bots take turns, a few rounds each, so a slow spell of a shared machine falls on both alike. */
const ROUNDS = 3;
const CLOSED_LOOP_MS = 6_000;
/**
 * Unmeasured load before a bot's first round (its throughput climbs for about five seconds as V8 compiles the
 * turn's code and grows the young generation; the pool bot has far more code to compile), and before later
 * rounds, so each starts at full speed.
 */
const FIRST_WARM_UP_MS = 6_000;
const WARM_UP_MS = 1_000;
const OPEN_LOOP_RPS = 100;
const OPEN_LOOP_MS = 10_000;

/** The stand-in channel: accepts every reply the bots send, as the Connector API would. */
async function standInChannel(): Promise<{ url: string; server: Server; replies: () => number }> {
  let replies = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      replies++;
      // Two calls: restify patches ServerResponse.writeHead process-wide, and its version returns nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":"r${replies}"}`);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, replies: () => replies };
}

/** The reference: a bare botbuilder echo bot on restify, anonymous, no state. */
async function echoBot(): Promise<{ url: string; close: () => void }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text}`);
    await next();
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

function activity(serviceUrl: string, conversation: number, text: string, seq: number) {
  return {
    type: 'message', id: `a${conversation}-${seq}`, text, locale: 'zh-CN', channelId: 'directline', serviceUrl,
    from: { id: `bench-user-${conversation}` }, recipient: { id: 'bot' }, conversation: { id: `bench-conv-${conversation}` },
  };
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/** What one run of the load generator reports. */
interface LoadRun {
  failed: number;
  seconds: number;
  latencies: number[];
}

interface LoadResult {
  turns: number;
  failed: number;
  turnsPerSecond: number;
  p50: number;
  p95: number;
}

/** Runs added up: turns over the seconds measured, percentiles over every turn. */
function combined(runs: LoadRun[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return { turns: latencies.length, failed: runs.reduce((sum, r) => sum + r.failed, 0), turnsPerSecond: latencies.length / seconds, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) };
}

/** Runs the load generator (bench/statusLoad.ts) in its own process and returns its figures. */
function load(url: string, serviceUrl: string, mode: 'closed' | 'open', warmUpMs = 0): Promise<LoadRun> {
  const args = ['--import', 'tsx', join(__dirname, 'statusLoad.ts'), url, serviceUrl, mode, String(CONVERSATIONS), String(mode === 'closed' ? CLOSED_LOOP_MS : OPEN_LOOP_MS), String(OPEN_LOOP_RPS), String(warmUpMs)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadRun) : reject(new Error(`load generator exited ${code}`)))));
}

/** `npm run db` in its own process, as several bot instances would share it (COSMOS_ENDPOINT). */
async function embeddedDatabase(): Promise<{ endpoint: string; key: string; stop: () => void }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'data', 'embedded', 'standalone.ts')], {
    env: { ...process.env, DB_PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-db-')) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => String(d).includes('listening') && resolve()));
  return { endpoint: `https://127.0.0.1:${port}`, key: EMBEDDED_KEY, stop: () => void child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const channel = await standInChannel();
  const db = await embeddedDatabase();
  const store = await openStore({ endpoint: db.endpoint, key: db.key, databaseId: 'bench-status' });
  await seedDemoData(store);
  // The stand-in channel is not the local one: dev mode takes its activities only when listed (DEV_SERVICE_URLS).
  const app = await startApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DEV_SERVICE_URLS: channel.url }), pino({ level: 'silent' }), { store });
  const echo = await echoBot();
  try {
    // Bind every conversation first (one-shot binding with the demo access code), one after the other: the
    // lockout counts attempts in flight against one enterprise, and fifty at once would be an attack.
    for (let c = 0; c < CONVERSATIONS; c++) await post(app.url, activity(channel.url, c, '绑定 91440100FUE1PCUFUL GZ-1960', 0));
    const poolRuns: LoadRun[] = [];
    const referenceRuns: LoadRun[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const warmUp = round === 0 ? FIRST_WARM_UP_MS : WARM_UP_MS;
      poolRuns.push(await load(app.url, channel.url, 'closed', warmUp));
      referenceRuns.push(await load(echo.url, channel.url, 'closed', warmUp));
    }
    const pool = combined(poolRuns);
    const reference = combined(referenceRuns);
    const rate = (run: LoadRun) => run.latencies.length / run.seconds;
    const ratios = poolRuns.map((run, i) => (rate(run) / rate(referenceRuns[i]!)).toFixed(2));
    const open = combined([await load(app.url, channel.url, 'open')]);
    const f = (x: number) => x.toFixed(1);
    process.stdout.write(
      `closed loop, ${CONVERSATIONS} concurrent conversations, ${ROUNDS} rounds of ${CLOSED_LOOP_MS / 1000} s per bot, taking turns:\n` +
        `  pool bot (status card):  ${f(pool.turnsPerSecond)} turns/s, p50 ${f(pool.p50)} ms, p95 ${f(pool.p95)} ms (${pool.turns} turns)\n` +
        `  echo bot (reference):    ${f(reference.turnsPerSecond)} turns/s, p50 ${f(reference.p50)} ms, p95 ${f(reference.p95)} ms (${reference.turns} turns)\n` +
        `  ratio: ${(pool.turnsPerSecond / reference.turnsPerSecond).toFixed(2)} of the echo bot's throughput (goal ≥ 0.5); by round ${ratios.join(', ')}\n` +
        `open loop, ${OPEN_LOOP_RPS} questions/s for ${OPEN_LOOP_MS / 1000} s: p50 ${f(open.p50)} ms, p95 ${f(open.p95)} ms (goal < 150 ms), ${open.failed} failed of ${open.turns + open.failed}\n` +
        `replies received by the stand-in channel: ${channel.replies()}\n`,
    );
  } finally {
    echo.close();
    await app.close();
    await store.close();
    db.stop();
    channel.server.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
