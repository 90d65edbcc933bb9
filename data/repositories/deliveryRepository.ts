import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import type { Round } from '../../services/model/notice';
import { emptyCounts, type Delivery, type DeliveryCounts, type DeliveryRepository, type DeliveryStatus } from '../../services/notices/deliveries';
import type { Versioned } from '../../services/ports';
import { isStatus, toDomain } from './documents';

/** Delivery records, partitioned by notice: claiming, counting and listing stay inside one partition. */
export class CosmosDeliveryRepository implements DeliveryRepository {
  constructor(private readonly container: Container) {}

  /** Bulk creates in the notice's partition; an existing record (409) is left as it is. */
  async createMissing(deliveries: Delivery[]): Promise<number> {
    let created = 0;
    for (let i = 0; i < deliveries.length; i += 100) {
      const operations: OperationInput[] = deliveries.slice(i, i + 100).map((d) => ({ operationType: 'Create', partitionKey: d.noticeId, resourceBody: { ...d } as unknown as JSONObject }));
      const results = await this.container.items.bulk(operations);
      for (const result of results) {
        if (result.statusCode === 201) created++;
        else if (result.statusCode !== 409) throw new Error(`could not create a delivery record (status ${result.statusCode})`);
      }
    }
    return created;
  }

  async claimable(noticeId: string, round: Round, now: string, limit: number): Promise<Versioned<Delivery>[]> {
    const { resources } = await this.container.items
      .query(
        {
          query:
            'SELECT TOP @n * FROM c WHERE c.noticeId = @notice AND c.round = @round AND c.status = "pending" AND c.notBefore <= @now ' +
            'AND (NOT IS_DEFINED(c.leaseUntil) OR IS_NULL(c.leaseUntil) OR c.leaseUntil < @now)',
          parameters: [
            { name: '@n', value: limit },
            { name: '@notice', value: noticeId },
            { name: '@round', value: round },
            { name: '@now', value: now },
          ],
        },
        { partitionKey: noticeId },
      )
      .fetchAll();
    return resources.map((d) => ({ value: toDomain<Delivery>(d), etag: d._etag as string }));
  }

  async replaceIfUnchanged(delivery: Delivery, etag: string): Promise<Versioned<Delivery> | null> {
    try {
      const { resource, etag: next } = await this.container
        .item(delivery.id, delivery.noticeId)
        .replace({ ...delivery }, { accessCondition: { type: 'IfMatch', condition: etag } });
      return { value: toDomain<Delivery>(resource!), etag: next };
    } catch (err) {
      if (isStatus(err, 412) || isStatus(err, 404)) return null;
      throw err;
    }
  }

  /** Statuses are counted here: the embedded server has no GROUP BY, and one partition's statuses are small. */
  async counts(noticeId: string, round?: Round): Promise<DeliveryCounts> {
    const parameters = [{ name: '@notice', value: noticeId }, ...(round ? [{ name: '@round', value: round }] : [])];
    const { resources } = await this.container.items
      .query<DeliveryStatus>({ query: `SELECT VALUE c.status FROM c WHERE c.noticeId = @notice${round ? ' AND c.round = @round' : ''}`, parameters }, { partitionKey: noticeId })
      .fetchAll();
    const counts = emptyCounts();
    for (const status of resources) {
      counts.total++;
      counts[status]++;
    }
    return counts;
  }

  async list(noticeId: string, status?: DeliveryStatus): Promise<Delivery[]> {
    const parameters = [{ name: '@notice', value: noticeId }, ...(status ? [{ name: '@status', value: status }] : [])];
    const { resources } = await this.container.items
      .query({ query: `SELECT * FROM c WHERE c.noticeId = @notice${status ? ' AND c.status = @status' : ''}`, parameters }, { partitionKey: noticeId })
      .fetchAll();
    return resources.map((d) => toDomain<Delivery>(d)).sort((a, b) => a.round.localeCompare(b.round) || a.recipientId.localeCompare(b.recipientId));
  }
}
