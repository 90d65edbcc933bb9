import type { Container } from '@azure/cosmos';
import type { Feedback, Lead, OutboxMessage } from '../../services/matching/leads';
import type { Versioned, FeedbackRepository, LeadRepository, Outbox } from '../../services/ports';
import { createIfAbsent, replaceIfMatch, toDomain, readVersioned } from './documents';

/** Leads, id = lead number, partitioned by it (point reads; the due-feedback query is small and periodic). */
export class CosmosLeadRepository implements LeadRepository {
  constructor(private readonly container: Container) {}

  async create(lead: Lead): Promise<void> {
    await this.container.items.create({ ...lead });
  }

  async get(leadNo: string): Promise<Versioned<Lead> | null> {
    return readVersioned<Lead>(this.container, leadNo, leadNo);
  }

  async listDue(now: Date): Promise<Versioned<Lead>[]> {
    const { resources } = await this.container.items
      .query({
        query: 'SELECT * FROM c WHERE c.feedbackDueAt <= @now AND NOT IS_DEFINED(c.feedbackAskedAt) AND NOT IS_DEFINED(c.feedbackAt)',
        parameters: [{ name: '@now', value: now.toISOString() }],
      })
      .fetchAll();
    return resources.map((d) => ({ value: toDomain<Lead>(d), etag: d._etag as string }));
  }

  async replaceIfUnchanged(lead: Lead, etag: string): Promise<Versioned<Lead> | null> {
    // undefined fields are dropped by JSON: releasing a claim removes feedbackAskedAt.
    const doc = JSON.parse(JSON.stringify(lead)) as Lead;
    return replaceIfMatch(this.container, lead.id, lead.id, doc, etag);
  }

  async list(): Promise<Lead[]> {
    const { resources } = await this.container.items.query('SELECT * FROM c ORDER BY c.createdAt DESC').fetchAll();
    return resources.map((d) => toDomain<Lead>(d));
  }
}

/** Feedback partitioned by supplier: "this supplier's feedback of a year" is one partition. */
export class CosmosFeedbackRepository implements FeedbackRepository {
  constructor(private readonly container: Container) {}

  add(feedback: Feedback): Promise<Versioned<Feedback> | null> {
    return createIfAbsent(this.container, feedback);
  }

  async list(filter: { supplierCreditCode?: string; year?: number }): Promise<Feedback[]> {
    const where: string[] = [];
    const parameters: { name: string; value: string | number }[] = [];
    if (filter.supplierCreditCode) {
      where.push('c.supplierCreditCode = @cc');
      parameters.push({ name: '@cc', value: filter.supplierCreditCode });
    }
    if (filter.year) {
      where.push('c.year = @year');
      parameters.push({ name: '@year', value: filter.year });
    }
    const query = `SELECT * FROM c${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.at`;
    const { resources } = await this.container.items.query({ query, parameters }).fetchAll();
    return resources.map((d) => toDomain<Feedback>(d));
  }
}

export class CosmosOutbox implements Outbox {
  constructor(private readonly container: Container) {}

  async add(message: OutboxMessage): Promise<void> {
    await this.container.items.create({ ...message });
  }

  async list(status?: OutboxMessage['status']): Promise<OutboxMessage[]> {
    const { resources } = await this.container.items
      .query(status ? { query: 'SELECT * FROM c WHERE c.status = @s ORDER BY c.createdAt', parameters: [{ name: '@s', value: status }] } : 'SELECT * FROM c ORDER BY c.createdAt')
      .fetchAll();
    return resources.map((d) => toDomain<OutboxMessage>(d));
  }
}
