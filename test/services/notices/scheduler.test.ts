import type { Store } from '../../../data/store';
import { cronTimer } from '../../../bot/notices/timers';
import type { Round } from '../../../services/model/notice';
import { reminderTimes } from '../../../services/notices/reminders';
import { Notices } from '../../../services/notices/notices';
import { NoticeScheduler, type ArmTimer } from '../../../services/notices/scheduler';
import { startStandInConnector, type StandInConnector } from '../../support/teamsConnector';
import { openTestStore } from '../../support/store';
import { publicityNotice, putRecipients, recipient } from './fixtures';
import { quietLog, testEngine } from '../../support/noticeEngineHarness';
import { withTimeout } from '../../support/waitFor';

let store: Store;
let connector: StandInConnector | undefined;
afterEach(async () => {
  await connector?.close();
  connector = undefined;
  await store?.close();
});

describe('notice schedules', () => {
  it('sends a notice with sendAt on time, with no further call', async () => {
    store = await openTestStore();
    connector = await startStandInConnector({});
    await putRecipients(store, Array.from({ length: 5 }, (_, i) => recipient(i, connector!.url, ['call'])));
    const engine = testEngine(store, { maxRps: 50 });
    // node-cron as the bot arms it, recorded: the test checks what was armed, and waits for the round's end.
    const armed: Date[] = [];
    const arm: ArmTimer = (at, fire) => (armed.push(at), cronTimer(at, fire));
    const scheduler = new NoticeScheduler({ instanceId: 'one', schedules: store.schedules, startRound: (id, r) => engine.startRound(id, r), arm, log: quietLog });
    const notices = new Notices({ notices: store.notices, deliveries: store.deliveries, plan: (n) => scheduler.planFor(n), startRound: (id, r) => engine.startRound(id, r) });
    engine.start();
    await scheduler.start();
    try {
      const sendAt = new Date(Math.ceil((Date.now() + 2_500) / 1000) * 1000);
      const parsed = notices.parse({ kind: 'call', title: '2027年度评价申报通知', text: '请于截止前提交。', deadline: '2027-01-31', audience: { type: 'subscribers' }, sendAt: sendAt.toISOString() });
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      const notice = await notices.create(parsed.input, 'test');
      const finished = engine.roundFinished(notice.id, 'main');
      expect((await notices.report(notice.id))!.status).toBe('scheduled');
      expect(armed).toEqual([sendAt]);
      expect((await withTimeout(finished, 30_000)).state.status).toBe('done');
      expect(connector.received).toHaveLength(5);
      // Never early (cron fires on the second; a busy machine may make it late, which is not what is tested).
      expect(Math.min(...connector.received.map((r) => r.at))).toBeGreaterThanOrEqual(sendAt.getTime() - 1_000);
      expect((await store.schedules.get(`${notice.id}:main`))!.value.state).toBe('done');
    } finally {
      scheduler.stop();
      await engine.stop();
    }
  });

  it('with several instances, only the one that takes the lease runs a job; a dead runner’s job runs again after its lease', async () => {
    store = await openTestStore();
    const started: string[] = [];
    // On a clock the test moves: the lease's expiry is a step of the clock, not a wait.
    let now = Date.parse('2026-12-01T08:00:00Z');
    const make = (id: string) =>
      new NoticeScheduler({ instanceId: id, schedules: store.schedules, startRound: async (noticeId: string, round: Round) => (started.push(`${id}:${noticeId}:${round}`), null), arm: () => () => undefined, log: quietLog, leaseMs: 1_000, now: () => new Date(now) });
    const [a, b, c] = [make('a'), make('b'), make('c')];
    await store.schedules.put({ id: 'N1:main', noticeId: 'N1', round: 'main', runAt: new Date(now - 1000).toISOString(), state: 'pending' });
    const fired = await Promise.all([a.fire('N1:main'), b.fire('N1:main'), c.fire('N1:main')]);
    expect(fired.filter(Boolean)).toHaveLength(1);
    expect(started).toHaveLength(1);
    expect((await store.schedules.get('N1:main'))!.value.state).toBe('done');

    // A runner that took the lease and died: pending, lease in the past → the next one runs it.
    await store.schedules.put({ id: 'N2:main', noticeId: 'N2', round: 'main', runAt: new Date(now - 1000).toISOString(), state: 'pending', owner: 'dead', leaseUntil: new Date(now + 800).toISOString() });
    expect(await a.fire('N2:main')).toBe(false);
    now += 900;
    expect(await b.fire('N2:main')).toBe(true);
    expect(started.filter((s) => s.includes('N2'))).toEqual(['b:N2:main']);
  });

  it('a publicity notice schedules its reminders; a reminder goes out only if the notice itself did', async () => {
    const now = new Date('2026-11-25T08:00:00+08:00');
    const notice = publicityNotice({ period: { start: '2026-12-01', end: '2026-12-07' } });
    const times = reminderTimes(notice, now);
    expect(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.toISOString()]))).toEqual({
      opening: '2026-12-01T01:00:00.000Z',
      deadline_soon: '2026-12-05T01:00:00.000Z',
      closing: '2026-12-07T01:00:00.000Z',
    });
    expect(reminderTimes({ ...notice, reminders: false }, now)).toEqual({});
    expect(Object.keys(reminderTimes(notice, new Date('2026-12-06T00:00:00+08:00')))).toEqual(['closing']);

    store = await openTestStore();
    connector = await startStandInConnector({});
    await putRecipients(store, Array.from({ length: 3 }, (_, i) => recipient(i, connector!.url, ['publicity'])));
    await store.notices.upsert(notice);
    const engine = testEngine(store, { maxRps: 50 });
    engine.start();
    try {
      expect(await engine.startRound(notice.id, 'deadline_soon')).toMatchObject({ status: 'skipped', reason: 'the notice itself was never sent' });
      await engine.startRound(notice.id, 'main');
      expect((await withTimeout(engine.roundFinished(notice.id, 'main'), 60_000)).state.status).toBe('done');
      await engine.startRound(notice.id, 'closing');
      expect((await withTimeout(engine.roundFinished(notice.id, 'closing'), 60_000)).state.status).toBe('done');
    } finally {
      await engine.stop();
    }
    expect(connector.received).toHaveLength(6);
    const headings = connector.received.map((r) => JSON.stringify(r.activity));
    // Two of the three read Chinese, conversation 0 English.
    expect(headings.filter((h) => h.includes('公示提醒：今天公示截止'))).toHaveLength(2);
    expect(headings.filter((h) => h.includes('Reminder: the publicity period ends today'))).toHaveLength(1);
  });
});
