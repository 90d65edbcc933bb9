import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerTermsExtractor } from '../../../bot/termsWorker';
import type { Store } from '../../../data/store';
import { loadUnderstandingData } from '../../../data/understanding/load';
import { CatalogChangeLog } from '../../../services/catalog/changeLog';
import { CatalogIndex, inThreadTerms } from '../../../services/catalog/catalogIndex';
import { validateSuppliers } from '../../../services/catalog/importSuppliers';
import { parseNeed } from '../../../services/matching/need';
import { MatchIndex, supplierText, termsOf } from '../../../services/matching/matchIndex';
import type { Supplier } from '../../../services/model/supplier';
import type { SupplierRepository } from '../../../services/ports';
import { EntityExtractor } from '../../../services/understanding/entities';
import { NeedClassifier } from '../../../services/understanding/needClassifier';
import { openTestStore } from '../../support/store';

const catalog = validateSuppliers(JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'match-catalog.json'), 'utf8')).suppliers).good;
const extractor = new EntityExtractor(loadUnderstandingData().domain);
const top = (index: CatalogIndex, text: string) => index.current().match(parseNeed(extractor, text), { limit: 3 }).map((r) => r.supplier.creditCode);

/** The real repository, with a count of what each instance reads from it. */
function counted(repo: SupplierRepository) {
  const reads = { listAll: 0, getMany: [] as string[] };
  const wrapped: SupplierRepository = {
    upsertMany: (s) => repo.upsertMany(s),
    get: (c) => repo.get(c),
    count: () => repo.count(),
    everRated: (rating) => repo.everRated(rating),
    listAll: async () => {
      reads.listAll++;
      return repo.listAll();
    },
    getMany: async (codes) => {
      reads.getMany.push(...codes);
      return repo.getMany(codes);
    },
  };
  return { wrapped, reads };
}

/** One instance's import of a chunk, as PUT /api/admin/catalog does it. */
async function importOn(index: CatalogIndex, store: Store, changes: CatalogChangeLog, suppliers: Supplier[]): Promise<void> {
  await store.suppliers.upsertMany(suppliers);
  await index.wrote(suppliers, await changes.append(suppliers.map((s) => s.creditCode)));
}

