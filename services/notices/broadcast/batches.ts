import type { Clock } from '../../clock';
import { Contended, replaceOnly, takeLease, updateWithRetry } from '../../concurrency';
import type { Round } from '../../model/notice';
import type { DeliveryRepository, Versioned } from '../../ports';
import { batchId, type DeliveryBatch, type RoundTally } from '../deliveries';
import { roundKey, type Claimed, type HeldBatch, type RoundRef } from './work';

/** A round where a pass found no batch to claim is looked at again after this. */
const EXHAUSTED_MS = 2_000;

export interface BatchDeps {
  instanceId: string;
  deliveries: DeliveryRepository;
  leaseMs: number;
  clock: Clock;
  /** A batch was finished (its round may be done now). */
  onFinished: () => void;
}

/**
 * Batch claims and their leases. A batch is claimed by compare-and-swap with a lease, then its records are
 * read; settled ones (a batch taken over after a crash) count at once, pending ones are queued. Leases are
 * renewed halfway; a batch whose lease could not be renewed may be someone else's, and is let go.
 */
export class BatchClaims {
  readonly held = new Map<string, HeldBatch>();
  private readonly cursor = new Map<string, number>(); // round key → next batch number to try
  private readonly exhausted = new Map<string, number>(); // round key → when a pass found nothing to claim

  constructor(private readonly deps: BatchDeps) {}

  /** Claims batches of the rounds being sent, round-robin from a cursor, until `queue` holds `want` records. */
  async refill(sending: RoundRef[], want: number, queue: Claimed[], now: number): Promise<void> {
    for (const { notice, round } of sending) {
      const key = roundKey(notice.id, round);
      if (now - (this.exhausted.get(key) ?? 0) < EXHAUSTED_MS) continue;
      const tally = await this.deps.deliveries.getTally(notice.id, round);
      if (!tally) continue;
      const { batches } = tally.value;
      let tried = 0;
      let claimed = 0;
      while (tried < batches && queue.length < want) {
        const index = (this.cursor.get(key) ?? 0) % Math.max(1, batches);
        this.cursor.set(key, index + 1);
        tried++;
        if (tally.value.done[String(index)] || this.held.has(batchId(notice.id, round, index))) continue;
        if (await this.claim(notice.id, round, index, queue)) claimed++;
      }
      if (!claimed) this.exhausted.set(key, this.deps.clock.now());
      if (queue.length >= want) break;
    }
  }

  private async claim(noticeId: string, round: Round, index: number, queue: Claimed[]): Promise<boolean> {
    const { deliveries } = this.deps;
    const taken = await takeLease(() => deliveries.getBatch(noticeId, round, index), (next, etag) => deliveries.replaceBatch(next, etag), {
      owner: this.deps.instanceId,
      now: this.deps.clock.now(),
      ms: this.deps.leaseMs,
      eligible: (batch) => !batch.done,
      held: (batch) => ({ owner: batch.claimedBy, until: batch.leaseUntil }),
      withLease: (batch, claimedBy, leaseUntil) => ({ ...batch, claimedBy, leaseUntil }),
    });
    if (!taken) return false;
    const held: HeldBatch = { batch: taken.value, etag: taken.etag, unsettled: new Set(), counts: { sent: 0, failed: 0, undeliverable: 0 }, lost: false };
    this.held.set(taken.value.id, held);
    const records = await Promise.all(taken.value.deliveryIds.map((id) => deliveries.get(noticeId, id)));
    for (const record of records) {
      if (!record) continue;
      if (record.value.status === 'pending') {
        held.unsettled.add(record.value.id);
        queue.push({ delivery: record.value, etag: record.etag, batch: held });
      } else held.counts[record.value.status]++;
    }
    if (!held.unsettled.size) await this.finish(held);
    return true;
  }

  /** Records the batch's outcomes in the round's tally (idempotent by batch number), then marks it done. */
  async finish(held: HeldBatch): Promise<void> {
    const { noticeId, round, index } = held.batch;
    const { deliveries } = this.deps;
    await updateWithRetry<RoundTally>(
      `tally ${roundKey(noticeId, round)}`,
      () => deliveries.getTally(noticeId, round),
      (tally) => tally && { ...tally, done: { ...tally.done, [String(index)]: held.counts } },
      replaceOnly((next, etag) => deliveries.replaceTally(next, etag)),
      { attempts: 20 },
    ).catch((err: unknown) => {
      if (!(err instanceof Contended)) throw err;
    });
    this.held.delete(held.batch.id);
    // First on the version in hand; a lease renewal of ours may have raced this write: if the batch is still
    // ours, again on its new version. No answer from the database counts as a lost race (the lease then expires).
    let inHand: Versioned<DeliveryBatch> | null = { value: held.batch, etag: held.etag };
    const read = async () => {
      const version = inHand ?? (await deliveries.getBatch(noticeId, round, index).catch(() => null));
      inHand = null;
      return version;
    };
    await updateWithRetry<DeliveryBatch>(
      `batch ${held.batch.id}`,
      read,
      (batch) => (batch === held.batch || (batch && !batch.done && batch.claimedBy === this.deps.instanceId) ? { ...held.batch, done: true, claimedBy: null, leaseUntil: null } : null),
      replaceOnly((next, etag) => deliveries.replaceBatch(next, etag).catch(() => null)),
      { attempts: 3 },
    ).catch((err: unknown) => {
      if (!(err instanceof Contended)) throw err;
    });
    this.deps.onFinished();
  }

  /** Counts one 429 of the round on its tally (a best effort: a count lost to an error is not worth a retry loop). */
  async countThrottled(noticeId: string, round: Round): Promise<void> {
    const { deliveries } = this.deps;
    await updateWithRetry<RoundTally>(
      `tally ${roundKey(noticeId, round)}`,
      () => deliveries.getTally(noticeId, round),
      (tally) => tally && { ...tally, throttled: (tally.throttled ?? 0) + 1 },
      replaceOnly((next, etag) => deliveries.replaceTally(next, etag)),
      { attempts: 20 },
    ).catch(() => undefined);
  }

  /** Renews the leases of held batches halfway through; a batch lost to another instance is dropped here. */
  async renew(now: number): Promise<void> {
    for (const held of this.held.values()) {
      if (Date.parse(held.batch.leaseUntil ?? '') - now > this.deps.leaseMs / 2) continue;
      const renewed = await this.deps.deliveries.replaceBatch({ ...held.batch, leaseUntil: new Date(now + this.deps.leaseMs).toISOString() }, held.etag).catch(() => null);
      if (renewed) {
        held.batch = renewed.value;
        held.etag = renewed.etag;
      } else {
        // Taken over (our lease had expired) or changed under us: its records are no longer ours to send.
        this.abandon(held);
      }
    }
  }

  /**
   * Lets go of a batch this instance can no longer vouch for: its queued records stay unsent here, and its lease
   * is left to expire (not released), so no one reclaims it while sends of ours may still be in flight.
   */
  abandon(held: HeldBatch): void {
    held.lost = true;
    this.held.delete(held.batch.id);
  }

  /** Hands every held batch back at once (stopping: nothing of ours is in flight any more). */
  async releaseAll(): Promise<void> {
    const held = [...this.held.values()];
    this.held.clear();
    await Promise.all(held.map((h) => this.deps.deliveries.replaceBatch({ ...h.batch, claimedBy: null, leaseUntil: null }, h.etag).catch(() => null)));
  }
}
