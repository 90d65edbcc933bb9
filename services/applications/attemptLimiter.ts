import { Contended, createOrReplace, updateWithRetry, type ConditionalWrite } from '../concurrency';
import type { AttemptRepository } from '../ports';

/**
 * Attempts against one key (`cc:<credit code>` or `user:<channel user>`) in the current window: every attempt
 * is counted *before* its access code is checked, and given back only if the code was right.
 */
export interface Attempts {
  /** Start of the current counting window. */
  windowStart?: string;
  /** Attempts reserved in this window (checks in flight, and wrong codes). */
  count?: number;
  /** Older documents counted only failures: read as `count`. */
  failures?: string[];
  lockedUntil?: string;
}

export interface AttemptLimits {
  max: number;
  windowMs: number;
  lockMs: number;
}

/** A compare-and-swap lost to a parallel attempt is retried; each loss means another attempt moved the counter. */
const MAX_ROUNDS = 400;
const backoff = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 4));

/**
 * The lockout's counter: a compare-and-swap (etag) document per key. `reserve` takes one of the `max` attempts
 * of the window atomically, so however many attempts arrive at once, at most `max` are ever checked; the
 * attempt that fails with the counter at the limit locks the key for `lockMs`.
 */
export class AttemptLimiter {
  constructor(private readonly repository: AttemptRepository, private readonly limits: AttemptLimits, private readonly now: () => Date) {}

  /** Takes one attempt; `locked` (with when it ends) when none is left. */
  async reserve(key: string): Promise<{ ok: true } | { ok: false; until: Date }> {
    let outcome: { ok: true } | { ok: false; until: Date } = { ok: true };
    try {
      await updateWithRetry(
        `attempts ${key}`,
        () => this.repository.get(key),
        (stored) => {
          const state = this.current(stored ?? undefined);
          const now = this.now().getTime();
          if (state.lockedUntil && Date.parse(state.lockedUntil) > now) outcome = { ok: false, until: new Date(state.lockedUntil) };
          else if (state.count >= this.limits.max) outcome = { ok: false, until: new Date(Date.parse(state.windowStart) + this.limits.windowMs) };
          else outcome = { ok: true };
          return outcome.ok ? { windowStart: state.windowStart, count: state.count + 1 } : null;
        },
        this.write(key),
        { attempts: MAX_ROUNDS, backoff },
      );
    } catch (err) {
      // Hundreds of parallel writers on one key: that is an attack; refuse rather than wait.
      if (err instanceof Contended) return { ok: false, until: new Date(this.now().getTime() + this.limits.windowMs) };
      throw err;
    }
    return outcome;
  }

  /** Gives a reserved attempt back (the code was right, or nothing was checked). */
  async release(key: string): Promise<void> {
    await this.update(key, (state) => (state.count > 0 ? { windowStart: state.windowStart, count: state.count - 1, lockedUntil: state.lockedUntil } : null));
  }

  /** Keeps a reserved attempt as a failure; returns when the lock ends if this failure started one. */
  async fail(key: string): Promise<Date | null> {
    let started: Date | null = null;
    await this.update(key, (state) => {
      started = null;
      if (state.count < this.limits.max || (state.lockedUntil && Date.parse(state.lockedUntil) > this.now().getTime())) return null;
      started = new Date(this.now().getTime() + this.limits.lockMs);
      return { windowStart: this.now().toISOString(), count: 0, lockedUntil: started.toISOString() };
    });
    return started;
  }

  /** Ends a lock and forgets the attempts (staff, after checking who is asking). */
  async reset(key: string): Promise<void> {
    await this.update(key, () => ({ windowStart: this.now().toISOString(), count: 0 }));
  }

  private async update(key: string, change: (state: Required<Pick<Attempts, 'windowStart' | 'count'>> & Attempts) => Attempts | null): Promise<void> {
    await updateWithRetry(`attempts ${key}`, () => this.repository.get(key), (stored) => (stored ? change(this.current(stored)) : null), this.write(key), {
      attempts: MAX_ROUNDS,
      backoff,
    }).catch((err: unknown) => {
      if (!(err instanceof Contended)) throw err;
    });
  }

  private write(key: string): ConditionalWrite<Attempts> {
    return createOrReplace(
      (next) => this.repository.create(key, next),
      (next, etag) => this.repository.replaceIfUnchanged(key, next, etag),
    );
  }

  /** The stored state as of now: a window that has run out starts afresh (a lock outlives it). */
  private current(stored: Attempts | undefined): Required<Pick<Attempts, 'windowStart' | 'count'>> & Attempts {
    const now = this.now();
    const windowStart = stored?.windowStart ?? stored?.failures?.[0] ?? now.toISOString();
    const count = stored?.count ?? stored?.failures?.length ?? 0;
    const expired = now.getTime() - Date.parse(windowStart) >= this.limits.windowMs;
    return { windowStart: expired ? now.toISOString() : windowStart, count: expired ? 0 : count, lockedUntil: stored?.lockedUntil };
  }
}
