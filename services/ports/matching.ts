import type { Feedback, Lead, OutboxMessage } from '../matching/leads';
import type { Versioned } from './versioned';

export interface LeadRepository {
  create(lead: Lead): Promise<void>;
  get(leadNo: string): Promise<Versioned<Lead> | null>;
  /** Leads whose feedback is due and not yet asked. */
  listDue(now: Date): Promise<Versioned<Lead>[]>;
  /** Replaces only if unchanged since `etag` (null otherwise): one instance claims each ask. */
  replaceIfUnchanged(lead: Lead, etag: string): Promise<Versioned<Lead> | null>;
  list(): Promise<Lead[]>;
}

export interface FeedbackRepository {
  /** Null when this lead already has feedback. */
  add(feedback: Feedback): Promise<Versioned<Feedback> | null>;
  list(filter: { supplierCreditCode?: string; year?: number }): Promise<Feedback[]>;
}

export interface Outbox {
  add(message: OutboxMessage): Promise<void>;
  list(status?: OutboxMessage['status']): Promise<OutboxMessage[]>;
}
