import { takeLease } from '../concurrency';
import type { Notice, Round, RoundState } from '../model/notice';
import { scheduledRounds } from './reminders';
import type { EngineLog } from './broadcast/work';
import { scheduleId, type Schedule } from './schedules';
import type { ScheduleRepository } from '../ports';

/** Arms a callback at a time (node-cron in the bot); returns how to disarm it. */
export type ArmTimer = (at: Date, fire: () => void) => () => void;

export interface SchedulerOptions {
  instanceId: string;
  schedules: ScheduleRepository;
  startRound: (noticeId: string, round: Round) => Promise<RoundState | null>;
  arm: ArmTimer;
  log: EngineLog;
  /** How often to look for schedules other instances created, or whose runner died. */
  rescanMs?: number;
  leaseMs?: number;
  now?: () => Date;
}

/**
 * Notice schedules: a `sendAt`, and a publicity notice's reminders. Each is a document in Cosmos, armed on
 * every instance (so a restart, or another instance, re-arms it); when it fires, the instance that takes its
 * lease by compare-and-swap runs it and the others do nothing. A runner that dies leaves a lease that
 * expires, and the next rescan runs the job again (starting a round is idempotent).
 */
export class NoticeScheduler {
  private readonly armed = new Map<string, () => void>();
  private rescanTimer: NodeJS.Timeout | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** The schedules a new notice needs: its sendAt and (publicity) its reminders. */
  async planFor(notice: Notice): Promise<Schedule[]> {
    const now = this.now();
    const schedules = scheduledRounds(notice, now).map(({ round, at }): Schedule => ({ id: scheduleId(notice.id, round), noticeId: notice.id, round, runAt: at.toISOString(), state: 'pending' }));
    for (const schedule of schedules) {
      await this.options.schedules.put(schedule);
      this.arm(schedule);
    }
    return schedules;
  }

  async start(): Promise<void> {
    await this.rescan();
    this.rescanTimer = setInterval(() => void this.rescan().catch((err: unknown) => this.options.log.warn({ err: String(err) }, 'schedule rescan failed')), this.options.rescanMs ?? 30_000);
    this.rescanTimer.unref();
  }

  stop(): void {
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    this.rescanTimer = null;
    for (const disarm of this.armed.values()) disarm();
    this.armed.clear();
  }

  /** Arms every pending schedule not armed here yet; overdue ones fire now. */
  async rescan(): Promise<void> {
    const far = new Date(this.now().getTime() + 400 * 24 * 3600_000).toISOString();
    for (const schedule of await this.options.schedules.pendingBefore(far)) {
      const leaseLive = schedule.leaseUntil && Date.parse(schedule.leaseUntil) > this.now().getTime();
      if (!this.armed.has(schedule.id) || (!leaseLive && Date.parse(schedule.runAt) <= this.now().getTime())) this.arm(schedule);
    }
  }

  private arm(schedule: Schedule): void {
    this.armed.get(schedule.id)?.();
    const disarm = this.options.arm(new Date(schedule.runAt), () => {
      void this.fire(schedule.id).catch((err: unknown) => this.options.log.warn({ err: String(err), schedule: schedule.id }, 'scheduled notice failed; it will be retried'));
    });
    this.armed.set(schedule.id, disarm);
  }

  /** Takes the lease (one instance wins), runs the job, marks it done. */
  async fire(id: string): Promise<boolean> {
    const now = this.now().getTime();
    const taken = await takeLease(() => this.options.schedules.get(id), (next, etag) => this.options.schedules.replaceIfUnchanged(next, etag), {
      owner: this.options.instanceId,
      now,
      ms: this.options.leaseMs ?? 60_000,
      eligible: (s) => s.state === 'pending' && Date.parse(s.runAt) <= now + 1_000,
      held: (s) => ({ owner: s.owner, until: s.leaseUntil }),
      withLease: (s, owner, leaseUntil): Schedule => ({ ...s, owner, leaseUntil }),
    });
    if (!taken) return false;
    const leased = taken.value;
    const state = await this.options.startRound(leased.noticeId, leased.round);
    const after = await this.options.schedules.get(id);
    if (after && after.value.owner === this.options.instanceId) {
      await this.options.schedules.replaceIfUnchanged({ ...after.value, state: 'done', doneAt: this.now().toISOString(), leaseUntil: null }, after.etag);
    }
    this.armed.get(id)?.();
    this.armed.delete(id);
    this.options.log.info({ schedule: id, round: leased.round, status: state?.status ?? 'missing notice' }, 'scheduled notice fired');
    return true;
  }
}
