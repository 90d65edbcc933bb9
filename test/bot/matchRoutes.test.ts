import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN, startTestApp } from '../support/app';

const catalog = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'match-catalog.json'), 'utf8')).suppliers as Record<string, unknown>[];
const staff = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` };

describe('catalog import and POST /api/match', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    // Each test client is told apart by the X-Forwarded-For a trusted proxy (one hop) would write (finding 7).
    app = await startTestApp(undefined, { ADMIN_TOKEN, MATCH_RATE_LIMIT: '20', TRUSTED_PROXY_HOPS: '1' });
  });
  afterAll(() => app.close());

  const put = (suppliers: unknown) => fetch(`${app.url}/api/admin/catalog`, { method: 'PUT', headers: staff, body: JSON.stringify({ suppliers }) });
  const match = (body: unknown, ip = '10.0.0.1') =>
    fetch(`${app.url}/api/match`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(body) });
  async function indexSettled(): Promise<number> {
    for (;;) {
      const { index } = await (await fetch(`${app.url}/api/admin/catalog`, { headers: staff })).json();
      if (!index.building) return index.suppliers;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('validates every record, imports the good ones, and reports the rest by index', async () => {
    const good = catalog[0]!;
    const response = await put([
      good,
      { ...good, creditCode: '91440600K0TG2116W8' },
      { ...good, creditCode: '91440100B2H6XDW0EN', serviceCategories: ['区块链'] },
      { ...good, creditCode: '914419003QE7NCEX54', ratings: [{ year: 2025, rating: '很好' }] },
      { name: '缺字段公司' },
    ]);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.imported).toBe(1);
    expect(report.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 3, 4]);
    expect(report.rejected[0].errors.join()).toMatch(/creditCode: invalid credit code/);
    expect(report.rejected[1].errors.join()).toMatch(/unknown service category "区块链"/);
    expect(report.rejected[2].errors.join()).toMatch(/ratings\.0\.rating/);
  });

  it('upserts in chunks, idempotently, and the index follows without a restart', async () => {
    for (let i = 0; i < catalog.length; i += 10) expect((await put(catalog.slice(i, i + 10))).status).toBe(200);
    const again = await (await put(catalog.slice(0, 10))).json();
    expect(again).toEqual({ imported: 10, rejected: [] });
    const failed = catalog.filter((s) => (s.ratings as { year: number; rating: string }[]).sort((a, b) => b.year - a.year)[0]!.rating === '不合格').length;
    expect(await indexSettled()).toBe(7 + catalog.length - failed); // the demo catalog (8, one 不合格) plus the fixture catalog, without 不合格
  });

  it('answers in the contract’s shape, best first, with reasons in the user’s language', async () => {
    const zh = await (await match({ text: '我们是佛山的陶瓷厂，窑炉用电用气太多，想上一套能耗监测系统', limit: 3 })).json();
    expect(zh.understood).toEqual({ serviceCategories: ['能耗管理'], industry: '陶瓷建材', city: '佛山' });
    expect(zh.results).toHaveLength(3);
    expect(zh.results[0]).toEqual({ creditCode: expect.any(String), name: expect.any(String), score: expect.any(Number), reasons: expect.arrayContaining([expect.stringMatching(/^覆盖：能耗管理/)]) });
    expect(zh.results.map((r: { score: number }) => r.score)).toEqual([...zh.results.map((r: { score: number }) => r.score)].sort((a, b) => b - a));
    const en = await (await match({ text: 'our textile mill checks fabric defects by eye', city: '佛山' })).json();
    expect(en.understood.city).toBe('佛山');
    expect(en.results[0].reasons.join()).toMatch(/Covers: Machine-vision inspection/);
  });

  it('answers bad input with JSON 400', async () => {
    for (const body of [{}, { text: '' }, { text: 'x', limit: 0 }, { text: 'x', limit: 500 }, { text: 'x', city: '北京' }]) {
      const response = await match(body, '10.0.0.2');
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('BadArgument');
    }
  });

  it('limits each client, with Retry-After, without affecting others', async () => {
    const statuses = [];
    for (let i = 0; i < 22; i++) statuses.push((await match({ text: '能耗' }, '10.9.9.9')).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const limited = await match({ text: '能耗' }, '10.9.9.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await match({ text: '能耗' }, '10.8.8.8')).status).toBe(200);
  });

  it('refuses the import without the staff token', async () => {
    const response = await fetch(`${app.url}/api/admin/catalog`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"suppliers":[]}' });
    expect(response.status).toBe(401);
  });
});
