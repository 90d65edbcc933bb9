import type { Notice, Round, RoundState } from '../../model/notice';
import type { BatchCounts, Delivery, DeliveryBatch, DeliveryCounts } from '../deliveries';

/** What the engine's parts share: the types of the work in hand, and the round-finished event. */
export interface EngineLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/** A round of a notice being sent. */
export interface RoundRef {
  notice: Notice;
  round: Round;
}

export const roundKey = (noticeId: string, round: Round): string => `${noticeId}:${round}`;

/** A batch this instance holds: its lease, and what is still unsettled. */
export interface HeldBatch {
  batch: DeliveryBatch;
  etag: string;
  unsettled: Set<string>;
  counts: BatchCounts;
  lost: boolean;
}

/** A pending record of a held batch, queued for sending. */
export interface Claimed {
  delivery: Delivery;
  etag: string;
  batch: HeldBatch;
  /** Not before this (ms): another instance had just sent into the conversation. Memory only, not an attempt. */
  heldUntil?: number;
}

/** A round reached its end (done, cancelled or skipped), as this instance saw it. */
export interface RoundFinished {
  noticeId: string;
  round: Round;
  state: RoundState;
  counts?: DeliveryCounts;
}

/** A small typed emitter: tests and the staff's progress wait on a round's end instead of polling for it. */
export class RoundEvents {
  private readonly listeners = new Set<(event: RoundFinished) => void>();

  on(listener: (event: RoundFinished) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: RoundFinished): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

export const FINAL_STATUSES: readonly RoundState['status'][] = ['done', 'cancelled', 'skipped'];
