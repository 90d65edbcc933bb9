/**
 * `npm run bench:broadcast [-- --recipients N]`: a notice to N (default 10 000) conversations on the
 * fault-injecting stand-in Teams connector (3 % injected 429/503), with the bot in its own process on the
 * shared embedded database (`npm run db`, COSMOS_ENDPOINT), at BROADCAST_MAX_RPS (default 30). Prints the rate
 * against the cap, 429s, lost and duplicates. Then a second notice, with the bot killed (`kill -9`) midway
 * and restarted on the same database: lost and duplicates again. Prints figures only.
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

async function database(): Promise<{ endpoint: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'data', 'embedded', 'standalone.ts')], {
    env: { ...process.env, DB_PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-broadcast-')) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => String(d).includes('listening') && resolve()));
  return { endpoint: `https://127.0.0.1:${port}`, child };
}

const logs: (() => string)[] = [];

async function bot(endpoint: string, port: number): Promise<ChildProcess> {
  const started = run(join(__dirname, '..', 'bot', 'index.ts'), {
    PORT: String(port), COSMOS_ENDPOINT: endpoint, COSMOS_KEY: EMBEDDED_KEY, COSMOS_DATABASE: 'bench-broadcast', ADMIN_TOKEN: TOKEN,
    BROADCAST_MAX_RPS: String(CAP), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  });
  logs.push(started.output);
  // A restart on a database busy saving a large snapshot can take a while to answer its health check.
  await waitHealthy(`http://127.0.0.1:${port}`, 240_000).catch((err: Error) => {
    throw new Error(`${err.message}\n${started.output().slice(-2000)}`);
  });
  return started.child;
}

/** The bot's warnings (and, with BENCH_LOG_LEVEL=info, its progress lines), for a run that went wrong. */
function botLog(): string {
  const lines = logs.flatMap((output) => output().split('\n')).filter((l) => /"level":(40|50)|broadcast progress|broadcast prepared/.test(l));
  return lines.length ? `bot log (${lines.length} lines, last 15):\n${lines.slice(-15).map((l) => `  ${l.slice(0, 300)}`).join('\n')}\n` : '';
}

const api = (port: number, path: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${port}${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => (r.status === 404 ? null : ((await r.json()) as Record<string, unknown>)));

async function createNotice(port: number, title: string): Promise<string> {
  const created = await api(port, '/api/admin/notices', { kind: 'announcement', title, text: '基准测试通知。', audience: { type: 'all' } });
  const id = String(created!.id);
  await api(port, `/api/admin/notices/${id}/send`, {});
  return id;
}

async function waitDone(port: number, id: string, onProgress?: (sent: number) => boolean | void): Promise<void> {
  for (;;) {
    const report = (await api(port, `/api/admin/notices/${id}`).catch(() => null)) as { status: string; counts: { sent: number } } | null;
    if (report?.status === 'done') return;
    if (report && onProgress?.(report.counts.sent)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function tally(connector: StandInConnector, title: string, from: number) {
  const mine = connector.received.slice(from).filter((r) => String(r.activity.summary ?? '').includes(title));
  const per = new Map<string, number>();
  for (const r of mine) per.set(r.conversationId, (per.get(r.conversationId) ?? 0) + 1);
  const times = mine.map((r) => r.at);
  const seconds = times.length > 1 ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
  const twice = [...per.entries()].filter(([, n]) => n > 1).map(([id]) => id);
  return { received: mine.length, lost: RECIPIENTS - per.size, duplicates: [...per.values()].reduce((a, n) => a + n - 1, 0), twice, rate: seconds ? (mine.length - 1) / seconds : 0 };
}

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
  try {
    const t0 = Date.now();
    await putRecipients(store, Array.from({ length: RECIPIENTS }, (_, i) => recipient(i, connector.url, ['publicity'])));
    process.stdout.write(`${RECIPIENTS} conversations stored in ${((Date.now() - t0) / 1000).toFixed(1)} s; cap ${CAP}/s\n`);

    const port = await freePort();
    children.push(await bot(db.endpoint, port));
    const faultsBefore = { ...connector.stats };
    const started = Date.now();
    // --crash-only skips the clean run (for measuring the restart alone).
    const first = process.argv.includes('--crash-only') ? null : await createNotice(port, '基准通知一');
    if (first) {
    await waitDone(port, first);
    const a = tally(connector, '基准通知一', 0);
    process.stdout.write(
      `run 1: ${a.received} delivered in ${((Date.now() - started) / 1000).toFixed(0)} s (incl. preparing ${RECIPIENTS} records); ` +
        `send rate ${a.rate.toFixed(1)}/s = ${((100 * a.rate) / CAP).toFixed(1)} % of the cap (goal ≥ 95 %); ` +
        `429s received ${connector.stats.injected429 - faultsBefore.injected429 + connector.stats.overLimit - faultsBefore.overLimit} (over the limit: ${connector.stats.overLimit}), 503s ${connector.stats.injected503 - faultsBefore.injected503}; ` +
        `max in any second ${connector.stats.maxPerSecond}; lost ${a.lost}, duplicates ${a.duplicates}\n${await explain(store, first, a.twice)}`,
    );
    }

    const mark = connector.received.length;
    const second = await createNotice(port, '基准通知二');
    await waitDone(port, second, (sent) => sent >= RECIPIENTS * 0.4);
    children[0]!.kill('SIGKILL');
    process.stdout.write(`run 2: bot killed (kill -9) with ${connector.received.length - mark} delivered; restarting on the same database\n`);
    const restarted = Date.now();
    children.push(await bot(db.endpoint, port));
    await waitDone(port, second);
    const b = tally(connector, '基准通知二', mark);
    process.stdout.write(
      `run 2: finished ${((Date.now() - restarted) / 1000).toFixed(0)} s after the restart (claims of the killed instance wait for their 60 s leases); ` +
        `lost ${b.lost}, duplicates ${b.duplicates} (${((100 * b.duplicates) / RECIPIENTS).toFixed(2)} %, goal < 1 %)\n${await explain(store, second, b.twice)}`,
    );
    if (process.env.BENCH_LOG_LEVEL) process.stdout.write(botLog());
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
