import { Contended, replaceOnly, takeLease, updateWithRetry } from '../concurrency';
import type { Notice, Round, RoundState } from '../model/notice';
import type { MetaRepository, NoticeRepository, Versioned, DeliveryRepository, NoticeSender, RecipientRepository } from '../ports';
import { resolveAudience, type EnterpriseDirectory } from './audience';
import { BATCH_SIZE, batchId, countsOf, deliveryId, tallyId, type BatchCounts, type Delivery, type DeliveryBatch, type DeliveryCounts, type RoundTally } from './deliveries';
import { CapShare } from './capShare';
import { RateGate, type Window } from './limits';
import { DEFAULT_RETRY, nextStep, type RetryPolicy, type SendFailure } from './retry';
import { DEFAULT_MARGIN_MS, SharedConversationLimits } from './sharedLimits';

export interface EngineLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface EngineOptions {
  instanceId: string;
  notices: NoticeRepository;
  deliveries: DeliveryRepository;
  recipients: RecipientRepository;
  directory: EnterpriseDirectory;
  meta: MetaRepository;
  sender: NoticeSender;
  log: EngineLog;
  /** BROADCAST_MAX_RPS: the bot-wide cap, shared by the instances sending at the time. */
  maxRps: number;
  leaseMs?: number;
  retry?: RetryPolicy;
  /** How often to look for work when idle, and to log progress. */
  pollMs?: number;
  progressMs?: number;
  /** Per-conversation windows (default: Teams' own) and their safety margin, for tests. */
  conversationWindows?: Window[];
  windowMarginMs?: number;
}

const MILESTONES = [25, 50, 75, 100];

interface Claimed {
  delivery: Delivery;
  etag: string;
  batch: HeldBatch;
  /** Not before this (ms): another instance had just sent into the conversation. Memory only, not an attempt. */
  heldUntil?: number;
}

/** A batch this instance holds: its lease, and what is still unsettled. */
interface HeldBatch {
  batch: DeliveryBatch;
  etag: string;
  unsettled: Set<string>;
  counts: BatchCounts;
  lost: boolean;
}

export class SendError extends Error implements SendFailure {
  constructor(message: string, readonly status?: number, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'SendError';
  }
}

/**
 * The delivery engine. A round of a notice is prepared once (one delivery record per recipient, created
 * idempotently, grouped in numbered batches, under a lease any instance takes over when it expires), then
 * every instance claims batches by etag compare-and-swap with a lease, sends their records within the
 * bot-wide and per-conversation limits, and records each outcome on its record and each finished batch in the
 * round's tally. Only point reads and writes while sending. Nothing lives only in memory: after a crash,
 * expired leases are claimed again and records already settled are not sent twice.
 */
