import type { Container } from '@azure/cosmos';
import type { Attempts, Binding } from '../../services/applications/binding';
import type { Versioned, AttemptRepository, BindingRepository } from '../../services/ports';
import { createIfAbsent, isStatus, replaceIfMatch, toDomain, readVersioned } from './documents';

/** Bindings partitioned by chat user: "my enterprises" is one partition; notices query by credit code. */
export class CosmosBindingRepository implements BindingRepository {
  constructor(private readonly container: Container) {}

  async put(binding: Binding): Promise<void> {
    await this.container.items.upsert({ ...binding });
  }

  async listByUser(userKey: string): Promise<Binding[]> {
    const { resources } = await this.container.items
      .query({ query: 'SELECT * FROM c WHERE c.userKey = @u ORDER BY c.boundAt', parameters: [{ name: '@u', value: userKey }] }, { partitionKey: userKey })
      .fetchAll();
    return resources.map((d) => toDomain<Binding>(d));
  }

  async listByEnterprise(creditCode: string): Promise<Binding[]> {
    const { resources } = await this.container.items.query({ query: 'SELECT * FROM c WHERE c.creditCode = @cc', parameters: [{ name: '@cc', value: creditCode }] }).fetchAll();
    return resources.map((d) => toDomain<Binding>(d));
  }

  async remove(userKey: string, creditCode: string): Promise<boolean> {
    try {
      await this.container.item(`${userKey}|${creditCode}`, userKey).delete();
      return true;
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
  }
}

/** Binding attempts per key (`cc:…`, `user:…`), counted by etag compare-and-swap (services/applications/attemptLimiter.ts). */
export class CosmosAttemptRepository implements AttemptRepository {
  constructor(private readonly container: Container) {}

  async get(key: string): Promise<Versioned<Attempts> | null> {
    return readVersioned<Attempts & { id: string }>(this.container, key, key);
  }

  create(key: string, attempts: Attempts): Promise<Versioned<Attempts> | null> {
    return createIfAbsent(this.container, { id: key, ...attempts });
  }

  replaceIfUnchanged(key: string, attempts: Attempts, etag: string): Promise<Versioned<Attempts> | null> {
    return replaceIfMatch(this.container, key, key, { id: key, ...attempts }, etag);
  }
}
