/**
 * `npm run bench:broadcast [-- --recipients N]`: notices to N (default 10 000) conversations on the
 * fault-injecting stand-in Teams connector (3 % injected 429/503), with the bot in its own process on the
 * shared embedded database (`npm run db`, COSMOS_ENDPOINT), at BROADCAST_MAX_RPS (default 30).
 *   run 1: one notice, one instance.
 *   run 2: one notice, the instance killed (`kill -9`) midway and restarted on the same database.
 *   run 3: two instances on the database, two notices at once to overlapping audiences (all; and 60 %).
 * For each: received (the channel's count) vs sent (the counts API), silent loss (records `sent` the channel
 * never accepted), lost, duplicates, HTTP requests vs recorded attempts, rate vs the cap, the most requests
 * in any second, requests over Teams' limits. BENCH_PORT_BASE=p puts the database on p+1, the bots on
 * p+10 and p+11 (else free ports). Prints figures only.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_KEY } from '../data/embedded/embeddedCosmos';
import { openStore, type Store } from '../data/store';
import { freePort, run, waitHealthy } from '../test/support/process';
import { startStandInConnector, type StandInConnector } from '../test/support/teamsConnector';
import { putRecipients, recipient } from '../test/services/notices/fixtures';
import { deliveryId } from '../services/notices/deliveries';
import { recipientId } from '../services/notices/recipients';

const arg = (name: string) => process.argv.find((_, i) => process.argv[i - 1] === name);
const RECIPIENTS = Number(arg('--recipients') ?? 10_000);
const CAP = Number(process.env.BROADCAST_MAX_RPS ?? 30);
const TOKEN = randomBytes(32).toString('base64url');
const PORT_BASE = process.env.BENCH_PORT_BASE ? Number(process.env.BENCH_PORT_BASE) : null;
/** Recipients 0 … 60 % also take events: run 3's second notice reaches them, overlapping the first. */
const OVERLAP = Math.round(RECIPIENTS * 0.6);

const port = async (offset: number) => (PORT_BASE === null ? freePort() : PORT_BASE + offset);

