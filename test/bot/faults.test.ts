import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoData } from '../../data/demo/seed';
import { openStore, type Store } from '../../data/store';
import { ADMIN_TOKEN, startTestApp } from '../support/app';
import { DirectLineClient } from '../support/directLineClient';
import { startFaultyEmbedded, type FaultyCosmos } from '../support/faultyCosmos';

// A database that misbehaves the whole time, from start-up on: 10 % 429 (with x-ms-retry-after-ms), 2 % 503,
// 2 % of connections cut in the middle of the answer, 5–50 ms latency on every request.
const FAULTS = { throttle: 0.1, unavailable: 0.02, reset: 0.02, retryAfterMs: 100, latencyMs: [5, 50] as [number, number] };
const staff = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` };
const catalog = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'match-catalog.json'), 'utf8')).suppliers as { creditCode: string }[];
const BUSY = '数据库刚才太忙';

jest.setTimeout(180_000);

describe('a database that misbehaves', () => {
  let database: FaultyCosmos & { key: string };
  let store: Store;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    database = await startFaultyEmbedded(FAULTS, { seed: 11 });
    store = await openStore({ endpoint: database.endpoint, key: database.key, databaseId: `faults-${randomUUID().slice(0, 8)}` });
    await seedDemoData(store);
    app = await startTestApp(store, { ADMIN_TOKEN });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** A user who, told the database was busy, sends the same message again. */
  async function say(dl: DirectLineClient, text: string): Promise<string[]> {
    for (let attempt = 0; attempt < 5; attempt++) {
      await dl.say(text);
      const replies = (await dl.botReplies()).map((a) => a.text ?? JSON.stringify(a.attachments?.[0]?.content ?? ''));
      if (!replies.some((r) => r.includes(BUSY))) return replies;
    }
    throw new Error(`"${text}" never went through`);
  }

  it('starts, and imports a catalog in chunks: every supplier stored once and matched', async () => {
    expect(database.stats.throttled + database.stats.unavailable + database.stats.reset).toBeGreaterThan(0); // start-up met faults
    for (let i = 0; i < catalog.length; i += 8) {
      const response = await fetch(`${app.url}/api/admin/catalog`, { method: 'PUT', headers: staff, body: JSON.stringify({ suppliers: catalog.slice(i, i + 8) }) });
      expect(response.status).toBe(200);
    }
    expect(await store.suppliers.count()).toBe(8 + catalog.length); // demo + fixture, each once (upserts by credit code)
    for (;;) {
      const { index } = await (await fetch(`${app.url}/api/admin/catalog`, { headers: staff })).json();
      if (!index.building) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const match = await (await fetch(`${app.url}/api/match`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '化工厂需要废气排放在线监测' }) })).json();
    expect(match.results[0].name).toBe('惠州市大亚湾安环科技有限公司');
  });

  it('binds ten chats and shows each its stage; every one subscribes; nothing lost, nothing twice', async () => {
    const users = Array.from({ length: 10 }, (_, i) => new DirectLineClient(app.url, `faulty-${i}`));
    await Promise.all(users.map((dl) => dl.start()));
    // Bound one after another: ten codes for one enterprise at the same moment are what the lockout stops (at most
    // five attempts in flight per credit code, security finding 1); the rest of the turns run side by side.
    const bindings: string[] = [];
    for (const dl of users) bindings.push((await say(dl, '绑定 91440100FUE1PCUFUL GZ-1960')).join('\n'));
    const results = await Promise.all(
      users.map(async (dl, i) => {
        const bound = [bindings[i]!];
        const status = await say(dl, '我们公司的申报到哪一步了');
        const subscribed = await say(dl, '订阅公示');
        return { bound: bound.join('\n'), status: status.join('\n'), subscribed: subscribed.join('\n') };
      }),
    );
    for (const r of results) {
      expect(r.bound).toContain('已绑定“广州羊城数联科技有限公司”');
      expect(r.status).toContain('专家评审');
      expect(r.subscribed).toMatch(/已订阅：.*公示/);
    }
    expect(await store.bindings.listByEnterprise('91440100FUE1PCUFUL')).toHaveLength(10);
    expect(database.stats.throttled).toBeGreaterThan(10);
  });
});
