import { systemClock, type Clock } from '../clock';
import type { Notice, Round, RoundState } from '../model/notice';
import type { DeliveryRepository, MetaRepository, NoticeRepository, NoticeSender, RecipientRepository } from '../ports';
import type { EnterpriseDirectory } from './audience';
import { BatchClaims } from './broadcast/batches';
import { prepareRound } from './broadcast/preparation';
import { RoundProgress } from './broadcast/progress';
import { NoticeRounds } from './broadcast/rounds';
import { SendLoop } from './broadcast/sendLoop';
import { FINAL_STATUSES, RoundEvents, roundKey, type EngineLog, type RoundFinished, type RoundRef } from './broadcast/work';
import { CapShare } from './capShare';
import { RateGate, type Window } from './limits';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { DEFAULT_MARGIN_MS, limitKeyOf, SharedConversationLimits } from './sharedLimits';

export { SendError } from './broadcast/outcomes';
export { withoutLease } from './broadcast/rounds';
export type { EngineLog, RoundFinished } from './broadcast/work';

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
  /** Time as the engine sees it (tests drive it); the system's by default. */
  clock?: Clock;
}

/** Between the cap's heartbeats (capShare.ts decides when a beat is due). */
const HEARTBEAT_MS = 500;

/**
 * The delivery engine. A round of a notice is prepared once (broadcast/preparation.ts), then every instance
 * claims batches by compare-and-swap with a lease (broadcast/batches.ts), sends their records within the
 * bot-wide and per-conversation limits (broadcast/sendLoop.ts), records each outcome on its record
 * (broadcast/outcomes.ts) and each finished batch in the round's tally; broadcast/progress.ts tells how it
 * goes and when a round is done. Only point reads and writes while sending. Nothing lives only in memory:
 * after a crash, expired leases are claimed again and records already settled are not sent twice.
 */
export class BroadcastEngine {
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly gate: RateGate;
  private readonly perConversation: SharedConversationLimits;
  private readonly capShare: CapShare;
  private readonly rounds: NoticeRounds;
  private readonly claims: BatchClaims;
  private readonly sends: SendLoop;
  private readonly progress: RoundProgress;
  private readonly events = new RoundEvents();
  /** Rounds someone waits on (roundFinished): one another instance finishes is noticed when its notice goes inactive. */
  private readonly awaited = new Map<string, number>();
  private active: Notice[] = [];
  private activeAt = 0;
  private running: Promise<void> | null = null;
  private stopping = false;
  /** Rounds whose preparation failed here: when to try again, and the delay that was waited. */
  private readonly preparationRetry = new Map<string, { at: number; delayMs: number }>();
  /** Each loop's current sleep is cut short when there is news (a round started, a batch finished, stopping). */
  private news = new AbortController();

  constructor(private readonly options: EngineOptions) {
    const clock = (this.clock = options.clock ?? systemClock);
    const now = () => clock.now();
    this.gate = new RateGate(options.maxRps, now, (ms) => clock.sleep(ms));
    this.capShare = new CapShare({ instanceId: options.instanceId, meta: options.meta, maxRps: options.maxRps, gate: this.gate, now });
    const marginMs = options.windowMarginMs ?? DEFAULT_MARGIN_MS;
    this.perConversation = new SharedConversationLimits(options.meta, now, options.conversationWindows, marginMs);
    this.rounds = new NoticeRounds(options.notices, options.instanceId);
    this.leaseMs = options.leaseMs ?? 60_000;
    this.claims = new BatchClaims({ instanceId: options.instanceId, deliveries: options.deliveries, leaseMs: this.leaseMs, clock, onFinished: () => this.wakeUp() });
    const outcomes = { sender: options.sender, recipients: options.recipients, deliveries: options.deliveries, retry: options.retry ?? DEFAULT_RETRY, log: options.log, clock };
    this.sends = new SendLoop({
      gate: this.gate, perConversation: this.perConversation, marginMs, claims: this.claims, outcomes, log: options.log, clock,
      activeNotice: (id) => this.active.find((n) => n.id === id) ?? null,
      readNotice: (id) => options.notices.get(id),
    });
    this.progress = new RoundProgress({ deliveries: options.deliveries, rounds: this.rounds, sender: options.sender, sendSlot: (reference) => this.sendSlot(reference), log: options.log, clock, events: this.events, progressMs: options.progressMs ?? 5_000 });
  }

