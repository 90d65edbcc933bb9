import type { Container } from '@azure/cosmos';
import type { Delivery, DeliveryStatus } from '../../services/notices/deliveries';
import { toDomain } from './documents';

/**
 * One page of a notice's delivery records, by id after a cursor (keyset paging: TOP and a range on the id,
 * which the embedded server and Azure both run, where OFFSET would not). The console's per-recipient table
 * reads 10 000 recipients a page at a time.
 */
export class DeliveryPages {
  constructor(private readonly container: Container) {}

  async page(noticeId: string, options: { status?: DeliveryStatus; after?: string; size: number }): Promise<{ rows: Delivery[]; next?: string }> {
    const where = ['c.noticeId = @notice', 'IS_DEFINED(c.recipientId)'];
    const parameters = [{ name: '@notice', value: noticeId as string | number }, { name: '@size', value: options.size + 1 }];
    if (options.status) {
      where.push('c.status = @status');
      parameters.push({ name: '@status', value: options.status });
    }
    if (options.after) {
      where.push('c.id > @after');
      parameters.push({ name: '@after', value: options.after });
    }
    const { resources } = await this.container.items
      .query({ query: `SELECT TOP @size * FROM c WHERE ${where.join(' AND ')} ORDER BY c.id`, parameters }, { partitionKey: noticeId })
      .fetchAll();
    const rows = resources.slice(0, options.size).map((d) => toDomain<Delivery>(d));
    return { rows, ...(resources.length > options.size ? { next: rows.at(-1)!.id } : {}) };
  }
}
