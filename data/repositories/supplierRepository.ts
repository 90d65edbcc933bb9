import type { Container, ItemDefinition, JSONObject, OperationInput } from '@azure/cosmos';
import type { Supplier } from '../../services/model/supplier';
import type { SupplierRepository } from '../../services/ports';
import { forEachConcurrently } from '../concurrency';
import { isTransientDatabaseError } from '../transient';
import { readDocument, toDomain } from './documents';

/** Suppliers keyed and partitioned by credit code: a supplier is one document, id = creditCode. */
export class CosmosSupplierRepository implements SupplierRepository {
  constructor(private readonly container: Container) {}

  /**
   * Bulk upserts, 100 operations a request (the SDK's batch size) instead of one request per supplier: a
   * 2 000-supplier chunk is 20 requests. An upsert is idempotent, so an operation the SDK gave up on (throttled
   * or unavailable beyond its retries) is simply sent again, a few times, before the chunk fails.
   */
  async upsertMany(suppliers: Supplier[]): Promise<number> {
    let pending: OperationInput[] = suppliers.map((s) => ({ operationType: 'Upsert', partitionKey: s.creditCode, resourceBody: { id: s.creditCode, ...s } as unknown as JSONObject }));
    for (let attempt = 0; pending.length; attempt++) {
      const failed: OperationInput[] = [];
      let lastStatus = 0;
      for (let i = 0; i < pending.length; i += 100) {
        const slice = pending.slice(i, i + 100);
        let results: { statusCode: number }[];
        try {
          results = await this.container.items.bulk(slice, { continueOnError: true });
        } catch (err) {
          // The SDK wraps a failed bulk request in a plain Error ("Bulk request errored with: …"): the whole
          // slice is sent again when it was a passing failure (a timeout, a cut connection).
          if (!isTransientDatabaseError(err) && !/^Bulk request errored/.test((err as Error).message ?? '')) throw err;
          results = slice.map(() => ({ statusCode: 503 }));
        }
        results.forEach((r, j) => {
          if (r.statusCode >= 300) {
            lastStatus = r.statusCode;
            failed.push(slice[j]!);
          }
        });
      }
      if (failed.length && (attempt >= 4 || !RETRIABLE.has(lastStatus))) throw new BulkWriteFailed(failed.length, lastStatus);
      if (failed.length) await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      pending = failed;
    }
    return suppliers.length;
  }

  async getMany(creditCodes: string[]): Promise<Supplier[]> {
    const found: Supplier[] = [];
    await forEachConcurrently(creditCodes, 16, async (code) => {
      const doc = await readDocument(this.container, code, code);
      if (doc) found.push(fromDocument(doc));
    });
    return found;
  }

  async get(creditCode: string): Promise<Supplier | null> {
    const doc = await readDocument(this.container, creditCode, creditCode);
    return doc ? fromDocument(doc) : null;
  }

  async listAll(): Promise<Supplier[]> {
    const { resources } = await this.container.items.readAll({ maxItemCount: 5000 }).fetchAll();
    return resources.map(fromDocument);
  }

  async everRated(rating: string): Promise<Pick<Supplier, 'creditCode' | 'city' | 'ratings'>[]> {
    const { resources } = await this.container.items
      .query<Pick<Supplier, 'creditCode' | 'city' | 'ratings'>>({
        query: 'SELECT c.creditCode, c.city, c.ratings FROM c WHERE EXISTS(SELECT VALUE r FROM r IN c.ratings WHERE r.rating = @rating)',
        parameters: [{ name: '@rating', value: rating }],
      })
      .fetchAll();
    return resources;
  }

  async count(): Promise<number> {
    const { resources } = await this.container.items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll();
    return resources[0] ?? 0;
  }
}

/** Statuses of a bulk operation worth sending again: throttled, timed out, unavailable. */
const RETRIABLE = new Set([408, 429, 449, 500, 503]); // 500: the SDK's status for a batch request it could not complete

/** Some operations of a bulk write failed even after retries; `code` is the last status (a transient one reads as 503). */
export class BulkWriteFailed extends Error {
  readonly code: number;
  constructor(readonly failed: number, status: number) {
    super(`${failed} writes failed (status ${status})`);
    this.name = 'BulkWriteFailed';
    this.code = status;
  }
}

/** The document id repeats the credit code; the domain object has no id. */
function fromDocument(doc: ItemDefinition): Supplier {
  const supplier = toDomain<Supplier & { id?: string }>(doc);
  delete supplier.id;
  return supplier;
}
