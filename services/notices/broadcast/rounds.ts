import { replaceOnly, takeLease, updateWithRetry } from '../../concurrency';
import type { Notice, Round, RoundState } from '../../model/notice';
import type { NoticeRepository } from '../../ports';
import { startingState } from '../reminders';

/** How long a round's preparation is leased (renewed after each chunk): another instance takes over after it. */
const PREPARE_LEASE_MS = 2 * 60_000;

/** A round's state without its preparation lease (owner, leaseUntil). */
export function withoutLease(state: RoundState): RoundState {
  const copy = { ...state };
  delete copy.owner;
  delete copy.leaseUntil;
  return copy;
}

const inProgress = (rounds: Notice['rounds']) => Object.values(rounds ?? {}).some((s) => s.status === 'preparing' || s.status === 'sending');

/**
 * The rounds' states on the notice document: every change is a read, change and compare-and-swap (retried when
 * another instance wrote in between), so instances never undo each other's steps.
 */
export class NoticeRounds {
  constructor(private readonly notices: NoticeRepository, private readonly instanceId: string) {}

  /** Null: no such notice, or no change wanted. */
  async update(id: string, change: (notice: Notice) => Notice | null): Promise<Notice | null> {
    const written = await updateWithRetry(
      `notice ${id}`,
      () => this.notices.getVersioned(id),
      (notice) => (notice ? change(notice) : null),
      replaceOnly((next, etag) => this.notices.replaceIfUnchanged(next, etag)),
    );
    return written?.value ?? null;
  }

  /** Marks a round preparing, or skipped (reminders.ts); a round already started is left as it is. */
  async start(noticeId: string, round: Round, now: Date): Promise<RoundState | null> {
    const notice = await this.update(noticeId, (n) => {
      const current = n.rounds?.[round];
      if (current && current.status !== 'scheduled') return null;
      const next = startingState(n, round, now);
      return { ...n, rounds: { ...n.rounds, [round]: next }, active: next.status === 'preparing' || n.active === true };
    });
    return notice?.rounds?.[round] ?? null;
  }

  /** Cancels the rounds scheduled, preparing or sending; null when none was left to cancel (or no notice). */
  async cancel(noticeId: string, now: Date): Promise<{ notice: Notice; cancelled: Round[] } | null> {
    let cancelled: Round[] = [];
    const notice = await this.update(noticeId, (n) => {
      cancelled = (Object.entries(n.rounds ?? {}) as [Round, RoundState][]).filter(([, st]) => ['scheduled', 'preparing', 'sending'].includes(st.status)).map(([r]) => r);
      if (!cancelled.length) return null;
      const rounds = { ...n.rounds };
      for (const r of cancelled) rounds[r] = { ...withoutLease(rounds[r]!), status: 'cancelled', finishedAt: now.toISOString() };
      return { ...n, rounds, active: inProgress(rounds) };
    });
    return notice ? { notice, cancelled } : null;
  }

  /** Takes (or renews) the lease on preparing a round; null when another instance holds it. */
  async lease(noticeId: string, round: Round, eligible: (state: RoundState) => boolean, now: number): Promise<Notice | null> {
    const taken = await takeLease(() => this.notices.getVersioned(noticeId), (next, etag) => this.notices.replaceIfUnchanged(next, etag), {
      owner: this.instanceId,
      now,
      ms: PREPARE_LEASE_MS,
      renewOwn: true,
      attempts: 10,
      eligible: (notice) => Boolean(notice.rounds?.[round] && eligible(notice.rounds[round])),
      held: (notice) => ({ owner: notice.rounds?.[round]?.owner, until: notice.rounds?.[round]?.leaseUntil }),
      withLease: (notice, owner, leaseUntil) => ({ ...notice, rounds: { ...notice.rounds, [round]: { ...notice.rounds![round]!, owner, leaseUntil } } }),
    });
    return taken?.value ?? null;
  }

  markSending(noticeId: string, round: Round, total: number): Promise<Notice | null> {
    return this.update(noticeId, (n) => {
      const state = n.rounds?.[round];
      if (state?.status !== 'preparing') return null;
      return { ...n, rounds: { ...n.rounds, [round]: { ...withoutLease(state), status: 'sending', total } } };
    });
  }

  /** Null when another instance marked it first (or it was cancelled meanwhile). */
  markDone(noticeId: string, round: Round, total: number, at: Date): Promise<Notice | null> {
    return this.update(noticeId, (n) => {
      if (n.rounds?.[round]?.status !== 'sending') return null;
      const rounds = { ...n.rounds, [round]: { ...n.rounds[round]!, status: 'done' as const, finishedAt: at.toISOString(), total } };
      return { ...n, rounds, active: inProgress(rounds) };
    });
  }

  /** Records a progress milestone as told; null when it was told already (by any instance) or nobody is told. */
  markReported(noticeId: string, round: Round, reached: number): Promise<Notice | null> {
    return this.update(noticeId, (n) => {
      const state = n.rounds?.[round];
      if (!n.progressTo || !state || (state.reported ?? 0) >= reached) return null;
      return { ...n, rounds: { ...n.rounds, [round]: { ...state, reported: reached } } };
    });
  }
}
