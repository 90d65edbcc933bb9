import type { Clock } from '../../clock';
import type { Notice } from '../../model/notice';
import type { RateGate } from '../limits';
import type { SharedConversationLimits } from '../sharedLimits';
import type { BatchClaims } from './batches';
import { attemptSend, recordOutcome, type OutcomeDeps } from './outcomes';
import type { Claimed, EngineLog } from './work';

export interface SendLoopDeps {
  gate: RateGate;
  perConversation: SharedConversationLimits;
  marginMs: number;
  claims: BatchClaims;
  outcomes: OutcomeDeps;
  log: EngineLog;
  clock: Clock;
  /** The notice as this instance last read it (null when it is not among the active ones). */
  activeNotice: (noticeId: string) => Notice | null;
  /** Reads a notice that is not among the active ones any more. */
  readNotice: (noticeId: string) => Promise<Notice | null>;
}

/**
 * The send loop. A send takes its conversation's shared slot first (a database round trip), then the gate,
 * then at once its request: so the gate's even spacing is what the channel sees, not the database's jitter.
 * Slots are taken a few sends ahead, concurrently, so the database's latency does not slow the rate; at most
 * half the windows' margin ahead, and a slot the gate kept longer than that is taken again (counted twice,
 * on the safe side). Each outcome is recorded beside the sending, so a slow database write never holds sends back.
 */
export class SendLoop {
  /** Pending records of held batches, due now or later. */
  readonly queue: Claimed[] = [];
  /** Conversations whose slot is being taken now (the loop takes no second one meanwhile). */
  private readonly slotting = new Set<string>();
  /** Records whose slot is taken, in order, waiting for the gate. */
  private readonly slotted: { claimed: Claimed; at: number }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly recording = new Set<Promise<void>>();

  constructor(private readonly deps: SendLoopDeps) {}

  /** Sends in hand (queued, slotted or in flight): then this instance takes a share of the cap. */
  get busy(): boolean {
    return Boolean(this.queue.length || this.slotted.length || this.inFlight.size);
  }

  queuedFor(key: string): boolean {
    return this.queue.some((c) => `${c.delivery.noticeId}:${c.delivery.round}` === key);
  }

  async step(): Promise<void> {
    const { gate, clock, marginMs } = this.deps;
    if (gate.held) {
      // Waiting for the other instances to make room under the cap: nothing leaves, slots taken go stale.
      for (const { claimed } of this.slotted.splice(0)) this.queue.push(claimed);
      await clock.sleep(100);
      return;
    }
    this.takeSlotsAhead();
    const next = this.slotted.shift();
    if (!next) {
      await clock.sleep(this.queue.length || this.slotting.size ? 10 : 100);
      return;
    }
    const { claimed } = next;
    // Cancelled: a round no longer sending is not sent from here, and its batch is let go; checked before the
    // gate, so a cancelled round spends none of the rate, and again after it, since the wait there can be long
    // enough for a cancel to arrive (what is sent after a cancel is only what was already on the wire).
    if (!this.stillSending(claimed)) return;
    await gate.acquire();
    if (!this.stillSending(claimed)) return;
    // A batch whose lease could not be renewed may be someone else's now: its records are not sent from here.
    if (claimed.batch.lost) return;
    if (clock.now() - next.at > marginMs / 2 && !(await this.takeSlot(claimed))) return;
    const sent = this.deliver(claimed).finally(() => this.inFlight.delete(sent));
    this.inFlight.add(sent);
    if (this.inFlight.size >= Math.max(8, Math.ceil(gate.rate * 2))) await Promise.race(this.inFlight);
  }

  /** Whether the claimed record's round is still sending; if not, its batch is let go. */
  private stillSending(claimed: Claimed): boolean {
    if (this.deps.activeNotice(claimed.delivery.noticeId)?.rounds?.[claimed.delivery.round]?.status === 'sending') return true;
    this.deps.claims.abandon(claimed.batch);
    return false;
  }

  /** Lets sends in flight and their records finish; drops what was queued (its batches are handed back). */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    await Promise.all(this.recording);
    this.queue.splice(0);
    this.slotted.splice(0);
  }

  /** Starts taking slots for due records, up to as many as the gate lets out in half the margin. */
  private takeSlotsAhead(): void {
    const { gate, marginMs, perConversation, clock } = this.deps;
    const ahead = Math.max(1, Math.floor((gate.rate * marginMs) / 2 / 1000));
    const now = clock.now();
    const due = (c: Claimed) =>
      Date.parse(c.delivery.notBefore) <= now && (c.heldUntil ?? 0) <= now && !this.slotting.has(c.delivery.recipientId) && perConversation.waitMs(c.delivery.recipientId, now) === 0;
    while (this.slotting.size + this.slotted.length < ahead) {
      const index = this.queue.findIndex(due);
      if (index < 0) return;
      const [claimed] = this.queue.splice(index, 1) as [Claimed];
      if (claimed.batch.lost) continue;
      const conversation = claimed.delivery.recipientId;
      this.slotting.add(conversation);
      void this.takeSlot(claimed)
        .then((taken) => taken && this.slotted.push({ claimed, at: clock.now() }))
        .finally(() => this.slotting.delete(conversation));
    }
  }

  /**
   * Takes the conversation's shared slot for one HTTP attempt; false (and the record back in the queue, not
   * before the slot frees) when another instance has just sent there, or the database did not answer.
   */
  private async takeSlot(claimed: Claimed): Promise<boolean> {
    const wait = await this.deps.perConversation.reserve(claimed.delivery.recipientId).catch((err: unknown) => {
      this.deps.log.warn({ err: String(err), delivery: claimed.delivery.id }, 'could not take a send slot; trying again');
      return 1_000;
    });
    if (wait > 0) this.queue.push({ ...claimed, heldUntil: this.deps.clock.now() + wait });
    return wait === 0;
  }

  private async deliver(claimed: Claimed): Promise<void> {
    const { delivery } = claimed;
    const notice = this.deps.activeNotice(delivery.noticeId) ?? (await this.deps.readNotice(delivery.noticeId));
    // A 429 is counted on the round's tally at once (beside the sending), so its status shows the throttling live.
    const next = await attemptSend(this.deps.outcomes, delivery, notice, () => void this.deps.claims.countThrottled(delivery.noticeId, delivery.round));
    const recording = this.settle(claimed, next)
      .catch((err: unknown) => this.deps.log.warn({ err: String(err), delivery: next.id }, 'could not settle a delivery'))
      .finally(() => this.recording.delete(recording));
    this.recording.add(recording);
  }

  private async settle({ delivery, etag, batch }: Claimed, next: typeof delivery): Promise<void> {
    const saved = await recordOutcome(this.deps.outcomes, next, etag);
    if (!saved) {
      if (next.status === 'sent') this.deps.log.warn({ delivery: delivery.id }, 'sent, but the record had been taken over (lease expired)');
      this.deps.claims.abandon(batch);
      return;
    }
    if (next.status === 'pending') {
      // Retried later by this instance, which still holds the batch.
      this.queue.push({ delivery: saved.value, etag: saved.etag, batch });
      return;
    }
    batch.counts[next.status]++;
    batch.unsettled.delete(delivery.id);
    if (!batch.unsettled.size && !batch.lost) await this.deps.claims.finish(batch);
  }
}
