import { createRequire } from 'node:module';
import { createCosmosClient } from '../../../data/cosmos';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../../data/embedded/embeddedCosmos';
import { linearOpening } from '../../../data/embedded/linearScan';

const compile = (createRequire(require.resolve('@vercel/cosmosdb-server'))('@zeit/cosmosdb-query') as { default: (q: string) => { code: string } }).default;
const PAGE = 'SELECT TOP @size * FROM c WHERE c.noticeId = @notice AND c.id > @after ORDER BY c.id';

describe('the embedded server scans a container once per query (not once per document)', () => {
  let db: EmbeddedCosmos;
  beforeAll(async () => {
    db = await startEmbeddedCosmos();
  });
  afterAll(() => db.close());

  it('compiles a query without copying the collection per document', () => {
    // The compiler's own opening copies the array at every document (n²/2 copies for n documents).
    expect(compile(PAGE).code).not.toMatch(/\[\.\.\.\$,/);
    expect(linearOpening('$c.reduce(($, r) => typeof r !== "undefined" ? [...$, {\n    root: r\n  }] : $, [])')).toBe('$c.filter((r) => typeof r !== "undefined").map((r) => ({ root: r }))');
  });

  it('answers the same rows, in order, through the SDK: keyset pages, a filter, a count', async () => {
    const client = createCosmosClient({ endpoint: db.endpoint, key: db.key });
    const { database } = await client.databases.createIfNotExists({ id: 'scan' });
    const { container } = await database.containers.createIfNotExists({ id: 'deliveries', partitionKey: { paths: ['/noticeId'] } });
    const ids = Array.from({ length: 1200 }, (_, i) => `N-1:main:r${String(i).padStart(5, '0')}`);
    const shuffled = [...ids].sort(() => Math.random() - 0.5);
    for (let i = 0; i < shuffled.length; i += 100) {
      await container.items.bulk(shuffled.slice(i, i + 100).map((id) => ({ operationType: 'Create' as const, resourceBody: { id, noticeId: 'N-1', status: id.endsWith('7') ? 'failed' : 'sent' } })));
    }
    await container.items.create({ id: 'other', noticeId: 'N-2', status: 'sent' });
    const seen: string[] = [];
    let after = '';
    for (;;) {
      const { resources } = await container.items.query<{ id: string }>({ query: PAGE, parameters: [{ name: '@size', value: 100 }, { name: '@notice', value: 'N-1' }, { name: '@after', value: after }] }, { partitionKey: 'N-1' }).fetchAll();
      if (!resources.length) break;
      seen.push(...resources.map((r) => r.id));
      after = resources.at(-1)!.id;
    }
    expect(seen).toEqual(ids);
    const failed = await container.items.query<{ id: string }>({ query: 'SELECT c.id FROM c WHERE c.noticeId = @n AND c.status = "failed" ORDER BY c.id', parameters: [{ name: '@n', value: 'N-1' }] }, { partitionKey: 'N-1' }).fetchAll();
    expect(failed.resources.map((r) => r.id)).toEqual(ids.filter((id) => id.endsWith('7')));
    const count = await container.items.query<number>({ query: 'SELECT VALUE COUNT(1) FROM c WHERE c.noticeId = @n', parameters: [{ name: '@n', value: 'N-1' }] }, { partitionKey: 'N-1' }).fetchAll();
    expect(count.resources).toEqual([1200]);
  });
});
