import type { Binding } from '../../services/applications/binding';
import type { Application } from '../../services/model/application';
import type { ApplicationFilter, ApplicationRepository, BindingRepository } from '../../services/ports';
import { TtlCache } from '../../services/ttlCache';

/**
 * A few seconds' memory of hot reads (a user's bindings, an enterprise's applications), so a status question
 * costs one database round trip instead of three. This instance's own writes invalidate at once; another
 * instance's writes are seen within the TTL, which is fine for data that changes by staff import or binding.
 */
export class CachedApplicationRepository implements ApplicationRepository {
  private readonly byCreditCode: TtlCache<Application[]>;

  constructor(private readonly inner: ApplicationRepository, ttlMs: number) {
    this.byCreditCode = new TtlCache(ttlMs);
  }

  async upsert(application: Application): Promise<void> {
    await this.inner.upsert(application);
    this.byCreditCode.forget(application.creditCode);
  }

  listByCreditCode(creditCode: string): Promise<Application[]> {
    return this.byCreditCode.get(creditCode, () => this.inner.listByCreditCode(creditCode));
  }

  listByContact(aadObjectId: string): Promise<Application[]> {
    return this.inner.listByContact(aadObjectId);
  }

  listMatching(filter: ApplicationFilter): Promise<Pick<Application, 'creditCode'>[]> {
    return this.inner.listMatching(filter);
  }
}

export class CachedBindingRepository implements BindingRepository {
  private readonly byUser: TtlCache<Binding[]>;

  constructor(private readonly inner: BindingRepository, ttlMs: number) {
    this.byUser = new TtlCache(ttlMs);
  }

  async put(binding: Binding): Promise<void> {
    await this.inner.put(binding);
    this.byUser.forget(binding.userKey);
  }

  listByUser(userKey: string): Promise<Binding[]> {
    return this.byUser.get(userKey, () => this.inner.listByUser(userKey));
  }

  listByEnterprise(creditCode: string): Promise<Binding[]> {
    return this.inner.listByEnterprise(creditCode);
  }

  async remove(userKey: string, creditCode: string): Promise<boolean> {
    const removed = await this.inner.remove(userKey, creditCode);
    this.byUser.forget(userKey);
    return removed;
  }
}
