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
});
