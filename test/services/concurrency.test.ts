import type { Store } from '../../data/store';
import { Contended, createOrReplace, takeLease, updateWithRetry } from '../../services/concurrency';
import { openTestStore } from '../support/store';

interface Counter {
  n: number;
}
interface Leased {
  owner?: string | null;
  leaseUntil?: string | null;
  done?: boolean;
}

/** The one compare-and-swap contract, over the real SDK and the embedded server (the meta container). */
describe('updateWithRetry and takeLease', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  const counter = (id: string) => ({
    read: () => store.meta.get<Counter>(id),
    write: createOrReplace<Counter>((next) => store.meta.create(id, next), (next, etag) => store.meta.replaceIfUnchanged(id, next, etag)),
  });

  it('twenty writers adding one each at once: every addition counts, none is lost to a race', async () => {
    const { read, write } = counter('count-20');
    await Promise.all(Array.from({ length: 20 }, () => updateWithRetry('count', read, (c) => ({ n: (c?.n ?? 0) + 1 }), write, { attempts: 100 })));
    expect((await read())?.value.n).toBe(20);
  });

  it('no change wanted: nothing is written and the answer is null', async () => {
    const { read, write } = counter('count-none');
    await updateWithRetry('count', read, () => ({ n: 1 }), write);
    const before = await read();
    expect(await updateWithRetry('count', read, () => null, write)).toBeNull();
    expect((await read())?.etag).toBe(before?.etag);
  });

  it('a writer that always loses gives up with Contended after its attempts', async () => {
    const { read } = counter('count-lost');
    await expect(updateWithRetry('count', read, () => ({ n: 1 }), async () => null, { attempts: 3 })).rejects.toBeInstanceOf(Contended);
  });

  it('a lease: one of two instances takes it; the other gets it only after it expires; done is never leased', async () => {
    await store.meta.create<Leased>('job', {});
    const read = () => store.meta.get<Leased>('job');
    const write = (next: Leased, etag: string) => store.meta.replaceIfUnchanged('job', next, etag);
    const terms = (owner: string, now: number) => ({
      owner,
      now,
      ms: 60_000,
      eligible: (v: Leased) => !v.done,
      held: (v: Leased) => ({ owner: v.owner, until: v.leaseUntil }),
      withLease: (v: Leased, by: string, until: string): Leased => ({ ...v, owner: by, leaseUntil: until }),
    });
    const t0 = Date.parse('2026-12-01T08:00:00Z');
    const [a, b] = await Promise.all([takeLease(read, write, terms('a', t0)), takeLease(read, write, terms('b', t0))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const winner = (a ?? b)!.value.owner;
    const loser = winner === 'a' ? 'b' : 'a';
    expect(await takeLease(read, write, terms(loser, t0 + 59_000))).toBeNull();
    expect((await takeLease(read, write, terms(loser, t0 + 61_000)))?.value.owner).toBe(loser);
    // Not renewable by the former holder while the new lease runs.
    expect(await takeLease(read, write, { ...terms(winner!, t0 + 62_000), renewOwn: true })).toBeNull();
    expect((await takeLease(read, write, { ...terms(loser, t0 + 62_000), renewOwn: true }))?.value.leaseUntil).toBe(new Date(t0 + 122_000).toISOString());
    const current = (await read())!;
    await store.meta.replaceIfUnchanged('job', { ...current.value, done: true }, current.etag);
    expect(await takeLease(read, write, terms(winner!, t0 + 999_000))).toBeNull();
    expect(await takeLease(() => store.meta.get<Leased>('no-such-job'), write, terms('a', t0))).toBeNull();
  });

  it('a lease whose answer was lost is still ours: the write landed, then the connection was cut or the retry met our own etag', async () => {
    await store.meta.create<Leased>('job-cut', {});
    await store.meta.create<Leased>('job-412', {});
    const terms = (now: number) => ({
      owner: 'a', now, ms: 60_000,
      held: (v: Leased) => ({ owner: v.owner, until: v.leaseUntil }),
      withLease: (v: Leased, by: string, until: string): Leased => ({ ...v, owner: by, leaseUntil: until }),
    });
    const t0 = Date.parse('2026-12-01T08:00:00Z');
    // The database applies the write; the answer never arrives (a cut connection) …
    const cut = (next: Leased, etag: string) => store.meta.replaceIfUnchanged('job-cut', next, etag).then(() => Promise.reject(new Error('socket hang up')));
    const taken = await takeLease(() => store.meta.get<Leased>('job-cut'), cut, terms(t0));
    expect(taken?.value).toMatchObject({ owner: 'a', leaseUntil: new Date(t0 + 60_000).toISOString() });
    // … or the SDK's retry of the applied write is refused (412) because the etag is now ours.
    const retried = (next: Leased, etag: string) => store.meta.replaceIfUnchanged('job-412', next, etag).then(() => store.meta.replaceIfUnchanged('job-412', next, etag));
    expect((await takeLease(() => store.meta.get<Leased>('job-412'), retried, terms(t0)))?.value.owner).toBe('a');
    // A write that did not land and failed is still a failure, and someone else's lease is still theirs.
    const failed = () => Promise.reject(new Error('socket hang up'));
    await store.meta.create<Leased>('job-free', {});
    await expect(takeLease(() => store.meta.get<Leased>('job-free'), failed, terms(t0))).rejects.toThrow('socket hang up');
    expect(await takeLease(() => store.meta.get<Leased>('job-cut'), async () => null, { ...terms(t0 + 1_000), owner: 'b' })).toBeNull();
  });
});