  /**
   * For a proactive message outside a round (a staff member's progress, a feedback ask): waits for its
   * conversation's slot and the bot-wide gate, as a notice's send does, so Teams' limits hold for all of them.
   */
  async sendSlot(reference: Record<string, unknown>): Promise<void> {
    const key = limitKeyOf(reference);
    if (key) await this.perConversation.waitForSlot(key, (ms) => this.clock.sleep(ms));
    await this.gate.acquire();
  }

  /** Starts a round: marks it preparing, or skips a reminder (reminders.ts); idempotent. Nudges the engine. */
  async startRound(noticeId: string, round: Round, now = new Date(this.clock.now())): Promise<RoundState | null> {
    const state = await this.rounds.start(noticeId, round, now);
    if (state && FINAL_STATUSES.includes(state.status)) this.events.emit({ noticeId, round, state });
    this.activeAt = 0;
    this.wakeUp();
    return state;
  }

  /**
   * Cancels a notice's rounds that are scheduled, preparing or sending (the staff console's hook, kept apart
   * from the sending itself): sends in flight finish, what was not sent stays pending and is reported as
   * cancelled. This instance drops its queued sends at once, other instances when they next read the active
   * notices (pollMs). Null when there is no such notice; [] when nothing was left to cancel.
   */
  async cancel(noticeId: string, now = new Date(this.clock.now())): Promise<Round[] | null> {
    const result = await this.rounds.cancel(noticeId, now);
    if (!result) return (await this.options.notices.get(noticeId)) ? [] : null;
    this.active = this.active.map((n) => (n.id === noticeId ? result.notice : n));
    for (const round of result.cancelled) this.events.emit({ noticeId, round, state: result.notice.rounds![round]! });
    this.wakeUp();
    return result.cancelled;
  }

  /** Every round that ends as this instance sees it (done here or elsewhere, cancelled, skipped). */
  onRoundFinished(listener: (event: RoundFinished) => void): () => void {
    return this.events.on(listener);
  }

  /** Resolves when the round has ended (at once if it already has): what tests and progress wait on. */
  async roundFinished(noticeId: string, round: Round = 'main'): Promise<RoundFinished> {
    let off: () => void = () => undefined;
    const ended = new Promise<RoundFinished>((resolve) => {
      off = this.events.on((e) => {
        if (e.noticeId === noticeId && e.round === round) resolve(e);
      });
    });
    const key = roundKey(noticeId, round);
    this.awaited.set(key, (this.awaited.get(key) ?? 0) + 1);
    try {
      const state = (await this.options.notices.get(noticeId))?.rounds?.[round];
      if (state && FINAL_STATUSES.includes(state.status)) return { noticeId, round, state };
      return await ended;
    } finally {
      off();
      const left = (this.awaited.get(key) ?? 1) - 1;
      if (left) this.awaited.set(key, left);
      else this.awaited.delete(key);
    }
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
    await this.sends.drain();
    await this.claims.releaseAll();
  }

  /**
   * Three loops: the heartbeat; housekeeping (finding work, claiming, leases, progress, completion) talks to
   * the database; sending takes due records from the queue, each conversation's shared slot and the rate gate.
   * A slow database answer slows the sending (a slot is one read and one write) but never causes a burst to
   * catch up after it.
   */
  private async loop(): Promise<void> {
    await Promise.all([this.run(() => this.housekeeping()), this.run(() => this.sends.step()), this.run(() => this.heartbeat())]);
  }

