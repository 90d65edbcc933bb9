import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import type { Round } from '../../services/model/notice';
import { batchId, emptyCounts, tallyId, type Delivery, type DeliveryBatch, type DeliveryCounts, type DeliveryStatus, type RoundTally } from '../../services/notices/deliveries';
import type { Versioned, DeliveryRepository } from '../../services/ports';
import { createIfAbsent, replaceIfMatch, toDomain, readVersioned } from './documents';

/** Delivery records, their batches and each round's tally, partitioned by notice; the engine uses point operations only. */
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

  async get(noticeId: string, id: string): Promise<Versioned<Delivery> | null> {
    return readVersioned<Delivery>(this.container, id, noticeId);
  }

  async putBatches(batches: DeliveryBatch[]): Promise<void> {
    for (let i = 0; i < batches.length; i += 100) {
      const operations: OperationInput[] = batches.slice(i, i + 100).map((b) => ({ operationType: 'Upsert', partitionKey: b.noticeId, resourceBody: { ...b } as unknown as JSONObject }));
      for (const result of await this.container.items.bulk(operations)) {
        if (result.statusCode >= 300) throw new Error(`could not write a delivery batch (status ${result.statusCode})`);
      }
    }
  }

  async getBatch(noticeId: string, round: Round, index: number): Promise<Versioned<DeliveryBatch> | null> {
    return readVersioned<DeliveryBatch>(this.container, batchId(noticeId, round, index), noticeId);
  }

  async replaceBatch(batch: DeliveryBatch, etag: string): Promise<Versioned<DeliveryBatch> | null> {
    return replaceIfMatch(this.container, batch.id, batch.noticeId, batch, etag);
  }

  async getTally(noticeId: string, round: Round): Promise<Versioned<RoundTally> | null> {
    return readVersioned<RoundTally>(this.container, tallyId(noticeId, round), noticeId);
  }

  createTally(tally: RoundTally): Promise<Versioned<RoundTally> | null> {
    return createIfAbsent(this.container, tally);
  }

  replaceTally(tally: RoundTally, etag: string): Promise<Versioned<RoundTally> | null> {
    return replaceIfMatch(this.container, tally.id, tally.noticeId, tally, etag);
  }

  async replaceIfUnchanged(delivery: Delivery, etag: string): Promise<Versioned<Delivery> | null> {
    return replaceIfMatch(this.container, delivery.id, delivery.noticeId, delivery, etag);
  }

  /** Statuses are counted here: the embedded server has no GROUP BY, and one partition's statuses are small. */
  async counts(noticeId: string, round?: Round): Promise<DeliveryCounts> {
    const parameters = [{ name: '@notice', value: noticeId }, ...(round ? [{ name: '@round', value: round }] : [])];
    const { resources } = await this.container.items
      .query<DeliveryStatus>({ query: `SELECT VALUE c.status FROM c WHERE c.noticeId = @notice AND IS_DEFINED(c.recipientId)${round ? ' AND c.round = @round' : ''}`, parameters }, { partitionKey: noticeId })
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
      .query({ query: `SELECT * FROM c WHERE c.noticeId = @notice AND IS_DEFINED(c.recipientId)${status ? ' AND c.status = @status' : ''}`, parameters }, { partitionKey: noticeId })
      .fetchAll();
    return resources.map((d) => toDomain<Delivery>(d)).sort((a, b) => a.round.localeCompare(b.round) || a.recipientId.localeCompare(b.recipientId));
  }
}
