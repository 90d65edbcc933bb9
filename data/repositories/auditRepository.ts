import type { Container } from '@azure/cosmos';
import type { AuditEntry, AuditRepository } from '../../services/staff/audit';
import { toDomain } from './documents';

/** The staff audit log, partitioned by Asia/Shanghai day: viewing or exporting a day reads one partition. */
export class CosmosAuditRepository implements AuditRepository {
  constructor(private readonly container: Container) {}

  async add(entry: AuditEntry): Promise<void> {
    await this.container.items.create({ ...entry });
  }

  async listDays(from: string, to: string): Promise<AuditEntry[]> {
    const { resources } = await this.container.items
      .query({ query: 'SELECT * FROM c WHERE c.day >= @from AND c.day <= @to ORDER BY c.at', parameters: [{ name: '@from', value: from }, { name: '@to', value: to }] })
      .fetchAll();
    return resources.map((d) => toDomain<AuditEntry>(d));
  }
}
