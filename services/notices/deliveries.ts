import { createHash } from 'node:crypto';
import type { Round } from '../model/notice';
import type { Versioned } from '../ports';

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'undeliverable';

/** One notice (one round of it) to one conversation: created once, claimed by one worker at a time. */
export interface Delivery {
  id: string;
  noticeId: string;
  round: Round;
  recipientId: string;
  /** Copied from the recipient when created, so sending needs no lookup. Opaque to the domain. */
  reference: Record<string, unknown>;
  locale: 'zh-CN' | 'en-US';
  status: DeliveryStatus;
  attempts: number;
  /** Not before (retries after a 429's Retry-After or a backoff). */
  notBefore: string;
  /** The worker holding it, until when; expired leases are taken over. */
  claimedBy?: string | null;
  leaseUntil?: string | null;
  activityId?: string;
  sentAt?: string;
  /** The last failure (status and message), kept on retries too. */
  reason?: string;
  createdAt: string;
}

export function deliveryId(noticeId: string, round: Round, recipientId: string): string {
  return createHash('sha256').update(`${noticeId}\u0000${round}\u0000${recipientId}`).digest('hex').slice(0, 40);
}

export interface DeliveryCounts {
  total: number;
  pending: number;
  sent: number;
  failed: number;
  undeliverable: number;
}

export interface DeliveryRepository {
  /** Creates the records that do not exist yet (idempotent); returns how many were new. */
  createMissing(deliveries: Delivery[]): Promise<number>;
  /** Pending records of a round that are due and not held by a live lease, oldest first. */
  claimable(noticeId: string, round: Round, now: string, limit: number): Promise<Versioned<Delivery>[]>;
  /** Compare-and-swap on the record's etag; null when someone else changed it first. */
  replaceIfUnchanged(delivery: Delivery, etag: string): Promise<Versioned<Delivery> | null>;
  counts(noticeId: string, round?: Round): Promise<DeliveryCounts>;
  list(noticeId: string, status?: DeliveryStatus): Promise<Delivery[]>;
}

export function emptyCounts(): DeliveryCounts {
  return { total: 0, pending: 0, sent: 0, failed: 0, undeliverable: 0 };
}
