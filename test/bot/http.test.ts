import { randomUUID } from 'node:crypto';
import { openStore } from '../../data/store';
import { ADMIN_TOKEN, startTestApp } from '../support/app';
import { startFaultyEmbedded, type FaultyCosmos } from '../support/faultyCosmos';

const staff = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` };
const supplier = { creditCode: '91440600TFX000001T', name: '佛山市禅能智慧能源科技有限公司', type: '服务商', city: '佛山', poolSince: 2021, ratings: [{ year: 2025, rating: '优秀' }], serviceCategories: ['能耗管理'], industries: [], description: '能耗监测', products: [], cases: [], contact: { name: '联系人', phone: '0757-80000001', email: 'a@example.com' } };

/** Every error answered over HTTP is `{"error": {"code", "message"}}` and says nothing internal. */
function expectContractError(body: unknown, code: string): void {
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
  expect(JSON.stringify(body)).not.toMatch(/injected|socket|ECONN|RestError|Error:|at \w+ \(|activity/i);
}

describe('errors over HTTP', () => {
  let database: FaultyCosmos;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    database = await startFaultyEmbedded();
    const store = await openStore({ endpoint: database.endpoint, key: (database as FaultyCosmos & { key: string }).key, databaseId: `errors-${randomUUID().slice(0, 8)}` });
    app = await startTestApp(store, { ADMIN_TOKEN });
  });
  afterEach(() => database.set({}));
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('answers restify’s own errors in the contract’s shape: bad JSON, unknown route, wrong method', async () => {
    const badJson = await fetch(`${app.url}/api/admin/catalog`, { method: 'PUT', headers: staff, body: '{"suppliers": [' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ error: { code: 'InvalidContent', message: expect.any(String) } });
    const unknown = await fetch(`${app.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'ResourceNotFound', message: expect.any(String) } });
    const wrongMethod = await fetch(`${app.url}/api/admin/catalog`, { method: 'DELETE', headers: staff });
    expect(wrongMethod.status).toBe(405);
    expect((await wrongMethod.json()).error.code).toBe('MethodNotAllowed');
  });

  it('answers a database that keeps failing with 503 and Retry-After, in the contract’s shape, with nothing internal', async () => {
    database.set({ unavailable: 1 });
    const response = await fetch(`${app.url}/api/admin/catalog`, { method: 'PUT', headers: staff, body: JSON.stringify({ suppliers: [supplier] }) });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expectContractError(await response.json(), 'Unavailable');
    const applications = await fetch(`${app.url}/api/admin/applications`, { method: 'PUT', headers: staff, body: JSON.stringify({ applications: [] }) });
    expect(applications.status).toBeLessThan(500); // nothing to write: no database call, no failure
  });

  it('answers a database whose connections break mid-answer with 503, not the socket’s message', async () => {
    database.set({ reset: 1 });
    const response = await fetch(`${app.url}/api/admin/leads`, { headers: staff });
    expect(response.status).toBe(503);
    expectContractError(await response.json(), 'Unavailable');
  });

  it('works again once the database does', async () => {
    database.set({ unavailable: 1 });
    expect((await fetch(`${app.url}/api/admin/leads`, { headers: staff })).status).toBe(503);
    database.set({});
    expect((await fetch(`${app.url}/api/admin/leads`, { headers: staff })).status).toBe(200);
  });
});
