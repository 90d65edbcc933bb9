import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCosmosClient } from '../../../data/cosmos';
import { startEmbeddedCosmos } from '../../../data/embedded/embeddedCosmos';

/** Waits for a condition the server reaches on its own time (a debounced snapshot), with a bound a busy machine meets. */
async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
  }
}

async function container(endpoint: string, key: string) {
  const client = createCosmosClient({ endpoint, key });
  const { database } = await client.databases.createIfNotExists({ id: 'db' });
  const { container: c } = await database.containers.createIfNotExists({ id: 'things', partitionKey: { paths: ['/owner'] } });
  return { client, c };
}

describe('embedded Cosmos server persistence', () => {
  it('keeps every document across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const first = await startEmbeddedCosmos({ dataDir });
    const a = await container(first.endpoint, first.key);
    await a.c.items.create({ id: '1', owner: 'x', note: '第一条' });
    await a.c.items.create({ id: '2', owner: 'y', note: 'second' });
    a.client.dispose();
    await first.close();

    const second = await startEmbeddedCosmos({ dataDir });
    expect(second.restoredDocuments).toBe(2);
    const b = await container(second.endpoint, second.key);
    const { resource } = await b.c.item('1', 'x').read();
    expect(resource).toMatchObject({ id: '1', owner: 'x', note: '第一条' });
    const { resources } = await b.c.items.query({ query: 'SELECT * FROM c WHERE c.owner = "y"' }).fetchAll();
    expect(resources.map((r) => r.id)).toEqual(['2']);
    b.client.dispose();
    await second.close();
  });

  it('writes a snapshot shortly after a change, without waiting for shutdown, and leaves no temp file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const db = await startEmbeddedCosmos({ dataDir, debounceMs: 50 });
    const { client, c } = await container(db.endpoint, db.key);
    await c.items.create({ id: '1', owner: 'x' });
    const snapshot = join(dataDir, 'cosmos-snapshot.json');
    await until(() => existsSync(snapshot));
    expect(existsSync(snapshot)).toBe(true);
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    client.dispose();
    await db.close();
  });

  it('goes quiet after a snapshot: reads, queries and its own snapshot reads write nothing more', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-db-'));
    const db = await startEmbeddedCosmos({ dataDir, debounceMs: 20 });
    const { client, c } = await container(db.endpoint, db.key);
    await c.items.create({ id: '1', owner: 'x' });
    const snapshot = join(dataDir, 'cosmos-snapshot.json');
    await until(() => existsSync(snapshot) && db.idle!());
    const written = statSync(snapshot).mtimeMs;
    // A point read, a partition query and a cross-partition ORDER BY query (which sends a query-plan request).
    await c.item('1', 'x').read();
    await c.items.query({ query: 'SELECT * FROM c WHERE c.owner = @o', parameters: [{ name: '@o', value: 'x' }] }, { partitionKey: 'x' }).fetchAll();
    await c.items.query('SELECT * FROM c ORDER BY c.id').fetchAll();
    // A request counted as a write schedules a snapshot before its answer leaves: idle now means none was.
    expect(db.idle!()).toBe(true);
    expect(statSync(snapshot).mtimeMs).toBe(written);
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
