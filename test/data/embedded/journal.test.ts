import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCosmosClient } from '../../../data/cosmos';
import { startEmbeddedCosmos } from '../../../data/embedded/embeddedCosmos';

async function container(endpoint: string, key: string) {
  const client = createCosmosClient({ endpoint, key });
  const { database } = await client.databases.createIfNotExists({ id: 'db' });
  const { container: c } = await database.containers.createIfNotExists({ id: 'things', partitionKey: { paths: ['/owner'] } });
  return { client, c };
}

const journalBytes = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('cosmos-journal-')).reduce((n, f) => n + statSync(join(dir, f)).size, 0);

describe('embedded Cosmos server persistence (base + journal)', () => {
  it('keeps every document across a restart, with creates, replaces, patches, deletes and bulk writes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const first = await startEmbeddedCosmos({ dataDir });
    const a = await container(first.endpoint, first.key);
    await a.c.items.create({ id: '1', owner: 'x', note: '第一条' });
    await a.c.items.create({ id: '2', owner: 'y', note: 'second' });
    await a.c.items.create({ id: '3', owner: 'x', note: 'to delete' });
    await a.c.item('2', 'y').replace({ id: '2', owner: 'y', note: 'second, replaced' });
    await a.c.item('1', 'x').patch([{ op: 'add', path: '/seen', value: true }]);
    await a.c.item('3', 'x').delete();
    // The same id in another partition is another document.
    await a.c.items.upsert({ id: '1', owner: 'z', note: 'other partition' });
    await a.c.items.bulk([
      { operationType: 'Upsert', resourceBody: { id: '10', owner: 'b', n: 10 } },
      { operationType: 'Create', resourceBody: { id: '11', owner: 'b', n: 11 } },
      { operationType: 'Delete', id: '1', partitionKey: 'z' },
    ]);
    a.client.dispose();
    await first.close();

    const second = await startEmbeddedCosmos({ dataDir });
    expect(second.restoredDocuments).toBe(4);
    const b = await container(second.endpoint, second.key);
    expect((await b.c.item('1', 'x').read()).resource).toMatchObject({ id: '1', owner: 'x', note: '第一条', seen: true });
    expect((await b.c.item('2', 'y').read()).resource).toMatchObject({ note: 'second, replaced' });
    expect((await b.c.item('3', 'x').read()).statusCode).toBe(404);
    expect((await b.c.item('1', 'z').read()).statusCode).toBe(404);
    const { resources } = await b.c.items.query({ query: 'SELECT * FROM c WHERE c.owner = "b"' }).fetchAll();
    expect(resources.map((r) => r.n).sort()).toEqual([10, 11]);
    b.client.dispose();
    await second.close();
  });

  it('journals a change right away, without waiting for shutdown, readable by this user only', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const db = await startEmbeddedCosmos({ dataDir });
    const { client, c } = await container(db.endpoint, db.key);
    await c.items.create({ id: '1', owner: 'x', phone: '13912345678' });
    await db.flush();
    const segment = readdirSync(dataDir).find((f) => f.startsWith('cosmos-journal-'))!;
    expect(readFileSync(join(dataDir, segment), 'utf8')).toContain('13912345678');
    expect(statSync(join(dataDir, segment)).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    client.dispose();
    await db.close();
  });

  it('writes nothing for reads and queries', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const db = await startEmbeddedCosmos({ dataDir });
    const { client, c } = await container(db.endpoint, db.key);
    await c.items.create({ id: '1', owner: 'x' });
    await db.flush();
    const before = journalBytes(dataDir);
    // A point read, a partition query and a cross-partition ORDER BY query (which sends a query-plan request).
    await c.item('1', 'x').read();
    await c.items.query({ query: 'SELECT * FROM c WHERE c.owner = @o', parameters: [{ name: '@o', value: 'x' }] }, { partitionKey: 'x' }).fetchAll();
    await c.items.query('SELECT * FROM c ORDER BY c.id').fetchAll();
    await c.items.readAll().fetchAll();
    await db.flush();
    expect(journalBytes(dataDir)).toBe(before);
    client.dispose();
    await db.close();
  });

  it('folds the journal into the base as it grows, in proportion to what was written, and keeps every document', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const first = await startEmbeddedCosmos({ dataDir, compactAtBytes: 20_000 });
    const a = await container(first.endpoint, first.key);
    for (let round = 0; round < 3; round++) {
      await a.c.items.bulk(Array.from({ length: 100 }, (_, i) => ({ operationType: 'Upsert' as const, resourceBody: { id: String(i), owner: `o${i % 7}`, round, text: '供应商描述'.repeat(10) } })));
    }
    await first.flush();
    await first.compact(); // whatever compaction started on its own is done, and the rest folded
    expect(existsSync(join(dataDir, 'cosmos-base.ndjson'))).toBe(true);
    expect(statSync(join(dataDir, 'cosmos-base.ndjson')).mode & 0o777).toBe(0o600);
    // What is left of the journal is only what came after the last compaction.
    expect(journalBytes(dataDir)).toBeLessThan(20_000);
    await a.c.items.upsert({ id: 'after', owner: 'x' });
    a.client.dispose();
    await first.close();
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = await startEmbeddedCosmos({ dataDir });
    expect(second.restoredDocuments).toBe(101);
    const b = await container(second.endpoint, second.key);
    expect((await b.c.item('42', 'o0').read()).resource).toMatchObject({ round: 2 });
    b.client.dispose();
    await second.close();
  });

  it('closes by writing only what is not yet in the journal: shutdown does not grow with the data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const db = await startEmbeddedCosmos({ dataDir });
    const { client, c } = await container(db.endpoint, db.key);
    for (let i = 0; i < 3_000; i += 100) {
      await c.items.bulk(Array.from({ length: 100 }, (_, j) => ({ operationType: 'Upsert' as const, resourceBody: { id: String(i + j), owner: `o${j % 5}`, text: '供应商描述'.repeat(20) } })));
    }
    await db.flush();
    const before = new Map(readdirSync(dataDir).map((f) => [f, statSync(join(dataDir, f)).size]));
    await c.items.upsert({ id: 'last', owner: 'x' });
    client.dispose();
    await db.close();
    const after = new Map(readdirSync(dataDir).map((f) => [f, statSync(join(dataDir, f)).size]));
    // The same files (no base written, no compaction at close); the journal grew by one line, not by the account.
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const grown = [...after].map(([f, size]) => size - before.get(f)!).filter((d) => d > 0);
    expect(grown).toHaveLength(1);
    expect(grown[0]).toBeLessThan(1_000);
  });

  it('restarts after a crash mid-write: a torn last line is dropped, everything before it kept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const first = await startEmbeddedCosmos({ dataDir });
    const a = await container(first.endpoint, first.key);
    await a.c.items.create({ id: '1', owner: 'x' });
    a.client.dispose();
    await first.close();
    const segment = readdirSync(dataDir).find((f) => f.startsWith('cosmos-journal-'))!;
    appendFileSync(join(dataDir, segment), '{"op":"put","db":"db","coll":"things","doc":{"id":"2","ow');

    const second = await startEmbeddedCosmos({ dataDir });
    expect(second.restoredDocuments).toBe(1);
    await second.close();
  });

  it('upgrades a data folder from before the journal: its snapshot becomes the base', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const snapshot = { format: 'pool-assistant/cosmos-snapshot@1', savedAt: '2026-11-30T00:00:00Z', databases: [{ id: 'db', containers: [{ id: 'things', partitionKey: { paths: ['/owner'] }, documents: [{ id: '1', owner: 'x', note: '旧' }] }] }] };
    writeFileSync(join(dataDir, 'cosmos-snapshot.json'), JSON.stringify(snapshot));
    const db = await startEmbeddedCosmos({ dataDir });
    expect(db.restoredDocuments).toBe(1);
    expect(existsSync(join(dataDir, 'cosmos-snapshot.json'))).toBe(false);
    const { client, c } = await container(db.endpoint, db.key);
    expect((await c.item('1', 'x').read()).resource).toMatchObject({ note: '旧' });
    client.dispose();
    await db.close();
  });

  it('without a data folder keeps nothing', async () => {
    const db = await startEmbeddedCosmos();
    const { client, c } = await container(db.endpoint, db.key);
    await c.items.create({ id: '1', owner: 'x' });
    client.dispose();
    await db.close();
    const again = await startEmbeddedCosmos();
    expect(again.restoredDocuments).toBe(0);
    await again.close();
  });
});
