import { createHash } from 'node:crypto';
import type { Round } from '../model/notice';

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

/** Records are claimed in batches of this many: one lease (a compare-and-swap) covers a batch. */
export const BATCH_SIZE = 50;

/**
 * A batch of a round's delivery records, the unit workers claim: found by point reads (its id is its
 * number), never by a query, so claiming costs the same at 100 or 100 000 recipients.
 */
export interface DeliveryBatch {
  id: string;
  noticeId: string;
  round: Round;
  index: number;
  deliveryIds: string[];
  claimedBy?: string | null;
  leaseUntil?: string | null;
  done: boolean;
}

/** Outcomes of a batch once all its records are settled. */
export type BatchCounts = Pick<DeliveryCounts, 'sent' | 'failed' | 'undeliverable'>;

/**
 * A round's tally: how many batches and records it has, and each finished batch's outcomes (by batch number,
 * so finishing a batch twice after a crash counts it once). Status, progress and completion read this one
 * document.
 */
export interface RoundTally {
  id: string;
  noticeId: string;
  round: Round;
  batches: number;
  total: number;
  done: Record<string, BatchCounts>;
  /** The channel's 429 answers so far (each retried), counted as they come, by every instance. */
  throttled?: number;
}

export const batchId = (noticeId: string, round: Round, index: number) => `batch:${noticeId}:${round}:${index}`;
export const tallyId = (noticeId: string, round: Round) => `tally:${noticeId}:${round}`;

/** The channel's 429 answers in a round so far (throttling staff can see; each was retried). */
export function throttledOf(tally: RoundTally | null): number {
  return tally?.throttled ?? 0;
}

/** Counts of a round from its tally: records of unfinished batches count as pending. */
export function countsOf(tally: RoundTally | null): DeliveryCounts {
  const counts = emptyCounts();
  if (!tally) return counts;
  counts.total = tally.total;
  for (const done of Object.values(tally.done)) {
    counts.sent += done.sent;
    counts.failed += done.failed;
    counts.undeliverable += done.undeliverable;
  }
  counts.pending = counts.total - counts.sent - counts.failed - counts.undeliverable;
  return counts;
}

export function emptyCounts(): DeliveryCounts {
  return { total: 0, pending: 0, sent: 0, failed: 0, undeliverable: 0 };
}
