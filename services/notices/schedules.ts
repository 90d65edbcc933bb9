import type { Round } from '../model/notice';

/** A job at a time: start one round of a notice. Lives in Cosmos, so a restart re-arms it. */
export interface Schedule {
  id: string; // `${noticeId}:${round}`
  noticeId: string;
  round: Round;
  runAt: string;
  state: 'pending' | 'done' | 'cancelled';
  /** The instance running it and until when (a lease taken by etag compare-and-swap). */
  owner?: string | null;
  leaseUntil?: string | null;
  doneAt?: string;
}

export const scheduleId = (noticeId: string, round: Round) => `${noticeId}:${round}`;
