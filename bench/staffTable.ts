/**
 * `npm run bench:staff-table -- [--recipients N]`: the console's per-recipient table for a notice with N
 * (default 10 000) delivery records on the embedded server, over HTTP as the page asks for it: the first
 * page, a page deep in the list (by its cursor), a status-filtered page, and the progress report.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { loadConfig } from '../bot/config';
import { startApp } from '../bot/server';
import { openStore } from '../data/store';
import { deliveryId, type Delivery } from '../services/notices/deliveries';
import { percentile } from './stats';

const TOKEN = randomBytes(32).toString('base64url'); // ADMIN_TOKEN must be strong (security finding 10)

async function main(): Promise<void> {
  const n = Number(process.argv[process.argv.indexOf('--recipients') + 1]) || 10_000;
  const store = await openStore({ databaseId: 'bench-staff-table' });
  const app = await startApp(loadConfig({ PORT: '0', ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'silent' }), pino({ level: 'silent' }), { store, seedDemo: false });
  try {
    const noticeId = 'N-bench-table';
    const at = new Date().toISOString();
    await store.notices.upsert({ id: noticeId, kind: 'announcement', title: { zh: '表格压测' }, text: { zh: '正文' }, createdAt: at, rounds: { main: { status: 'done', at } } });
    const records: Delivery[] = Array.from({ length: n }, (_, i) => ({
      id: deliveryId(noticeId, 'main', `r${i}`), noticeId, round: 'main', recipientId: `r${i}`, reference: { channelId: 'msteams', conversation: { id: `a:conv-${i}` } },
      locale: 'zh-CN', status: i % 50 === 0 ? 'failed' : 'sent', attempts: 1, notBefore: at, createdAt: at, ...(i % 50 === 0 ? { reason: '503' } : { sentAt: at }),
    }));
    const started = performance.now();
    await store.deliveries.createMissing(records);
    process.stdout.write(`${n} delivery records written in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    const headers = { authorization: `Bearer ${TOKEN}` };
    const timed = async (path: string) => {
      const t0 = performance.now();
      const body = (await (await fetch(`${app.url}${path}`, { headers })).json()) as { deliveries?: unknown[]; next?: string };
      return { ms: performance.now() - t0, body };
    };
    const measure = async (label: string, path: string, runs = 10) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push((await timed(path)).ms);
      times.sort((a, b) => a - b);
      process.stdout.write(`${label}: p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms\n`);
    };
    const base = `/staff/api/notices/${noticeId}`;
    await measure('first page (50)', `${base}/deliveries?size=50`);
    let deep = '';
    for (let i = 0; i < 20; i++) deep = (await timed(`${base}/deliveries?size=50${deep ? `&after=${deep}` : ''}`)).body.next ?? deep;
    await measure('page 21 (by cursor)', `${base}/deliveries?size=50&after=${deep}`);
    await measure('failed only (50)', `${base}/deliveries?size=50&status=failed`);
    await measure('progress report', base);
  } finally {
    await app.close();
    await store.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack}\n`);
  process.exit(1);
});
