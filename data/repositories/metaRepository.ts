import type { Container } from '@azure/cosmos';
import type { MetaRepository, Versioned } from '../../services/ports';
import { createIfAbsent, readDocument, replaceIfMatch } from './documents';

/** Singleton documents `{id, value}` with etag compare-and-swap. */
export class CosmosMetaRepository implements MetaRepository {
  constructor(private readonly container: Container) {}

  async get<T>(id: string): Promise<Versioned<T> | null> {
    const doc = await readDocument(this.container, id, id);
    return doc ? { value: doc.value as T, etag: doc._etag } : null;
  }

  async create<T>(id: string, value: T): Promise<Versioned<T> | null> {
    const created = await createIfAbsent(this.container, { id, value });
    return created && { value, etag: created.etag };
  }

  async put<T>(id: string, value: T): Promise<void> {
    await this.container.items.upsert({ id, value });
  }

  async replaceIfUnchanged<T>(id: string, value: T, etag: string): Promise<Versioned<T> | null> {
    const replaced = await replaceIfMatch(this.container, id, id, { id, value }, etag);
    return replaced && { value, etag: replaced.etag };
  }
}
