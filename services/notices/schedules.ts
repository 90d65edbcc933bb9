import type { Round } from '../model/notice';
import type { Versioned } from '../ports';

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

export interface ScheduleRepository {
  put(schedule: Schedule): Promise<void>;
  get(id: string): Promise<Versioned<Schedule> | null>;
  /** Pending schedules due before `until` (all of them, for arming). */
  pendingBefore(until: string): Promise<Schedule[]>;
  replaceIfUnchanged(schedule: Schedule, etag: string): Promise<boolean>;
}

export const scheduleId = (noticeId: string, round: Round) => `${noticeId}:${round}`;
