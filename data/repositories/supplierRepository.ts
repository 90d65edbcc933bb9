import type { Container } from '@azure/cosmos';
import type { Supplier } from '../../services/model/supplier';
import type { SupplierRepository } from '../../services/ports';
import { readDocument, toDomain } from './documents';

/** Suppliers keyed and partitioned by credit code: a supplier is one document, id = creditCode. */
export class CosmosSupplierRepository implements SupplierRepository {
  constructor(private readonly container: Container) {}

  async upsertMany(suppliers: Supplier[]): Promise<number> {
    for (const s of suppliers) await this.container.items.upsert({ id: s.creditCode, ...s });
    return suppliers.length;
  }

  async get(creditCode: string): Promise<Supplier | null> {
    const doc = await readDocument(this.container, creditCode, creditCode);
    if (!doc) return null;
    const supplier = toDomain<Supplier & { id?: string }>(doc);
    delete supplier.id; // the document id repeats the credit code; the domain object has no id
    return supplier;
  }

  async count(): Promise<number> {
    const { resources } = await this.container.items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll();
    return resources[0] ?? 0;
  }
}
