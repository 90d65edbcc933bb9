import type { Store } from '../../../data/store';
import { Notices } from '../../../services/notices/notices';
import { recipientId } from '../../../services/notices/recipients';
import { startStandInConnector, type StandInConnector } from '../../support/teamsConnector';
import { openTestStore } from '../../support/store';
import { publicityNotice, putRecipients, recipient } from './fixtures';
import { sendRound, testEngine, waitFor } from '../../support/noticeEngineHarness';
import { withTimeout } from '../../support/waitFor';

let store: Store;
let connector: StandInConnector;
afterEach(async () => {
  await connector?.close();
  await store?.close();
});

const perConversation = (c: StandInConnector) => c.received.reduce((m, r) => m.set(r.conversationId, (m.get(r.conversationId) ?? 0) + 1), new Map<string, number>());
const cardOf = (activity: Record<string, unknown>) => (activity.attachments as { contentType: string; content: { body: { text?: string }[] } }[])[0]!;

describe('delivery engine', () => {
  it('delivers a notice to 300 subscribers exactly once under 3 % injected faults, within the rate limits', async () => {
    store = await openTestStore();
    connector = await startStandInConnector({ inject429: 0.015, inject503: 0.015, retryAfterSeconds: 1, perBotPerSecond: 110, seed: 7 });
    await putRecipients(store, Array.from({ length: 300 }, (_, i) => recipient(i, connector.url)));
    const notice = publicityNotice();
    await store.notices.upsert(notice);
    await sendRound(store, testEngine(store, { maxRps: 100 }), notice.id);
    const counts = perConversation(connector);
    expect(counts.size).toBe(300);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(connector.stats.injected429 + connector.stats.injected503).toBeGreaterThan(0);
    expect(connector.stats.overLimit).toBe(0);
    expect(await store.deliveries.counts(notice.id)).toEqual({ total: 300, pending: 0, sent: 300, failed: 0, undeliverable: 0 });
    // Throttling shown: the notice's status counts every 429 the channel answered (each was retried).
    const notices = new Notices({ notices: store.notices, deliveries: store.deliveries, plan: async () => undefined, startRound: async () => null });
    expect((await notices.report(notice.id))!.rounds.main!.throttled).toBe(connector.stats.injected429 + connector.stats.overLimit);
    // Each recipient in their language: conversation 5 is English, 1 Chinese.
    const text = (conv: string) => JSON.stringify(cardOf(connector.received.find((r) => r.conversationId === conv)!.activity).content);
    expect(text('a:conv-5')).toContain('Publicity: proposed second-batch members');
    expect(text('a:conv-1')).toContain('2026年第二批拟入库企业名单公示');
    expect(text('a:conv-1')).toContain('江门市五邑智控科技有限公司');
    const sent = await store.deliveries.list(notice.id, 'sent');
    expect(sent.every((d) => /^act-\d+$/.test(d.activityId ?? ''))).toBe(true);
  }, 90_000);

  it('after an instance dies holding claims, another takes them over when the leases expire: nothing lost, nothing twice', async () => {
    store = await openTestStore();
    connector = await startStandInConnector({ seed: 3 });
    await putRecipients(store, Array.from({ length: 60 }, (_, i) => recipient(i, connector.url)));
    const notice = publicityNotice();
    await store.notices.upsert(notice);
    // The first instance claims work, then dies: its sends never complete and it never reaches the database
    // again (no lease renewals, no outcomes), as after kill -9.
    let killed = false;
    const cut = <T extends object>(repository: T): T =>
      new Proxy(repository, {
        get: (target, name) => {
          const member = Reflect.get(target, name) as unknown;
          return typeof member === 'function' ? (...args: unknown[]) => (killed ? Promise.reject(new Error('killed')) : (member as (...a: unknown[]) => unknown).apply(target, args)) : member;
        },
      });
    const deadStore = { ...store, deliveries: cut(store.deliveries), notices: cut(store.notices), meta: cut(store.meta) };
    const dead = testEngine(deadStore, { maxRps: 20, leaseMs: 6_000, instanceId: 'dead', sender: { send: () => new Promise(() => undefined) } });
    dead.start();
    await dead.startRound(notice.id, 'main');
    const claimed = await waitFor(async () => ((await store.deliveries.getBatch(notice.id, 'main', 0))?.value.claimedBy === 'dead' ? true : null));
    expect(claimed).toBe(true);
    killed = true;
    // A new instance (a restart) finds the broadcast by itself; no one calls startRound again.
    const heir = testEngine(store, { maxRps: 50, leaseMs: 6_000, instanceId: 'heir' });
    heir.start();
    try {
      await waitFor(async () => ((await store.notices.get(notice.id))?.rounds?.main?.status === 'done' ? true : null), 60_000);
    } finally {
      await heir.stop();
      // The dead instance's loops would spin on (and keep Jest's worker alive); its sends never settle, so it is
      // told to stop without waiting for them.
      void dead.stop();
    }
    const counts = perConversation(connector);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('a preparation that fails midway is taken up again at once, not when its two-minute lease runs out', async () => {
    store = await openTestStore();
    connector = await startStandInConnector({});
    await putRecipients(store, Array.from({ length: 5 }, (_, i) => recipient(i, connector.url)));
    const notice = publicityNotice();
    await store.notices.upsert(notice);
    // The database fails the first write of the round's records, after the preparation lease was taken.
    let failures = 0;
    const deliveries = new Proxy(store.deliveries, {
      get: (target, name) => {
        const member = Reflect.get(target, name) as unknown;
        if (name === 'createMissing' && failures === 0) return () => ((failures += 1), Promise.reject(new Error('503 from the database')));
        return typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(target) : member;
      },
    });
    // sendRound gives the round 60 s, half the lease: it ends only if the failure is taken up at once.
    await sendRound(store, testEngine({ ...store, deliveries }, { maxRps: 50 }), notice.id, 60_000);
    expect(failures).toBe(1);
    expect(await store.deliveries.counts(notice.id)).toMatchObject({ total: 5, sent: 5 });
    expect(perConversation(connector).size).toBe(5);
  }, 90_000);

  it('a round whose preparation keeps failing does not stop another round from being sent', async () => {
    store = await openTestStore();
    connector = await startStandInConnector({});
    await putRecipients(store, Array.from({ length: 5 }, (_, i) => recipient(i, connector.url)));
    const good = publicityNotice();
    const broken = publicityNotice();
    await store.notices.upsert(good);
    await store.notices.upsert(broken);
    let failures = 0;
    const deliveries = new Proxy(store.deliveries, {
      get: (target, name) => {
        const member = Reflect.get(target, name) as unknown;
        if (name === 'createMissing') return (chunk: { noticeId: string }[]) => (chunk[0]?.noticeId === broken.id ? ((failures += 1), Promise.reject(new Error('503'))) : target.createMissing(chunk as never));
        return typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(target) : member;
      },
    });
    const engine = testEngine({ ...store, deliveries }, { maxRps: 50 });
    engine.start();
    try {
      const finished = engine.roundFinished(good.id, 'main');
      await engine.startRound(broken.id, 'main');
      await engine.startRound(good.id, 'main');
      await withTimeout(finished, 60_000);
    } finally {
      await engine.stop();
    }
    expect(await store.deliveries.counts(good.id)).toMatchObject({ total: 5, sent: 5 });
    // Retried, with a backoff: a handful of tries, not one per poll.
    expect(failures).toBeGreaterThanOrEqual(1);
    expect(failures).toBeLessThan(20);
  }, 90_000);

  it('marks a conversation the bot was removed from (403) undeliverable, without retrying', async () => {
    store = await openTestStore();
    connector = await startStandInConnector({});
    await putRecipients(store, Array.from({ length: 10 }, (_, i) => recipient(i, connector.url)));
    connector.remove('a:conv-3');
    const notice = publicityNotice();
    await store.notices.upsert(notice);
    await sendRound(store, testEngine(store, { maxRps: 50 }), notice.id);
    expect(await store.deliveries.counts(notice.id)).toMatchObject({ total: 10, sent: 9, undeliverable: 1 });
    expect(connector.stats.forbidden).toBe(1);
    const gone = await store.recipients.get(recipientId('msteams', 'a:conv-3'));
    expect(gone).toMatchObject({ state: 'undeliverable' });
    expect(gone!.stateReason).toMatch(/^403/);
  });
});
