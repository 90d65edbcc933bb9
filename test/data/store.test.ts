import { ensureSchema } from '../../data/containers';
import { createCosmosClient } from '../../data/cosmos';
import type { Store } from '../../data/store';
import type { Application } from '../../services/model/application';
import { openTestStore } from '../support/store';
import demo from '../../data/demo/suppliers.json';

describe('Cosmos repositories over the real SDK and the embedded server', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('creates a supplier and reads it back by credit code', async () => {
    const supplier = demo.suppliers[0] as Parameters<Store['suppliers']['upsertMany']>[0][number];
    await store.suppliers.upsertMany([supplier]);
    await expect(store.suppliers.get(supplier.creditCode)).resolves.toEqual(supplier);
    await expect(store.suppliers.get('91440600K0TG2116W9')).resolves.toBeNull();
    await expect(store.suppliers.count()).resolves.toBe(1);
  });

  it('finds the suppliers ever given a rating, with their city and ratings only (an audience by rating)', async () => {
    const [a, b, c] = demo.suppliers.slice(1, 4) as Parameters<Store['suppliers']['upsertMany']>[0];
    await store.suppliers.upsertMany([
      { ...a!, ratings: [{ year: 2024, rating: '优秀' }, { year: 2025, rating: '合格' }] },
      { ...b!, ratings: [{ year: 2025, rating: '优秀' }] },
      { ...c!, ratings: [{ year: 2025, rating: '合格' }] },
    ]);
    const rated = await store.suppliers.everRated('优秀');
    const codes = rated.map((s) => s.creditCode);
    expect(codes).toEqual(expect.arrayContaining([a!.creditCode, b!.creditCode]));
    expect(codes).not.toContain(c!.creditCode);
    expect(rated.every((s) => s.ratings.some((r) => r.rating === '优秀'))).toBe(true);
    expect(rated.find((s) => s.creditCode === b!.creditCode)).toEqual({ creditCode: b!.creditCode, city: b!.city, ratings: [{ year: 2025, rating: '优秀' }] });
  });

  it('queries applications within one enterprise’s partition only', async () => {
    const base: Omit<Application, 'id' | 'creditCode'> = {
      enterpriseName: 'x', city: '佛山', process: 'recognition', year: 2026, batch: '2026年第二批',
      stage: 'submitted', stageHistory: [], contacts: [], accessCodeHash: 'scrypt$a$b',
    };
    await store.applications.upsert({ ...base, id: 'A-1', creditCode: '91440600UAQW567EUX' });
    await store.applications.upsert({ ...base, id: 'A-2', creditCode: '91440600UAQW567EUX' });
    await store.applications.upsert({ ...base, id: 'B-1', creditCode: '91440100B2H6XDW0EN' });
    const mine = await store.applications.listByCreditCode('91440600UAQW567EUX');
    expect(mine.map((a) => a.id).sort()).toEqual(['A-1', 'A-2']);
    expect(mine[0]).not.toHaveProperty('_etag');
  });

  it('refuses a write with a stale etag (412 → null, the one compare-and-swap contract)', async () => {
    const created = await store.meta.create('lease', { owner: 'a' });
    expect(created).toMatchObject({ value: { owner: 'a' } });
    expect(await store.meta.create('lease', { owner: 'b' })).toBeNull();
    const read = await store.meta.get<{ owner: string }>('lease');
    expect(read!.etag).toBe(created!.etag);
    const next = await store.meta.replaceIfUnchanged('lease', { owner: 'b' }, read!.etag);
    expect(next).toMatchObject({ value: { owner: 'b' } });
    expect(next!.etag).not.toBe(read!.etag);
    expect(await store.meta.replaceIfUnchanged('lease', { owner: 'c' }, read!.etag)).toBeNull();
    await expect(store.meta.get('lease')).resolves.toMatchObject({ value: { owner: 'b' } });
  });

  it('creates its schema idempotently', async () => {
    const client = createCosmosClient({ endpoint: store.endpoint, key: 'k' });
    const dbId = 'schema-twice';
    await ensureSchema(client, dbId);
    await ensureSchema(client, dbId);
    const { resources } = await client.database(dbId).containers.readAll().fetchAll();
    expect(resources.map((c) => [c.id, c.partitionKey?.paths[0]]).sort()).toEqual([
      ['applications', '/creditCode'], ['audit', '/day'], ['bindingAttempts', '/id'], ['bindings', '/userKey'], ['botState', '/id'], ['conversations', '/id'], ['deliveries', '/noticeId'], ['evidence', '/fileId'], ['feedback', '/supplierCreditCode'], ['leads', '/id'], ['meta', '/id'], ['notices', '/id'], ['outbox', '/id'], ['schedules', '/id'], ['submissionCases', '/id'], ['submissions', '/type'], ['suppliers', '/creditCode'], ['utterances', '/day'],
    ]);
    client.dispose();
  });

  it('answers ping while the database is up', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});
