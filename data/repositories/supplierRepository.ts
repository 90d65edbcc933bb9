import type { Container, ItemDefinition } from '@azure/cosmos';
import type { Supplier } from '../../services/model/supplier';
import type { SupplierRepository } from '../../services/ports';
import { forEachConcurrently } from '../concurrency';
import { readDocument, toDomain } from './documents';

/** Suppliers keyed and partitioned by credit code: a supplier is one document, id = creditCode. */
export class CosmosSupplierRepository implements SupplierRepository {
  constructor(private readonly container: Container) {}

  async upsertMany(suppliers: Supplier[]): Promise<number> {
    await forEachConcurrently(suppliers, 16, async (s) => {
      await this.container.items.upsert({ id: s.creditCode, ...s });
    });
    return suppliers.length;
  }

  async get(creditCode: string): Promise<Supplier | null> {
    const doc = await readDocument(this.container, creditCode, creditCode);
    return doc ? fromDocument(doc) : null;
  }

  async listAll(): Promise<Supplier[]> {
    const { resources } = await this.container.items.readAll({ maxItemCount: 5000 }).fetchAll();
    return resources.map(fromDocument);
  }

  async count(): Promise<number> {
    const { resources } = await this.container.items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll();
    return resources[0] ?? 0;
  }
}

/** The document id repeats the credit code; the domain object has no id. */
function fromDocument(doc: ItemDefinition): Supplier {
  const supplier = toDomain<Supplier & { id?: string }>(doc);
  delete supplier.id;
  return supplier;
}
