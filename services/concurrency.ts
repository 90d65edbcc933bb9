import type { Versioned } from './ports/versioned';

/**
 * The one compare-and-swap contract every port follows (see ports/versioned.ts): a read gives the document
 * with its etag, or null; a conditional write (create when `etag` is null, replace otherwise) gives the new
 * version, or null when someone else wrote first. Everything that reads, changes and writes back goes
 * through `updateWithRetry`, and every lease through `takeLease`, so the retry rules live in one place.
 */
export type Read<T> = () => Promise<Versioned<T> | null>;
export type ConditionalWrite<T> = (next: T, etag: string | null) => Promise<Versioned<T> | null>;
export type Replace<T> = (next: T, etag: string) => Promise<Versioned<T> | null>;

export interface RetryOptions {
  /** How many read-change-write rounds before giving up (default 10). */
  attempts?: number;
  /** Between lost races; none by default (the next read is the wait). */
  backoff?: (attempt: number) => Promise<void>;
}

/** Another writer kept winning: `attempts` rounds of read-change-write were all lost. */
export class Contended extends Error {
  constructor(readonly what: string, readonly attempts: number) {
    super(`${what} kept changing under us (${attempts} attempts)`);
    this.name = 'Contended';
  }
}

/**
 * Read, change, write conditionally; on a lost race, read again and change again. `change` gets the current
 * value (null when there is none: return a value to create it) and returns the next one, or null for "no
 * change wanted" — then nothing is written and the result is null. Throws Contended after `attempts` losses.
 */
export async function updateWithRetry<T>(
  what: string,
  read: Read<T>,
  change: (current: T | null) => T | null,
  write: ConditionalWrite<T>,
  options: RetryOptions = {},
): Promise<Versioned<T> | null> {
  const attempts = options.attempts ?? 10;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await read();
    const next = change(current?.value ?? null);
    if (next === null) return null;
    const written = await write(next, current?.etag ?? null);
    if (written) return written;
    if (options.backoff) await options.backoff(attempt);
  }
  throw new Contended(what, attempts);
}

/** Who holds a lease on a document, and until when (ISO time; absent or past: free). */
export interface LeaseTerms<T> {
  owner: string;
  /** Now, in ms since the epoch (the caller's clock). */
  now: number;
  ms: number;
  /** The lease as the document holds it. */
  held: (value: T) => { owner?: string | null; until?: string | null };
  /** The document with this lease on it. */
  withLease: (value: T, owner: string, until: string) => T;
  /** Whether the document may be leased at all (e.g. not done yet); default: yes. */
  eligible?: (value: T) => boolean;
  /** A lease of our own may be taken again (renewed); default: only a free or expired one is taken. */
  renewOwn?: boolean;
  /** Read-change-write rounds (default 1: a lost race means someone else took it). */
  attempts?: number;
}

/** Whether a lease held until `until` is still running at `now`. */
export function leaseLive(until: string | null | undefined, now: number): boolean {
  return Boolean(until) && Date.parse(until!) > now;
}

/**
 * Takes a lease by compare-and-swap: the document with the lease on it, or null when it is not there, not
 * eligible, held by someone else until later, or taken by another writer first.
 */
export async function takeLease<T>(read: Read<T>, write: Replace<T>, terms: LeaseTerms<T>): Promise<Versioned<T> | null> {
  const until = new Date(terms.now + terms.ms).toISOString();
  try {
    return await updateWithRetry(
      'lease',
      read,
      (current) => {
        if (current === null || (terms.eligible && !terms.eligible(current))) return null;
        const lease = terms.held(current);
        const mine = terms.renewOwn === true && lease.owner === terms.owner;
        if (!mine && leaseLive(lease.until, terms.now)) return null;
        return terms.withLease(current, terms.owner, until);
      },
      // A lease is never created: a missing document has nothing to lease.
      replaceOnly(confirmingOwnWrite(read, write, (value) => {
        const lease = terms.held(value);
        return lease.owner === terms.owner && lease.until === until;
      })),
      { attempts: terms.attempts ?? 1 },
    );
  } catch (err) {
    if (err instanceof Contended) return null;
    throw err;
  }
}

/**
 * A conditional write that tells a lost answer from a lost race. When the connection is cut after the database
 * applied the write, the SDK's retry of it meets the document's new etag (ours) and answers 412, or the call
 * fails: either way we would believe someone else holds what we hold, and wait out our own lease (a minute)
 * before anyone sends again. So on null or an error, read once more: if the document is exactly what we wrote
 * (`ours`: our owner and our until), the write landed and that version is ours.
 */
export function confirmingOwnWrite<T>(read: Read<T>, write: Replace<T>, ours: (value: T) => boolean): Replace<T> {
  return async (next, etag) => {
    let failure: unknown = null;
    try {
      const written = await write(next, etag);
      if (written) return written;
    } catch (err) {
      failure = err;
    }
    const now = await read().catch(() => null);
    if (now && ours(now.value)) return now;
    if (failure) throw failure;
    return null;
  };
}

/** A conditional write from a port's two halves: create when there is no document yet, else replace. */
export function createOrReplace<T>(create: (next: T) => Promise<Versioned<T> | null>, replace: Replace<T>): ConditionalWrite<T> {
  return (next, etag) => (etag === null ? create(next) : replace(next, etag));
}

/** A conditional write that never creates: a document that is gone stays gone. */
export function replaceOnly<T>(replace: Replace<T>): ConditionalWrite<T> {
  return (next, etag) => (etag === null ? Promise.resolve(null) : replace(next, etag));
}

/**
 * Claims a document once, by compare-and-swap on the version in hand (from a listing): the claimed version,
 * or null when it is not claimable or another writer got there first (then they have it: no retry).
 */
export async function claim<T>(current: Versioned<T>, claimable: (value: T) => boolean, take: (value: T) => T, write: Replace<T>): Promise<Versioned<T> | null> {
  return claimable(current.value) ? write(take(current.value), current.etag) : null;
}