  /**
   * The cap's share, in a loop of its own: housekeeping can be busy for many seconds (preparing a large
   * round) while sends go on, and a beat missed that long would make the others think this instance gone.
   */
  private async heartbeat(): Promise<void> {
    // Only an instance with sends in hand takes a share: one busy preparing a round, or done, gives it back.
    if (this.claims.held.size || this.sends.busy) await this.capShare.beat();
    else await this.capShare.leave();
    await this.sleep(HEARTBEAT_MS);
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
    const now = this.clock.now();
    const pollMs = this.options.pollMs ?? 1_000;
    if (now - this.activeAt > pollMs) await this.refreshActive(now);
    const rounds = this.active.flatMap((n) => Object.values(n.rounds ?? {})).filter((r) => r.status === 'preparing' || r.status === 'sending');
    // Several rounds at once may reach one conversation from several instances: then slots are shared.
    void this.perConversation.setShared(rounds.length > 1);
    const sending = this.sendingRounds();
    if (!sending.length && !this.claims.held.size) {
      await this.sleep(pollMs);
      return;
    }
    // Five seconds of work in hand rides out a slow moment of the database. A claim takes up to eight seconds
    // of sends at this instance's share of the cap, and never more than half a lease's worth: records claimed
    // beyond what can be sent before the lease is renewed would only sit here while others could send them.
    const { queue } = this.sends;
    const want = Math.ceil(Math.max(10, this.gate.rate * Math.min(8, this.leaseMs / 2_000)));
    if (queue.length < Math.max(5, this.gate.rate * 5)) await this.claims.refill(sending, want, queue, now);
    await this.claims.renew(now);
    await this.progress.report(sending, now);
    if (!queue.length && (await this.progress.finish(sending, now, (key) => this.sends.queuedFor(key)))) this.activeAt = 0;
    await this.sleep(queue.length ? 200 : 100);
  }

  private async refreshActive(now: number): Promise<void> {
    this.active = await this.options.notices.listActive();
    this.activeAt = now;
    await this.noticeEndedElsewhere();
    for (const notice of this.active) {
      for (const [round, state] of Object.entries(notice.rounds ?? {}) as [Round, RoundState][]) {
        // A lease of this instance's own is one its preparation left when it failed midway (housekeeping
        // prepares one round at a time, so none is running now): take it up again at once, not when it expires.
        const free = !state.leaseUntil || Date.parse(state.leaseUntil) < now || state.owner === this.options.instanceId;
        const key = `${notice.id}:${round}`;
        if (state.status !== 'preparing' || !free || (this.preparationRetry.get(key)?.at ?? 0) > now) continue;
        // One round that keeps failing must not stop the others' sending (housekeeping goes on), nor be retried
        // every poll: it backs off, 1 s doubling to a minute.
        try {
          const prepared = await prepareRound({ ...this.options, rounds: this.rounds, clock: this.clock }, notice.id, round);
          this.preparationRetry.delete(key);
          if (prepared) this.activeAt = 0;
        } catch (err) {
          const delayMs = Math.min(60_000, 2 * (this.preparationRetry.get(key)?.delayMs ?? 500));
          this.preparationRetry.set(key, { at: now + delayMs, delayMs });
          this.options.log.warn({ noticeId: notice.id, round, err: String(err), retryInMs: delayMs }, 'broadcast preparation failed; retrying later');
        }
      }
    }
  }

  /** A round awaited here whose notice is no longer active ended on another instance (or before this one looked). */
  private async noticeEndedElsewhere(): Promise<void> {
    for (const key of this.awaited.keys()) {
      const [noticeId, round] = [key.slice(0, key.lastIndexOf(':')), key.slice(key.lastIndexOf(':') + 1) as Round];
      if (this.active.some((n) => n.id === noticeId)) continue;
      const state = (await this.options.notices.get(noticeId))?.rounds?.[round];
      if (state && FINAL_STATUSES.includes(state.status)) this.events.emit({ noticeId, round, state });
    }
  }

  private sendingRounds(): RoundRef[] {
    return this.active.flatMap((notice) =>
      (Object.entries(notice.rounds ?? {}) as [Round, RoundState][]).filter(([, s]) => s.status === 'sending').map(([round]) => ({ notice, round })),
    );
  }

  private sleep(ms: number): Promise<void> {
    return this.clock.sleep(ms, this.news.signal);
  }

  private wakeUp(): void {
    this.news.abort();
    this.news = new AbortController();
  }
}

