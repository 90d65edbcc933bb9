import type { Notice, Round } from '../model/notice';
import type { Delivery, DeliveryBatch, DeliveryCounts, DeliveryStatus, RoundTally } from '../notices/deliveries';
import type { AudienceQuery, Recipient, RecipientState } from '../notices/recipients';
import type { Schedule } from '../notices/schedules';
import type { Versioned } from './versioned';

export interface NoticeRepository {
  upsert(notice: Notice): Promise<void>;
  get(id: string): Promise<Notice | null>;
  listByKind(kind: Notice['kind']): Promise<Notice[]>;
  getVersioned(id: string): Promise<Versioned<Notice> | null>;
  /** Compare-and-swap; null when someone changed it first. */
  replaceIfUnchanged(notice: Notice, etag: string): Promise<Versioned<Notice> | null>;
  /** Notices with a round being prepared or sent (the engine's work list). */
  listActive(): Promise<Notice[]>;
  /** The latest notices, newest first. */
  listRecent(limit: number): Promise<Notice[]>;
}

export interface ScheduleRepository {
  put(schedule: Schedule): Promise<void>;
  get(id: string): Promise<Versioned<Schedule> | null>;
  /** Pending schedules due before `until` (all of them, for arming). */
  pendingBefore(until: string): Promise<Schedule[]>;
  replaceIfUnchanged(schedule: Schedule, etag: string): Promise<Versioned<Schedule> | null>;
}

export interface DeliveryRepository {
  /** Creates the records that do not exist yet (idempotent); returns how many were new. */
  createMissing(deliveries: Delivery[]): Promise<number>;
  get(noticeId: string, id: string): Promise<Versioned<Delivery> | null>;
  /** Compare-and-swap on the record's etag; null when someone else changed it first. */
  replaceIfUnchanged(delivery: Delivery, etag: string): Promise<Versioned<Delivery> | null>;
  /** Writes batches whatever was there (only before the round's tally exists, so before any claim). */
  putBatches(batches: DeliveryBatch[]): Promise<void>;
  getBatch(noticeId: string, round: Round, index: number): Promise<Versioned<DeliveryBatch> | null>;
  replaceBatch(batch: DeliveryBatch, etag: string): Promise<Versioned<DeliveryBatch> | null>;
  getTally(noticeId: string, round: Round): Promise<Versioned<RoundTally> | null>;
  /** Null when it already exists. */
  createTally(tally: RoundTally): Promise<Versioned<RoundTally> | null>;
  replaceTally(tally: RoundTally, etag: string): Promise<Versioned<RoundTally> | null>;
  /** Counted from the records themselves (a query over the notice's partition): exports and checks. */
  counts(noticeId: string, round?: Round): Promise<DeliveryCounts>;
  list(noticeId: string, status?: DeliveryStatus): Promise<Delivery[]>;
}

export interface RecipientRepository {
  get(id: string): Promise<Recipient | null>;
  put(recipient: Recipient): Promise<void>;
  /** Active conversations matching the query (all active ones for an empty query). */
  listActive(query: AudienceQuery): Promise<Recipient[]>;
  setState(id: string, state: RecipientState, reason: string, at: string): Promise<void>;
}

/** How a notice reaches a conversation; the bot implements it with the channel's Connector API. */
export interface NoticeSender {
  /** Resolves with the channel's activity id; rejects with a SendFailure-shaped error. */
  send(delivery: Delivery, notice: Notice): Promise<{ activityId?: string }>;
  /** Tells the staff member who started a broadcast how it goes (milestones: 25, 50, 75, 100 %). */
  progress?(notice: Notice, round: Round, counts: DeliveryCounts): Promise<void>;
}
