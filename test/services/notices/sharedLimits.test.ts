import type { Store } from '../../../data/store';
import { SharedConversationLimits } from '../../../services/notices/sharedLimits';
import { openTestStore } from '../../support/store';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** Two instances' limiters on one database, on a clock the test holds still: how many sends each may start now. */
async function granted(limits: SharedConversationLimits, tries: number): Promise<number> {
  let n = 0;
  for (let i = 0; i < tries; i++) if ((await limits.reserve('conv-1')) === 0) n++;
  return n;
}

describe('per-conversation limits kept together', () => {
  it('two instances sending into one conversation at once get 7 slots a second between them, not 7 each', async () => {
    store = await openTestStore();
    const now = Date.parse('2026-12-01T08:00:00Z');
    const a = new SharedConversationLimits(store.meta, () => now);
    const b = new SharedConversationLimits(store.meta, () => now);
    await Promise.all([a.setShared(true), b.setShared(true)]);
    const [fromA, fromB] = await Promise.all([granted(a, 10), granted(b, 10)]);
    expect(fromA + fromB).toBe(7);
    // Each knows the conversation is full without asking again.
    expect(a.waitMs('conv-1', now)).toBeGreaterThan(0);
    expect(b.waitMs('conv-1', now)).toBeGreaterThan(0);
  });

  it('sends kept in memory during one round are published when a second round makes slots shared', async () => {
    store = await openTestStore();
    const now = Date.parse('2026-12-01T08:00:00Z');
    const a = new SharedConversationLimits(store.meta, () => now);
    const b = new SharedConversationLimits(store.meta, () => now);
    expect(await granted(a, 5)).toBe(5); // one round: memory only, no database
    expect(await store.meta.get('conversation-sends:conv-1')).toBeNull();
    await Promise.all([a.setShared(true), b.setShared(true)]);
    expect(await granted(b, 10)).toBe(2);
  });
});
