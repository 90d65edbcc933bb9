import type { Container } from '@azure/cosmos';
import { toDomain } from './documents';

/**
 * An append-only log partitioned by Asia/Shanghai day (`/day`): a view or export of some days reads those
 * partitions. The unclear-utterance log and the staff audit log are both this.
 */
export class DayPartitionedLog<T extends { day: string; at: string }> {
  constructor(protected readonly container: Container) {}

  async add(entry: T): Promise<void> {
    await this.container.items.create({ ...entry });
  }

  async listDays(from: string, to: string): Promise<T[]> {
    const { resources } = await this.container.items
      .query({ query: 'SELECT * FROM c WHERE c.day >= @from AND c.day <= @to ORDER BY c.at', parameters: [{ name: '@from', value: from }, { name: '@to', value: to }] })
      .fetchAll();
    return resources.map((d) => toDomain<T>(d));
  }
}
