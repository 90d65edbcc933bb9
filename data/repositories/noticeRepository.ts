import type { Container } from '@azure/cosmos';
import type { Notice } from '../../services/model/notice';
import type { NoticeRepository } from '../../services/ports';
import type { Versioned } from '../../services/ports';
import { readDocument, replaceIfMatch, toDomain, readVersioned } from './documents';

export class CosmosNoticeRepository implements NoticeRepository {
  constructor(private readonly container: Container) {}

  async upsert(notice: Notice): Promise<void> {
    await this.container.items.upsert({ ...notice });
  }

  async get(id: string): Promise<Notice | null> {
    const doc = await readDocument(this.container, id, id);
    return doc ? toDomain<Notice>(doc) : null;
  }

  /** A cross-partition query; notices number in the hundreds a year, so this stays cheap. */
  async listByKind(kind: Notice['kind']): Promise<Notice[]> {
    const { resources } = await this.container.items
      .query({ query: 'SELECT * FROM c WHERE c.kind = @kind', parameters: [{ name: '@kind', value: kind }] })
      .fetchAll();
    return resources.map((d) => toDomain<Notice>(d));
  }

  async getVersioned(id: string): Promise<Versioned<Notice> | null> {
    return readVersioned<Notice>(this.container, id, id);
  }

  replaceIfUnchanged(notice: Notice, etag: string): Promise<Versioned<Notice> | null> {
    return replaceIfMatch(this.container, notice.id, notice.id, notice, etag);
  }

  async listActive(): Promise<Notice[]> {
    const { resources } = await this.container.items.query('SELECT * FROM c WHERE c.active = true').fetchAll();
    return resources.map((d) => toDomain<Notice>(d));
  }

  async listRecent(limit: number): Promise<Notice[]> {
    const { resources } = await this.container.items
      .query({ query: 'SELECT TOP @n * FROM c ORDER BY c.createdAt DESC', parameters: [{ name: '@n', value: limit }] })
      .fetchAll();
    return resources.map((d) => toDomain<Notice>(d));
  }
}
