import type { Clock } from '../../clock';
import type { Round } from '../../model/notice';
import type { DeliveryRepository, NoticeSender } from '../../ports';
import { countsOf, type DeliveryCounts } from '../deliveries';
import type { NoticeRounds } from './rounds';
import { roundKey, type EngineLog, type RoundEvents, type RoundRef } from './work';

const MILESTONES = [25, 50, 75, 100];
/** A round's tally is read for completion at most this often. */
const COMPLETION_CHECK_MS = 2_000;

export interface ProgressDeps {
  deliveries: DeliveryRepository;
  rounds: NoticeRounds;
  sender: NoticeSender;
  /** Waits for the conversation's slot and the bot-wide gate, as a notice's send does (BroadcastEngine.sendSlot). */
  sendSlot: (reference: Record<string, unknown>) => Promise<void>;
  log: EngineLog;
  clock: Clock;
  events: RoundEvents;
  progressMs: number;
}

/** Progress (log lines, the staff member's milestones) and completion of the rounds being sent. */
export class RoundProgress {
  private lastProgress = 0;
  private readonly lastCheck = new Map<string, number>();
  private readonly rates = new Map<string, { at: number; sent: number }>();

  constructor(private readonly deps: ProgressDeps) {}

  /** Logs percent, rate and ETA every few seconds, and tells the staff member at each milestone. */
  async report(sending: RoundRef[], now: number): Promise<void> {
    if (now - this.lastProgress < this.deps.progressMs) return;
    this.lastProgress = now;
    for (const { notice, round } of sending) {
      const counts = countsOf((await this.deps.deliveries.getTally(notice.id, round))?.value ?? null);
      const key = roundKey(notice.id, round);
      const settled = counts.total - counts.pending;
      const before = this.rates.get(key);
      this.rates.set(key, { at: now, sent: settled });
      const rate = before ? ((settled - before.sent) * 1000) / Math.max(1, now - before.at) : null;
      this.deps.log.info(
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

  /**
   * A round whose batches are all finished is done (checked at most every 2 s per round, and not while this
   * instance still has its records queued). True when some round changed (finished here or elsewhere).
   */
  async finish(sending: RoundRef[], now: number, queued: (key: string) => boolean): Promise<boolean> {
    let changed = false;
    for (const { notice, round } of sending) {
      const key = roundKey(notice.id, round);
      if (queued(key) || now - (this.lastCheck.get(key) ?? 0) < COMPLETION_CHECK_MS) continue;
      this.lastCheck.set(key, now);
      const tally = (await this.deps.deliveries.getTally(notice.id, round))?.value ?? null;
      if (!tally || Object.keys(tally.done).length < tally.batches) continue;
      const counts = countsOf(tally);
      const finished = await this.deps.rounds.markDone(notice.id, round, counts.total, new Date(this.deps.clock.now()));
      if (finished) {
        this.deps.log.info({ noticeId: notice.id, round, ...counts }, 'broadcast finished');
        await this.milestone(notice.id, round, counts);
        this.deps.events.emit({ noticeId: notice.id, round, state: finished.rounds![round]!, counts });
      }
      changed = true;
    }
    return changed;
  }

  /** Each milestone is told once, whichever instance gets there first (compare-and-swap on the notice). */
  private async milestone(noticeId: string, round: Round, counts: DeliveryCounts): Promise<void> {
    if (!this.deps.sender.progress || !counts.total) return;
    const percent = Math.floor(((counts.total - counts.pending) * 100) / counts.total);
    const reached = MILESTONES.filter((m) => m <= percent).pop();
    if (!reached) return;
    const updated = await this.deps.rounds.markReported(noticeId, round, reached);
    if (!updated) return;
    // The staff member's progress message is a send like the others: it waits for its conversation's slot (the
    // same limits as the notice's sends, which may be going to that chat too) and for the bot-wide gate.
    try {
      if (updated.progressTo) await this.deps.sendSlot(updated.progressTo);
      await this.deps.sender.progress(updated, round, counts);
    } catch (err) {
      this.deps.log.warn({ err: String(err), noticeId }, 'could not tell staff of broadcast progress');
    }
  }
}
