/**
 * `npm run bench:faults -- [--chats N] [--suppliers N] [--recipients N]`
 * The bot in its own process on the embedded database behind the fault-injecting proxy of the tests
 * (test/support/faultyCosmos.ts: 10 % 429 with x-ms-retry-after-ms 100, 2 % 503, 2 % connections cut mid-answer,
 * 5–50 ms latency), faults on from before start-up. Then: the demo data seeded through the proxy (applications
 * and notices), a catalog import in chunks of 2 000, N chats (default 100) that bind, ask their stage and
 * subscribe, a broadcast to the subscribers, the applications import (PUT /api/admin/applications), and a broadcast
 * to --recipients conversations (default 1 000) on the stand-in Teams connector. Prints requests faulted,
 * operations completed, and lost or doubled: suppliers stored, bindings per chat, notices received per
 * chat and per conversation. Asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoData } from '../data/demo/seed';
import { openStore } from '../data/store';
import { checkCharacter } from '../services/identity/creditCode';
import { DirectLineClient } from '../test/support/directLineClient';
import { startFaultyEmbedded } from '../test/support/faultyCosmos';
import { startStandInConnector } from '../test/support/teamsConnector';
import { putRecipients, recipient } from '../test/services/notices/fixtures';
import { recipientId } from '../services/notices/recipients';
import { freePort, run, waitHealthy } from '../test/support/process';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] ?? NaN) || fallback;
const CHATS = args.includes('--chats') ? option('--chats', 100) : 100;
const SUPPLIERS = args.includes('--suppliers') ? option('--suppliers', 4000) : 4000;
const RECIPIENTS = args.includes('--recipients') ? option('--recipients', 1000) : 1000;
const TOKEN = randomBytes(32).toString('base64url'); // ADMIN_TOKEN must be strong (security finding 10)
const FAULTS = { throttle: 0.1, unavailable: 0.02, reset: 0.02, retryAfterMs: 100, latencyMs: [5, 50] as [number, number] };
const BUSY = /数据库刚才太忙|database was too busy/;

const base = (JSON.parse(readFileSync(join(__dirname, '..', 'test', 'fixtures', 'match-catalog.json'), 'utf8')) as { suppliers: Record<string, unknown>[] }).suppliers;
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const code = (i: number) => {
  let body = '9145';
  for (let k = 0, n = i + 1; k < 13; k++, n = Math.floor(n / 31)) body += ALPHABET[n % 31];
  return body + checkCharacter(body);
};

async function main(): Promise<void> {
  const database = await startFaultyEmbedded(FAULTS, { seed: 5 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const bot = run(join(__dirname, '..', 'bot', 'index.ts'), {
    PORT: String(port), COSMOS_ENDPOINT: database.endpoint, COSMOS_KEY: database.key, COSMOS_DATABASE: 'bench-faults', ADMIN_TOKEN: TOKEN,
    MATCH_RATE_LIMIT: '1000000', MicrosoftAppId: '', NODE_ENV: 'development', LOG_LEVEL: 'warn', CATALOG_POLL_SECONDS: '2',
  });
  const ops = { turns: 0, busyAnswers: 0, chunks: 0 };
  try {
    await waitHealthy(url, 240_000);
    process.stdout.write(`started in ${((Date.now() - started) / 1000).toFixed(1)} s through ${database.stats.requests} requests (${database.stats.throttled} × 429, ${database.stats.unavailable} × 503, ${database.stats.reset} cut)\n`);
    const store = await openStore({ endpoint: database.endpoint, key: database.key, databaseId: 'bench-faults' });
    await seedDemoData(store);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
    for (let i = 0; i < SUPPLIERS; i += 2000) {
      const suppliers = Array.from({ length: Math.min(2000, SUPPLIERS - i) }, (_, j) => ({ ...base[(i + j) % base.length], creditCode: code(i + j) }));
      const response = await fetch(`${url}/api/admin/catalog`, { method: 'PUT', headers, body: JSON.stringify({ suppliers }) });
      if (!response.ok) throw new Error(`catalog chunk answered ${response.status}: ${await response.text()}`);
      ops.chunks++;
    }

    const say = async (dl: DirectLineClient, text: string): Promise<string> => {
      for (;;) {
        ops.turns++;
        await dl.say(text);
        const replies = (await dl.botReplies()).map((a) => a.text ?? JSON.stringify(a.attachments?.[0]?.content ?? '')).join('\n');
        if (!BUSY.test(replies)) return replies;
        ops.busyAnswers++;
      }
    };
    const chats = Array.from({ length: CHATS }, (_, i) => new DirectLineClient(url, `fault-user-${i}`));
    const outcomes = await Promise.all(
      chats.map(async (dl) => {
        // The local Direct Line channel starts at most 30 conversations a minute per address (security finding 1).
        for (;;) {
          try {
            await dl.start();
            break;
          } catch (err) {
            if (!/429/.test(String(err))) throw err;
            await new Promise((r) => setTimeout(r, 2000));
          }
        }
        const bound = await say(dl, '绑定 91440100FUE1PCUFUL GZ-1960');
        const status = await say(dl, '我们公司的申报到哪一步了');
        const subscribed = await say(dl, '订阅公示');
        return bound.includes('已绑定') && status.includes('专家评审') && /已订阅：.*公示/.test(subscribed);
      }),
    );
    const created = (await (await fetch(`${url}/api/admin/notices`, { method: 'POST', headers, body: JSON.stringify({ kind: 'announcement', title: '故障基准通知', text: '这是一条基准测试通知。', audience: { type: 'subscribers', topics: ['publicity'] } }) })).json()) as { id: string };
    await fetch(`${url}/api/admin/notices/${created.id}/send`, { method: 'POST', headers });
    const deadline = Date.now() + 300_000;
    let counts: Record<string, number> = {};
    while (Date.now() < deadline) {
      counts = ((await (await fetch(`${url}/api/admin/notices/${created.id}`, { headers })).json()) as { counts: Record<string, number> }).counts;
      if (counts.total && !counts.pending) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const received = await Promise.all(chats.map(async (dl) => (await dl.botReplies()).filter((a) => JSON.stringify(a).includes('故障基准通知')).length));
    // The applications import under faults.
    const applications = Array.from({ length: 200 }, (_, i) => {
      const body = `914407${String(i).padStart(4, '0')}J26GFM1`;
      return {
        id: `RZ-2026-3-${String(i).padStart(4, '0')}`, creditCode: body + checkCharacter(body), enterpriseName: `江门市基准${i}科技有限公司`, city: '江门', county: '蓬江区',
        process: 'recognition', year: 2026, batch: '2026年第三批', stage: 'submitted', stageHistory: [{ stage: 'submitted', at: '2026-11-19' }], accessCode: `JM-${1000 + i}`, contacts: [{ name: '梁工' }],
      };
    });
    const appStarted = Date.now();
    const imported = await fetch(`${url}/api/admin/applications`, { method: 'PUT', headers, body: JSON.stringify({ applications }) });
    const importedReport = imported.ok ? ((await imported.json()) as { imported: number }) : null;
    const appSeconds = (Date.now() - appStarted) / 1000;
    // The bench's own setup and checks run with the faults off: what is measured is the bot's work, not the bench's.
    const calm = async <T>(work: () => Promise<T>): Promise<T> => {
      database.set({});
      try {
        return await work();
      } finally {
        database.set(FAULTS);
      }
    };
    const storedApplications = await calm(async () => (await Promise.all(applications.map((a) => store.applications.listByCreditCode(a.creditCode)))).filter((l) => l.length === 1).length);

    // A broadcast to RECIPIENTS conversations on the stand-in Teams connector, every database step through the faults.
    const connector = await startStandInConnector({ perBotPerSecond: 1000, seed: 9 });
    const many = Array.from({ length: RECIPIENTS }, (_, i) => recipient(20_000 + i, connector.url));
    await calm(() => putRecipients(store, many));
    const broadcastStarted = Date.now();
    const wide = (await (await fetch(`${url}/api/admin/notices`, { method: 'POST', headers, body: JSON.stringify({ kind: 'announcement', title: '千人故障基准通知', text: '基准。', audience: { type: 'conversations', ids: many.map((r) => recipientId('msteams', r.conversationId)) } }) })).json()) as { id: string };
    await fetch(`${url}/api/admin/notices/${wide.id}/send`, { method: 'POST', headers });
    let wideCounts: Record<string, number> = {};
    for (const until = Date.now() + 900_000; Date.now() < until; await new Promise((r) => setTimeout(r, 1000))) {
      wideCounts = ((await (await fetch(`${url}/api/admin/notices/${wide.id}`, { headers })).json()) as { counts: Record<string, number> }).counts;
      if (wideCounts.total === RECIPIENTS && !wideCounts.pending) break;
    }
    const broadcastSeconds = (Date.now() - broadcastStarted) / 1000;
    const per = new Map<string, number>();
    for (const r of connector.received) per.set(r.conversationId, (per.get(r.conversationId) ?? 0) + 1);
    await connector.close();

    const bindings = await calm(async () => (await store.bindings.listByEnterprise('91440100FUE1PCUFUL')).length);
    const suppliers = await calm(() => store.suppliers.count());
    await store.close();
    const s = database.stats;
    process.stdout.write(
      `database requests ${s.requests}: ${s.throttled} × 429, ${s.unavailable} × 503, ${s.reset} connections cut\n` +
        `catalog: ${ops.chunks} chunks, ${suppliers} suppliers stored (expected ${SUPPLIERS + 8}: lost ${SUPPLIERS + 8 - suppliers})\n` +
        `chats: ${outcomes.filter(Boolean).length}/${CHATS} bound, saw their stage and subscribed; ${ops.turns} turns, ${ops.busyAnswers} answered "send it again"; bindings ${bindings} (expected ${CHATS})\n` +
        `broadcast: ${JSON.stringify(counts)}; received once ${received.filter((n) => n === 1).length}, never ${received.filter((n) => n === 0).length}, twice or more ${received.filter((n) => n > 1).length}\n` +
        `applications import: ${importedReport ? `${importedReport.imported} imported` : `answered ${imported.status}`} in ${appSeconds.toFixed(1)} s; stored once ${storedApplications}/${applications.length}\n` +
        `broadcast to ${RECIPIENTS} conversations: ${JSON.stringify(wideCounts)} in ${broadcastSeconds.toFixed(1)} s; received once ${[...per.values()].filter((n) => n === 1).length}, lost ${RECIPIENTS - per.size}, duplicates ${[...per.values()].reduce((a, n) => a + n - 1, 0)}\n`,
    );
  } catch (err) {
    process.stderr.write(`${bot.output().split('\n').filter((l) => /"level":(50|60)/.test(l)).slice(-5).map((l) => l.slice(0, 1200)).join('\n')}\n`);
    throw err;
  } finally {
    bot.child.kill('SIGTERM');
    await bot.exited;
    await database.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
