import type { Container } from '@azure/cosmos';
import { ConcurrentUpdate, type MetaRepository, type Versioned } from '../../services/ports';
import { isStatus, readDocument, replaceIfMatch } from './documents';

/** Singleton documents `{id, value}` with etag compare-and-swap. */
export class CosmosMetaRepository implements MetaRepository {
  constructor(private readonly container: Container) {}

  async get<T>(id: string): Promise<Versioned<T> | null> {
    const doc = await readDocument(this.container, id, id);
    return doc ? { value: doc.value as T, etag: doc._etag } : null;
  }

  async create<T>(id: string, value: T): Promise<boolean> {
    try {
      await this.container.items.create({ id, value });
      return true;
    } catch (err) {
      if (isStatus(err, 409)) return false;
      throw err;
    }
  }

  async put<T>(id: string, value: T): Promise<void> {
    await this.container.items.upsert({ id, value });
  }

  async replaceIfUnchanged<T>(id: string, value: T, etag: string): Promise<string> {
    const replaced = await replaceIfMatch(this.container, id, id, { id, value }, etag);
    if (!replaced) throw new ConcurrentUpdate(id);
    return replaced.etag;
  }
}