export class BroadcastEngine {
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private readonly gate: RateGate;
  private readonly perConversation: SharedConversationLimits;
  private readonly capShare: CapShare;
  private readonly marginMs: number;
  /** Conversations whose slot is being taken now (the send loop takes no second one meanwhile). */
  private readonly slotting = new Set<string>();
  /** Records whose slot is taken, in order, waiting for the gate. */
  private readonly slotted: { claimed: Claimed; at: number }[] = [];
  private queue: Claimed[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly recording = new Set<Promise<void>>();
  private readonly held = new Map<string, HeldBatch>();
  private readonly cursor = new Map<string, number>(); // round key → next batch number to try
  private readonly exhausted = new Map<string, number>(); // round key → when a pass found nothing to claim
  private readonly lastCheck = new Map<string, number>();
  private readonly rates = new Map<string, { at: number; sent: number }>();
  private active: Notice[] = [];
  private activeAt = 0;
  private lastProgress = 0;
  private running: Promise<void> | null = null;
  private stopping = false;
  /** Each loop's current sleep, cut short when there is news (a round started, a batch finished, stopping). */
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: EngineOptions) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.gate = new RateGate(options.maxRps);
    this.capShare = new CapShare({ instanceId: options.instanceId, meta: options.meta, maxRps: options.maxRps, gate: this.gate });
    this.marginMs = options.windowMarginMs ?? DEFAULT_MARGIN_MS;
    this.perConversation = new SharedConversationLimits(options.meta, Date.now, options.conversationWindows, this.marginMs);
  }

  /**
   * Starts a round: marks it preparing (idempotent: a round already started is left as it is) and nudges
   * the engine. Reminders are skipped when the notice itself never went out, or went out at the opening.
   */
  async startRound(noticeId: string, round: Round, now = new Date()): Promise<RoundState | null> {
    const state = await this.updateNotice(noticeId, (notice) => {
      const current = notice.rounds?.[round];
      if (current && current.status !== 'scheduled') return null;
      const main = notice.rounds?.main;
      let next: RoundState = { status: 'preparing', at: now.toISOString() };
      if (round !== 'main' && !(main && ['preparing', 'sending', 'done'].includes(main.status))) {
        next = { status: 'skipped', at: now.toISOString(), reason: 'the notice itself was never sent' };
      } else if (round === 'opening' && main && Date.parse(main.at) >= now.getTime() - 12 * 3600_000) {
        next = { status: 'skipped', at: now.toISOString(), reason: 'the notice itself went out at the opening' };
      }
      return { ...notice, rounds: { ...notice.rounds, [round]: next }, active: next.status === 'preparing' || notice.active === true };
    });
    this.activeAt = 0;
    this.wakeUp();
    return state?.rounds?.[round] ?? null;
  }

  /**
   * Cancels a notice's rounds that are scheduled, preparing or sending (the staff console's hook, kept apart
   * from the sending itself): sends in flight finish, what was not sent stays pending and is reported as
   * cancelled. This instance drops its queued sends at once, other instances when they next read the active
   * notices (pollMs). Null when there is no such notice; [] when nothing was left to cancel.
   */
  async cancel(noticeId: string, now = new Date()): Promise<Round[] | null> {
    let cancelled: Round[] = [];
    const notice = await this.updateNotice(noticeId, (n) => {
      cancelled = (Object.entries(n.rounds ?? {}) as [Round, RoundState][]).filter(([, st]) => ['scheduled', 'preparing', 'sending'].includes(st.status)).map(([r]) => r);
      if (!cancelled.length) return null;
      const rounds = { ...n.rounds };
      for (const r of cancelled) rounds[r] = { ...withoutLease(rounds[r]!), status: 'cancelled', finishedAt: now.toISOString() };
      return { ...n, rounds, active: Object.values(rounds).some((st) => st.status === 'preparing' || st.status === 'sending') };
    });
    if (!notice) return (await this.options.notices.get(noticeId)) ? [] : null;
    this.active = this.active.map((n) => (n.id === noticeId ? notice : n));
    this.wakeUp();
    return cancelled;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop().catch((err: unknown) => this.options.log.warn({ err: String(err) }, 'broadcast engine stopped on an error'));
  }

  /** Stops claiming, lets sends in flight finish, and hands unsent claims back at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp();
    await this.running;
    this.running = null;
    await Promise.all(this.inFlight);
    await Promise.all(this.recording);
    this.queue.splice(0);
    this.slotted.splice(0);
    const held = [...this.held.values()];
    this.held.clear();
    await Promise.all(held.map((h) => this.options.deliveries.replaceBatch({ ...h.batch, claimedBy: null, leaseUntil: null }, h.etag).catch(() => null)));
  }

  /**
   * Three loops: the heartbeat (below); housekeeping (finding work, claiming, leases, progress, completion) talks to the database;
   * sending takes due records from the queue, each conversation's shared slot and the rate gate. A slow database
   * answer slows the sending (a slot is one read and one write) but never causes a burst to catch up after it.
   */
  private async loop(): Promise<void> {
    await Promise.all([this.run(() => this.housekeeping()), this.run(() => this.sendNext()), this.run(() => this.heartbeat())]);
  }

  /**
   * The cap's share, in a loop of its own: housekeeping can be busy for many seconds (preparing a large
   * round) while sends go on, and a beat missed that long would make the others think this instance gone.
   */
  private async heartbeat(): Promise<void> {
    // Only an instance with sends in hand takes a share: one busy preparing a round, or done, gives it back.
    if (this.held.size || this.queue.length || this.slotted.length || this.inFlight.size) await this.capShare.beat();
    else await this.capShare.leave();
    await this.sleep(500);
  }

  private async run(step: () => Promise<void>): Promise<void> {
    while (!this.stopping) {
      try {
        await step();
      } catch (err) {
        this.options.log.warn({ err: String(err) }, 'broadcast engine step failed; retrying');
        await this.sleep(1_000);
      }
    }
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    if (now - this.activeAt > (this.options.pollMs ?? 1_000)) await this.refreshActive(now);
    const rounds = this.active.flatMap((n) => Object.values(n.rounds ?? {})).filter((r) => r.status === 'preparing' || r.status === 'sending');
    // Several rounds at once may reach one conversation from several instances: then slots are shared.
    void this.perConversation.setShared(rounds.length > 1);
    const sending = this.sendingRounds();
    if (!sending.length && !this.held.size) {
      await this.sleep(this.options.pollMs ?? 1_000);
      return;
    }
    // Five seconds of work in hand rides out a slow moment of the database.
    if (this.queue.length < Math.max(5, this.gate.rate * 5)) await this.refill(sending, now);
    await this.renewLeases(now);
    await this.reportProgress(sending, now);
    if (!this.queue.length) await this.finishRounds(sending, now);
    await this.sleep(this.queue.length ? 200 : 100);
  }

  /**
   * The send loop. A send takes its conversation's shared slot first (a database round trip), then the gate,
   * then at once its request: so the gate's even spacing is what the channel sees, not the database's jitter.
   * Slots are taken a few sends ahead, concurrently, so the database's latency does not slow the rate; at most
   * half the windows' margin ahead, and a slot the gate kept longer than that is taken again (counted twice,
   * on the safe side).
   */
  private async sendNext(): Promise<void> {
    if (this.gate.held) {
      // Waiting for the other instances to make room under the cap: nothing leaves, slots taken go stale.
      for (const { claimed } of this.slotted.splice(0)) this.queue.push(claimed);
      await new Promise((r) => setTimeout(r, 100));
      return;
    }
    this.takeSlotsAhead();
    const next = this.slotted.shift();
    if (!next) {
      await new Promise((r) => setTimeout(r, this.queue.length || this.slotting.size ? 10 : 100));
      return;
    }
    const { claimed } = next;
    // Cancelled (see cancel()): a round no longer sending is not sent from here, and its batch is let go; checked
    // before the gate, so a cancelled round spends none of the rate.
    if (this.active.find((n) => n.id === claimed.delivery.noticeId)?.rounds?.[claimed.delivery.round]?.status !== 'sending') {
      this.abandon(claimed.batch);
      return;
    }
    await this.gate.acquire();
    // A batch whose lease could not be renewed may be someone else's now: its records are not sent from here.
    if (claimed.batch.lost) return;
    if (Date.now() - next.at > this.marginMs / 2 && !(await this.takeSlot(claimed))) return;
    const sent = this.deliver(claimed).finally(() => this.inFlight.delete(sent));
    this.inFlight.add(sent);
    if (this.inFlight.size >= Math.max(8, Math.ceil(this.gate.rate * 2))) await Promise.race(this.inFlight);
  }

  /** Starts taking slots for due records, up to as many as the gate lets out in half the margin. */
  private takeSlotsAhead(): void {
    const ahead = Math.max(1, Math.floor((this.gate.rate * this.marginMs) / 2 / 1000));
    const now = Date.now();
    const due = (c: Claimed) =>
      Date.parse(c.delivery.notBefore) <= now && (c.heldUntil ?? 0) <= now && !this.slotting.has(c.delivery.recipientId) && this.perConversation.waitMs(c.delivery.recipientId, now) === 0;
    while (this.slotting.size + this.slotted.length < ahead) {
      const index = this.queue.findIndex(due);
      if (index < 0) return;
      const [claimed] = this.queue.splice(index, 1) as [Claimed];
      if (claimed.batch.lost) continue;
      const conversation = claimed.delivery.recipientId;
      this.slotting.add(conversation);
      void this.takeSlot(claimed)
        .then((taken) => taken && this.slotted.push({ claimed, at: Date.now() }))
        .finally(() => this.slotting.delete(conversation));
    }
  }

  private async refreshActive(now: number): Promise<void> {
    this.active = await this.options.notices.listActive();
    this.activeAt = now;
    for (const notice of this.active) {
      for (const [round, state] of Object.entries(notice.rounds ?? {}) as [Round, RoundState][]) {
        if (state.status === 'preparing' && (!state.leaseUntil || Date.parse(state.leaseUntil) < now)) await this.prepare(notice.id, round);
      }
    }
  }

  private sendingRounds(): { notice: Notice; round: Round }[] {
    return this.active.flatMap((notice) =>
      (Object.entries(notice.rounds ?? {}) as [Round, RoundState][]).filter(([, s]) => s.status === 'sending').map(([round]) => ({ notice, round })),
    );
  }

  /** Materialises a round's delivery records under a lease; safe to repeat after a crash midway. */
  private async prepare(noticeId: string, round: Round): Promise<void> {
    const taken = (await this.roundLease(noticeId, round, (state) => state.status === 'preparing'))?.value;
    if (!taken) return;
    // A stable order, so a preparation repeated after a crash writes the same batches.
    const recipients = (await resolveAudience(taken, this.options.recipients, this.options.directory)).sort((a, b) => a.id.localeCompare(b.id));
    const createdAt = new Date().toISOString();
    let created = 0;
    for (let i = 0; i < recipients.length; i += 500) {
      const chunk = recipients.slice(i, i + 500).map(
        (r): Delivery => ({
          id: deliveryId(noticeId, round, r.id),
          noticeId,
          round,
          recipientId: r.id,
          reference: r.reference,
          locale: r.locale,
          status: 'pending',
          attempts: 0,
          notBefore: createdAt,
          createdAt,
        }),
      );
      created += await this.options.deliveries.createMissing(chunk);
      this.options.log.info({ noticeId, round, prepared: Math.min(i + 500, recipients.length), total: recipients.length }, 'preparing broadcast');
      await this.roundLease(noticeId, round, (state) => state.owner === this.options.instanceId);
    }
    const ids = recipients.map((r) => deliveryId(noticeId, round, r.id));
    const batches: DeliveryBatch[] = [];
    for (let i = 0; i * BATCH_SIZE < ids.length; i++) batches.push({ id: batchId(noticeId, round, i), noticeId, round, index: i, deliveryIds: ids.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE), done: false });
    // Batches are rewritten until the tally exists; once it does, the round's batches are final.
    if (!(await this.options.deliveries.getTally(noticeId, round))) {
      await this.options.deliveries.putBatches(batches);
      await this.options.deliveries.createTally({ id: tallyId(noticeId, round), noticeId, round, batches: batches.length, total: ids.length, done: {} });
    }
    const total = countsOf((await this.options.deliveries.getTally(noticeId, round))?.value ?? null).total;
    await this.updateNotice(noticeId, (n) => {
      const state = n.rounds?.[round];
      if (state?.status !== 'preparing') return null;
      return { ...n, rounds: { ...n.rounds, [round]: { ...withoutLease(state), status: 'sending', total } } };
    });
    this.options.log.info({ noticeId, round, recipients: total, created }, 'broadcast prepared');
    this.activeAt = 0;
  }

  /** Takes (or renews) the lease on preparing a round: two minutes, taken over by another instance after that. */
  private roundLease(noticeId: string, round: Round, eligible: (state: RoundState) => boolean) {
    return takeLease(() => this.options.notices.getVersioned(noticeId), (next, etag) => this.options.notices.replaceIfUnchanged(next, etag), {
      owner: this.options.instanceId,
      now: Date.now(),
      ms: 2 * 60_000,
      renewOwn: true,
      attempts: 10,
      eligible: (notice) => Boolean(notice.rounds?.[round] && eligible(notice.rounds[round])),
      held: (notice) => ({ owner: notice.rounds?.[round]?.owner, until: notice.rounds?.[round]?.leaseUntil }),
      withLease: (notice, owner, leaseUntil) => ({ ...notice, rounds: { ...notice.rounds, [round]: { ...notice.rounds![round]!, owner, leaseUntil } } }),
    });
  }

  /**
   * Claims batches of the rounds being sent, round-robin: point-reads batch numbers from a cursor and takes
   * a free (or expired) one by compare-and-swap with a lease, then reads its records; settled records (a batch
   * taken over after a crash) count at once, pending ones are queued.
   */
  private async refill(sending: { notice: Notice; round: Round }[], now: number): Promise<void> {
    const want = Math.ceil(Math.max(10, this.gate.rate * 8));
    for (const { notice, round } of sending) {
      const key = `${notice.id}:${round}`;
      if (now - (this.exhausted.get(key) ?? 0) < 2_000) continue;
      const tally = await this.options.deliveries.getTally(notice.id, round);
      if (!tally) continue;
      const { batches } = tally.value;
      let tried = 0;
      let claimed = 0;
      while (tried < batches && this.queue.length < want) {
        const index = (this.cursor.get(key) ?? 0) % Math.max(1, batches);
        this.cursor.set(key, index + 1);
        tried++;
        if (tally.value.done[String(index)] || this.held.has(batchId(notice.id, round, index))) continue;
        if (await this.claimBatch(notice.id, round, index)) claimed++;
      }
      if (!claimed) this.exhausted.set(key, Date.now());
      if (this.queue.length >= want) break;
    }
  }

  private async claimBatch(noticeId: string, round: Round, index: number): Promise<boolean> {
    const taken = await takeLease(() => this.options.deliveries.getBatch(noticeId, round, index), (next, etag) => this.options.deliveries.replaceBatch(next, etag), {
      owner: this.options.instanceId,
      now: Date.now(),
      ms: this.leaseMs,
      eligible: (batch) => !batch.done,
      held: (batch) => ({ owner: batch.claimedBy, until: batch.leaseUntil }),
      withLease: (batch, claimedBy, leaseUntil) => ({ ...batch, claimedBy, leaseUntil }),
    });
    if (!taken) return false;
    const held: HeldBatch = { batch: taken.value, etag: taken.etag, unsettled: new Set(), counts: { sent: 0, failed: 0, undeliverable: 0 }, lost: false };
    this.held.set(taken.value.id, held);
    const records = await Promise.all(taken.value.deliveryIds.map((id) => this.options.deliveries.get(noticeId, id)));
    for (const record of records) {
      if (!record) continue;
      if (record.value.status === 'pending') {
        held.unsettled.add(record.value.id);
        this.queue.push({ delivery: record.value, etag: record.etag, batch: held });
      } else held.counts[record.value.status]++;
    }
    if (!held.unsettled.size) await this.finishBatch(held);
    return true;
  }

  /** Records the batch's outcomes in the round's tally (idempotent by batch number), then marks it done. */
  private async finishBatch(held: HeldBatch): Promise<void> {
    const { noticeId, round, index } = held.batch;
    await updateWithRetry<RoundTally>(
      `tally ${noticeId}:${round}`,
      () => this.options.deliveries.getTally(noticeId, round),
      (tally) => tally && { ...tally, done: { ...tally.done, [String(index)]: held.counts } },
      replaceOnly((next, etag) => this.options.deliveries.replaceTally(next, etag)),
      { attempts: 20 },
    ).catch((err: unknown) => {
      if (!(err instanceof Contended)) throw err;
    });
    this.held.delete(held.batch.id);
    let etag = held.etag;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.options.deliveries.replaceBatch({ ...held.batch, done: true, claimedBy: null, leaseUntil: null }, etag).catch(() => null)) break;
      // A lease renewal of ours may have raced this write; if the batch is still ours, try again on its new etag.
      const current = await this.options.deliveries.getBatch(noticeId, round, index).catch(() => null);
      if (!current || current.value.done || current.value.claimedBy !== this.options.instanceId) break;
      etag = current.etag;
    }
    this.wakeUp();
  }

  /** Renews the leases of held batches halfway through; a batch lost to another instance is dropped here. */
  private async renewLeases(now: number): Promise<void> {
    for (const held of this.held.values()) {
      if (Date.parse(held.batch.leaseUntil ?? '') - now > this.leaseMs / 2) continue;
      const renewed = await this.options.deliveries.replaceBatch({ ...held.batch, leaseUntil: new Date(now + this.leaseMs).toISOString() }, held.etag).catch(() => null);
      if (renewed) {
        held.batch = renewed.value;
        held.etag = renewed.etag;
      } else {
        // Taken over (our lease had expired) or changed under us: its records are no longer ours to send.
        held.lost = true;
        this.held.delete(held.batch.id);
      }
    }
  }

  /**
   * Takes the conversation's shared slot for one HTTP attempt; false (and the record back in the queue, not
   * before the slot frees) when another instance has just sent there, or the database did not answer.
   */
  private async takeSlot(claimed: Claimed): Promise<boolean> {
    const wait = await this.perConversation.reserve(claimed.delivery.recipientId).catch((err: unknown) => {
      this.options.log.warn({ err: String(err), delivery: claimed.delivery.id }, 'could not take a send slot; trying again');
      return 1_000;
    });
    if (wait > 0) this.queue.push({ ...claimed, heldUntil: Date.now() + wait });
    return wait === 0;
  }

  /** One send; its outcome is recorded beside the sending, so a slow database write never holds sends back. */
  private async deliver(claimed: Claimed): Promise<void> {
    const next = await this.attempt(claimed);
    const recording = this.settle(claimed, next)
      .catch((err: unknown) => this.options.log.warn({ err: String(err), delivery: next.id }, 'could not settle a delivery'))
      .finally(() => this.recording.delete(recording));
    this.recording.add(recording);
  }

  private async attempt({ delivery }: Claimed): Promise<Delivery> {
    const notice = this.active.find((n) => n.id === delivery.noticeId) ?? (await this.options.notices.get(delivery.noticeId));
    const attempts = delivery.attempts + 1;
    try {
      if (!notice) throw new SendError('the notice no longer exists', 410);
      const { activityId } = await this.options.sender.send(delivery, notice);
      return { ...delivery, status: 'sent', attempts, activityId, sentAt: new Date().toISOString() };
    } catch (err) {
      const failure = toFailure(err);
      const step = nextStep(failure, attempts, this.retry);
      if (step.action === 'retry') {
        return { ...delivery, attempts, notBefore: new Date(Date.now() + step.delayMs).toISOString(), reason: `${failure.status ?? 'no answer'}: ${failure.message}`.slice(0, 300) };
      }
      if (step.action === 'undeliverable') {
        await this.options.recipients.setState(delivery.recipientId, 'undeliverable', step.reason, new Date().toISOString()).catch(() => undefined);
      }
      return { ...delivery, status: step.action, attempts, reason: step.reason };
    }
  }

  private async settle({ delivery, etag, batch }: Claimed, next: Delivery): Promise<void> {
    const saved = await this.record(next, etag);
    if (!saved) {
      if (next.status === 'sent') this.options.log.warn({ delivery: delivery.id }, 'sent, but the record had been taken over (lease expired)');
      this.abandon(batch);
      return;
    }
    if (next.status === 'pending') {
      // Retried later by this instance, which still holds the batch.
      this.queue.push({ delivery: saved.value, etag: saved.etag, batch });
      return;
    }
    batch.counts[next.status]++;
    batch.unsettled.delete(delivery.id);
    if (!batch.unsettled.size && !batch.lost) await this.finishBatch(batch);
  }

  /**
   * Writes an outcome by compare-and-swap. A conflict may be our own write: the SDK retries a write whose
   * answer was lost (a timeout under load), and the retry finds the etag already changed — so read it back.
   */
  private async record(next: Delivery, etag: string): Promise<Versioned<Delivery> | null> {
    // A dropped connection is tried again: if the first write did land, the retry's conflict is read back below.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const saved = await this.options.deliveries.replaceIfUnchanged(next, etag);
        if (saved) return saved;
        break;
      } catch (err) {
        this.options.log.warn({ err: String(err), delivery: next.id, attempt }, 'could not record a delivery outcome; trying again');
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
    const current = await this.options.deliveries.get(next.noticeId, next.id).catch(() => null);
    const same = current && current.value.status === next.status && current.value.attempts === next.attempts && current.value.notBefore === next.notBefore;
    return same ? current : null;
  }

  /**
   * Lets go of a batch this instance can no longer vouch for: its queued records stay unsent here, and its lease
   * is left to expire (not released), so no one reclaims it while sends of ours may still be in flight.
   */
  private abandon(held: HeldBatch): void {
    held.lost = true;
    this.held.delete(held.batch.id);
  }

  /** A round whose batches are all finished is done (checked at most every 2 s per round). */
  private async finishRounds(sending: { notice: Notice; round: Round }[], now: number): Promise<void> {
    for (const { notice, round } of sending) {
      const key = `${notice.id}:${round}`;
      if (this.queue.some((c) => `${c.delivery.noticeId}:${c.delivery.round}` === key) || now - (this.lastCheck.get(key) ?? 0) < 2_000) continue;
      this.lastCheck.set(key, now);
      const tally = (await this.options.deliveries.getTally(notice.id, round))?.value ?? null;
      if (!tally || Object.keys(tally.done).length < tally.batches) continue;
      const counts = countsOf(tally);
      const finished = await this.updateNotice(notice.id, (n) => {
        if (n.rounds?.[round]?.status !== 'sending') return null;
        const rounds = { ...n.rounds, [round]: { ...n.rounds[round]!, status: 'done' as const, finishedAt: new Date().toISOString(), total: counts.total } };
        return { ...n, rounds, active: Object.values(rounds).some((s) => s.status === 'preparing' || s.status === 'sending') };
      });
      if (finished) {
        this.options.log.info({ noticeId: notice.id, round, ...counts }, 'broadcast finished');
        await this.milestone(notice.id, round, counts);
      }
      this.activeAt = 0;
    }
  }

  /** Logs percent, rate and ETA every few seconds, and tells the staff member at each milestone. */
  private async reportProgress(sending: { notice: Notice; round: Round }[], now: number): Promise<void> {
    if (now - this.lastProgress < (this.options.progressMs ?? 5_000)) return;
    this.lastProgress = now;
    for (const { notice, round } of sending) {
      const counts = countsOf((await this.options.deliveries.getTally(notice.id, round))?.value ?? null);
      const key = `${notice.id}:${round}`;
      const settled = counts.total - counts.pending;
      const before = this.rates.get(key);
      this.rates.set(key, { at: now, sent: settled });
      const rate = before ? ((settled - before.sent) * 1000) / Math.max(1, now - before.at) : null;
      this.options.log.info(
        {
          noticeId: notice.id,
          round,
          ...counts,
          percent: counts.total ? Math.floor((settled * 100) / counts.total) : 100,
          ratePerSecond: rate === null ? null : Math.round(rate * 10) / 10,
          etaSeconds: rate ? Math.round(counts.pending / rate) : null,
        },
        'broadcast progress',
      );
      await this.milestone(notice.id, round, counts);
    }
  }

  /** Each milestone is told once, whichever instance gets there first (compare-and-swap on the notice). */
  private async milestone(noticeId: string, round: Round, counts: DeliveryCounts): Promise<void> {
    if (!this.options.sender.progress || !counts.total) return;
    const percent = Math.floor(((counts.total - counts.pending) * 100) / counts.total);
    const reached = MILESTONES.filter((m) => m <= percent).pop();
    if (!reached) return;
    const updated = await this.updateNotice(noticeId, (n) => {
      const state = n.rounds?.[round];
      if (!n.progressTo || !state || (state.reported ?? 0) >= reached) return null;
      return { ...n, rounds: { ...n.rounds, [round]: { ...state, reported: reached } } };
    });
    if (!updated) return;
    // The staff member's progress message is a send like the others: it waits for the bot-wide gate.
    await this.gate.acquire();
    await this.options.sender.progress(updated, round, counts).catch((err: unknown) => this.options.log.warn({ err: String(err), noticeId }, 'could not tell staff of broadcast progress'));
  }

  /** Read, change, compare-and-swap; retried when another instance wrote in between. Null: no change wanted. */
  private async updateNotice(id: string, change: (notice: Notice) => Notice | null): Promise<Notice | null> {
    const written = await updateWithRetry(
      `notice ${id}`,
      () => this.options.notices.getVersioned(id),
      (notice) => (notice ? change(notice) : null),
      replaceOnly((next, etag) => this.options.notices.replaceIfUnchanged(next, etag)),
    );
    return written?.value ?? null;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private wakeUp(): void {
    for (const done of [...this.sleepers]) done();
  }
}

/** A round's state without its preparation lease (owner, leaseUntil). */
export function withoutLease(state: RoundState): RoundState {
  const copy = { ...state };
  delete copy.owner;
  delete copy.leaseUntil;
  return copy;
}

function toFailure(err: unknown): SendFailure {
  const e = err as Partial<SendFailure> & { message?: string };
  return { status: typeof e.status === 'number' ? e.status : undefined, retryAfterMs: typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined, message: e.message ?? String(err) };
}