async function database(): Promise<{ endpoint: string; child: ChildProcess }> {
  const dbPort = await port(1);
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'data', 'embedded', 'standalone.ts')], {
    env: { ...process.env, DB_PORT: String(dbPort), DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-broadcast-')) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => String(d).includes('listening') && resolve()));
  return { endpoint: `https://127.0.0.1:${dbPort}`, child };
}

const logs: (() => string)[] = [];

async function bot(endpoint: string, botPort: number): Promise<ChildProcess> {
  const started = run(join(__dirname, '..', 'bot', 'index.ts'), {
    PORT: String(botPort), COSMOS_ENDPOINT: endpoint, COSMOS_KEY: EMBEDDED_KEY, COSMOS_DATABASE: 'bench-broadcast', ADMIN_TOKEN: TOKEN,
    BROADCAST_MAX_RPS: String(CAP), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  });
  logs.push(started.output);
  // A restart on a database busy saving a large snapshot can take a while to answer its health check.
  await waitHealthy(`http://127.0.0.1:${botPort}`, 240_000).catch((err: Error) => {
    throw new Error(`${err.message}\n${started.output().slice(-2000)}`);
  });
  return started.child;
}

/** The bot's warnings (and, with BENCH_LOG_LEVEL=info, its progress lines), for a run that went wrong. */
function botLog(): string {
  const lines = logs.flatMap((output) => output().split('\n')).filter((l) => /"level":(40|50)|broadcast progress|broadcast prepared/.test(l));
  return lines.length ? `bot log (${lines.length} lines, last 15):\n${lines.slice(-15).map((l) => `  ${l.slice(0, 300)}`).join('\n')}\n` : '';
}

const api = (botPort: number, path: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${botPort}${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => (r.status === 404 ? null : ((await r.json()) as Record<string, unknown>)));

async function createNotice(botPort: number, title: string, audience: Record<string, unknown> = { type: 'all' }): Promise<string> {
  const created = await api(botPort, '/api/admin/notices', { kind: 'announcement', title, text: '基准测试通知。', audience });
  const id = String(created!.id);
  await api(botPort, `/api/admin/notices/${id}/send`, {});
  return id;
}

type Counts = { total: number; sent: number; failed: number; pending: number; undeliverable: number };

async function waitDone(botPort: number, id: string, onProgress?: (sent: number) => boolean | void): Promise<Counts | null> {
  for (;;) {
    const report = (await api(botPort, `/api/admin/notices/${id}`).catch(() => null)) as { status: string; counts: Counts } | null;
    if (report?.status === 'done') return report.counts;
    if (report && onProgress?.(report.counts.sent)) return null;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** What the channel received of one notice, against what the records and the counts API say. */
async function tally(connector: StandInConnector, store: Store, noticeId: string, title: string, from: number, expected: number, counts: Counts) {
  const mine = connector.received.slice(from).filter((r) => String(r.activity.summary ?? '').includes(title));
  const per = new Map<string, number>();
  for (const r of mine) per.set(r.conversationId, (per.get(r.conversationId) ?? 0) + 1);
  const records = await store.deliveries.list(noticeId);
  const sentRecords = records.filter((d) => d.status === 'sent');
  const conversationOf = (d: (typeof records)[number]) => String((d.reference as { conversation?: { id?: string } }).conversation?.id);
  const silentLoss = sentRecords.filter((d) => !per.has(conversationOf(d))).length;
  const twice = [...per.entries()].filter(([, n]) => n > 1).map(([id]) => id);
  const attempts = records.reduce((n, d) => n + d.attempts, 0);
  return { received: mine.length, sent: counts.sent, failed: counts.failed, silentLoss, lost: expected - per.size, duplicates: [...per.values()].reduce((a, n) => a + n - 1, 0), twice, attempts, times: mine.map((r) => r.at) };
}

/**
 * Accepted sends per second between the 5th and the 95th percentile of their times: the steady rate, without
 * the ramp-up and the tail of retries waiting out their Retry-After or backoff (which dominate a small run).
 */
function rateOf(times: number[]): number {
  if (times.length < 20) return 0;
  const sorted = [...times].sort((a, b) => a - b);
  const lo = Math.floor(sorted.length * 0.05);
  const hi = Math.ceil(sorted.length * 0.95) - 1;
  const seconds = (sorted[hi]! - sorted[lo]!) / 1000;
  return seconds ? (hi - lo) / seconds : 0;
}

/** The stand-in's counters since a mark, and the most requests it saw in any second since (reset at the mark). */
function since(connector: StandInConnector, mark: StandInConnector['stats']) {
  const s = connector.stats;
  return { requests: s.requests - mark.requests, overLimit: s.overLimit - mark.overLimit, injected429: s.injected429 - mark.injected429, injected503: s.injected503 - mark.injected503, maxRequestsPerSecond: s.maxRequestsPerSecond, maxPerSecond: s.maxPerSecond };
}

function mark(connector: StandInConnector): StandInConnector['stats'] {
  connector.stats.maxPerSecond = 0;
  connector.stats.maxRequestsPerSecond = 0;
  return { ...connector.stats };
}

const line = (t: Awaited<ReturnType<typeof tally>>) =>
  `received ${t.received} = sent ${t.sent}? ${t.received === t.sent ? 'yes' : 'NO'}; silent loss ${t.silentLoss}; lost ${t.lost}; duplicates ${t.duplicates} (${((100 * t.duplicates) / Math.max(1, t.sent)).toFixed(2)} %); failed ${t.failed}`;
const traffic = (c: ReturnType<typeof since>, attempts: number) =>
  `HTTP requests ${c.requests} (attempts recorded ${attempts}); injected 429 ${c.injected429}, 503 ${c.injected503}; over Teams' limits ${c.overLimit}; most in any second: ${c.maxRequestsPerSecond} requests, ${c.maxPerSecond} accepted (cap ${CAP})`;

/** What the records say about conversations that got a notice twice (attempts, last failure). */
async function explain(store: Store, noticeId: string, conversations: string[]): Promise<string> {
  const rows = await Promise.all(
    conversations.slice(0, 5).map(async (conversation) => {
      const record = await store.deliveries.get(noticeId, deliveryId(noticeId, 'main', recipientId('msteams', conversation)));
      return `${conversation}: ${record?.value.status} after ${record?.value.attempts} attempts${record?.value.reason ? ` (${record.value.reason})` : ''}`;
    }),
  );
  return rows.length ? `  twice: ${rows.join('; ')}\n` : '';
}

async function main(): Promise<void> {
  const connector = await startStandInConnector({ inject429: 0.015, inject503: 0.015, retryAfterSeconds: 1, perBotPerSecond: 50, seed: 11 });
  const db = await database();
  const store: Store = await openStore({ endpoint: db.endpoint, key: EMBEDDED_KEY, databaseId: 'bench-broadcast' });
  const children: ChildProcess[] = [];
  const out = (text: string) => process.stdout.write(text);
  try {
    const t0 = Date.now();
    await putRecipients(store, Array.from({ length: RECIPIENTS }, (_, i) => recipient(i, connector.url, i < OVERLAP ? ['publicity', 'event'] : ['publicity'])));
    out(`${RECIPIENTS} conversations stored in ${((Date.now() - t0) / 1000).toFixed(1)} s; cap ${CAP}/s; stand-in: 1.5 % 429 (Retry-After 1 s), 1.5 % 503, Teams' per-conversation limits, 50/s per bot\n`);

    const portA = await port(10);
    children.push(await bot(db.endpoint, portA));
    // --crash-only skips the clean run (for measuring the restart alone).
    if (!process.argv.includes('--crash-only')) {
      const before = mark(connector);
      const started = Date.now();
      const id = await createNotice(portA, '基准通知一');
      const counts = (await waitDone(portA, id))!;
      const a = await tally(connector, store, id, '基准通知一', 0, RECIPIENTS, counts);
      const rate = rateOf(a.times);
      out(
        `run 1 (one instance): done in ${((Date.now() - started) / 1000).toFixed(0)} s (incl. preparing ${RECIPIENTS} records); ${line(a)}\n` +
          `  steady send rate ${rate.toFixed(1)}/s = ${((100 * rate) / CAP).toFixed(1)} % of the cap; ${traffic(since(connector, before), a.attempts)}\n${await explain(store, id, a.twice)}`,
      );
    }

    {
      const from = connector.received.length;
      const before = mark(connector);
      const id = await createNotice(portA, '基准通知二');
      await waitDone(portA, id, (sent) => sent >= RECIPIENTS * 0.4);
      children[0]!.kill('SIGKILL');
      out(`run 2 (kill -9): bot killed with ${connector.received.length - from} delivered; restarting on the same database\n`);
      const restarted = Date.now();
      children.push(await bot(db.endpoint, portA));
      const counts = (await waitDone(portA, id))!;
      const b = await tally(connector, store, id, '基准通知二', from, RECIPIENTS, counts);
      out(
        `run 2: finished ${((Date.now() - restarted) / 1000).toFixed(0)} s after the restart (the killed instance's claims wait for their 60 s leases); ${line(b)}\n` +
          `  ${traffic(since(connector, before), b.attempts)}\n${await explain(store, id, b.twice)}`,
      );
    }

    {
      const portB = await port(11);
      children.push(await bot(db.endpoint, portB));
      const from = connector.received.length;
      const before = mark(connector);
      const started = Date.now();
      const [all, events] = await Promise.all([createNotice(portA, '基准通知三甲'), createNotice(portB, '基准通知三乙', { type: 'subscribers', topics: ['event'] })]);
      const [countsAll, countsEvents] = await Promise.all([waitDone(portA, all), waitDone(portB, events)]);
      const c1 = await tally(connector, store, all, '基准通知三甲', from, RECIPIENTS, countsAll!);
      const c2 = await tally(connector, store, events, '基准通知三乙', from, OVERLAP, countsEvents!);
      const rate = rateOf([...c1.times, ...c2.times]);
      out(
        `run 3 (two instances, two notices at once to ${RECIPIENTS} and ${OVERLAP} overlapping conversations): done in ${((Date.now() - started) / 1000).toFixed(0)} s\n` +
          `  to all: ${line(c1)}\n  to 60 %: ${line(c2)}\n` +
          `  both instances together: ${rate.toFixed(1)}/s = ${((100 * rate) / CAP).toFixed(1)} % of the cap; ${traffic(since(connector, before), c1.attempts + c2.attempts)}\n`,
      );
    }
    if (process.env.BENCH_LOG_LEVEL) out(botLog());
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await store.close();
    db.child.kill('SIGTERM');
    await connector.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