describe('the catalog index of several instances', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('reads the whole catalog once, then only the suppliers each change names; the importing instance reads nothing', async () => {
    await store.suppliers.upsertMany(catalog.slice(0, 12));
    const changes = new CatalogChangeLog(store.meta);
    const a = counted(store.suppliers);
    const b = counted(store.suppliers);
    const importer = new CatalogIndex(a.wrapped, changes, {});
    const other = new CatalogIndex(b.wrapped, changes, {});
    await importer.refresh();
    await other.refresh();
    const recommendable = (list: Supplier[]) => list.filter((s) => s.ratings.at(-1)!.rating !== '不合格').length;
    const first = recommendable(catalog.slice(0, 12));
    expect([importer.current().size, other.current().size]).toEqual([first, first]);

    const chunk = catalog.slice(12);
    await importOn(importer, store, changes, chunk);
    expect(importer.status()).toMatchObject({ suppliers: recommendable(catalog), building: false });
    expect(a.reads).toEqual({ listAll: 1, getMany: [] });

    expect(other.current().size).toBe(first); // until it polls
    await other.refresh();
    expect(other.current().size).toBe(recommendable(catalog));
    expect(b.reads.listAll).toBe(1);
    expect(b.reads.getMany.sort()).toEqual(chunk.map((s) => s.creditCode).sort());
    expect(other.status().version).toBe(importer.status().version);

    // Nothing new: a poll reads no supplier.
    await other.refresh();
    expect(b.reads.getMany).toHaveLength(chunk.length);
  });

  it('takes a supplier out of matching on every instance once an import rates it 不合格', async () => {
    await store.suppliers.upsertMany(catalog);
    const changes = new CatalogChangeLog(store.meta);
    const importer = new CatalogIndex(store.suppliers, changes, {});
    const other = new CatalogIndex(store.suppliers, changes, {});
    await importer.refresh();
    await other.refresh();
    const best = top(other, '化工厂需要废气排放在线监测')[0]!;
    expect(best).toBeDefined();
    const failed = { ...catalog.find((s) => s.creditCode === best)!, ratings: [{ year: 2026, rating: '不合格' as const }] };
    await importOn(importer, store, changes, [failed]);
    await other.refresh();
    expect(top(importer, '化工厂需要废气排放在线监测')).not.toContain(best);
    expect(top(other, '化工厂需要废气排放在线监测')).not.toContain(best);
    expect(other.current().find(best)).toBeUndefined();
  });

  it('gives two imports at the same moment two changes, and every instance ends with both', async () => {
    const changes = new CatalogChangeLog(store.meta);
    const [x, y] = [new CatalogIndex(store.suppliers, changes, {}), new CatalogIndex(store.suppliers, changes, {})];
    await x.refresh();
    await y.refresh();
    const renamed = (s: Supplier, tag: string) => ({ ...s, name: `${s.name}${tag}` });
    const [sx, sy] = [renamed(catalog[0]!, '（甲）'), renamed(catalog[1]!, '（乙）')];
    const [seqX, seqY] = await Promise.all([
      store.suppliers.upsertMany([sx]).then(() => changes.append([sx.creditCode])),
      store.suppliers.upsertMany([sy]).then(() => changes.append([sy.creditCode])),
    ]);
    expect(seqX).not.toBe(seqY);
    await Promise.all([x.wrote([sx], seqX), y.wrote([sy], seqY)]);
    await x.refresh();
    await y.refresh();
    for (const index of [x, y]) expect([index.current().find(sx.creditCode)?.name, index.current().find(sy.creditCode)?.name]).toEqual([sx.name, sy.name]);
  });
});

describe('the catalog-trained classifier of the index, kept by changes', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());
  const needs = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'match-queries.json'), 'utf8')).queries as { text: string }[]).map((q) => q.text);
  const answers = (model: NeedClassifier) => needs.map((text) => model.classify(text));

  it('answers, once a change is applied, exactly as a classifier built at once from the same suppliers', async () => {
    const changes = new CatalogChangeLog(store.meta);
    const index = new CatalogIndex(store.suppliers, changes, {});
    await index.refresh();
    await importOn(index, store, changes, catalog.slice(0, 60));
    expect(answers(index.current().classifier)).toEqual(answers(NeedClassifier.train(catalog.slice(0, 60))));
    await importOn(index, store, changes, catalog.slice(60));
    expect(answers(index.current().classifier)).toEqual(answers(NeedClassifier.train(catalog)));

    // New versions of suppliers already learned: unlearned and learned again, the norms recomputed in steps.
    const changed = catalog.slice(0, 30).map((s) => ({ ...s, description: `${s.description} 支持移动端审批和月底对账` }));
    await importOn(index, store, changes, changed);
    const atOnce = new MatchIndex(catalog);
    atOnce.apply(changed.map((supplier) => ({ supplier, terms: termsOf(supplier.creditCode, supplierText(supplier)) })));
    expect(answers(index.current().classifier)).toEqual(answers(atOnce.classifier));
    expect(answers(index.current().classifier).filter((a) => a.categories.length).length).toBeGreaterThan(needs.length / 2);
  });
});

describe('word breaking in a worker thread', () => {
  it('gives the same terms as in the event loop, and ends with close()', async () => {
    const worker = new WorkerTermsExtractor();
    const items = catalog.map((s) => ({ creditCode: s.creditCode, text: supplierText(s) }));
    try {
      expect(await worker.terms(items)).toEqual(await inThreadTerms.terms(items));
      expect((await worker.terms(items.slice(0, 1)))[0]).toEqual(termsOf(items[0]!.creditCode, items[0]!.text));
    } finally {
      await worker.close();
    }
  });
});
