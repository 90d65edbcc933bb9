import ExcelJS from 'exceljs';
import { ADMIN_TOKEN, startTestApp } from '../../support/app';
import { startStandInConnector, type StandInConnector } from '../../support/teamsConnector';
import { putRecipients, recipient } from '../../services/notices/fixtures';
import { channelSender, testEngine } from '../../support/noticeEngineHarness';
import { waitFor } from '../../support/waitFor';
import { openTestStore } from '../../support/store';

const staff = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const call = { kind: 'call', title: { zh: '2027年认定申报通知', en: 'Call for 2027 recognition' }, text: { zh: '请于截止日前提交。', en: 'Submit before the deadline.' }, deadline: '2027-01-31T17:00:00+08:00' };

describe('notices in the staff console', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let connector: StandInConnector;
  beforeAll(async () => {
    connector = await startStandInConnector({ seed: 5 });
    app = await startTestApp(undefined, { ADMIN_TOKEN, BROADCAST_MAX_RPS: '25' });
    await putRecipients(app.store, Array.from({ length: 120 }, (_, i) => recipient(i, connector.url, ['call'])));
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
  });

  const post = async (path: string, body: unknown = {}) => {
    const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: staff, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const get = async (path: string) => (await fetch(`${app.url}${path}`, { headers: staff })).json();
  const receivedFor = (text: string) => connector.received.filter((r) => JSON.stringify(r.activity).includes(text)).length;

  it('previews the exact card in Chinese and English, and says what is wrong with a bad notice', async () => {
    const preview = await post('/staff/api/notices/preview', { ...call, audience: { type: 'subscribers' } });
    expect(preview.status).toBe(200);
    expect(preview.body['zh-CN'].card.type).toBe('AdaptiveCard');
    expect(JSON.stringify(preview.body['zh-CN'].card)).toContain('2027年认定申报通知');
    expect(JSON.stringify(preview.body['en-US'].card)).toContain('Call for 2027 recognition');
    expect(preview.body['zh-CN'].text).toContain('请于截止日前提交。');
    const bad = await post('/staff/api/notices/preview', { kind: 'call', title: '缺截止时间', text: '正文', audience: { type: 'all' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(['deadline: a call needs its deadline']);
  });

  it('counts the conversations an audience reaches before sending', async () => {
    expect((await post('/staff/api/notices/count', { ...call, audience: { type: 'subscribers' } })).body).toEqual({ conversations: 120 });
    const ids = [recipient(1, connector.url).id, recipient(2, connector.url).id, 'no-such-conversation'];
    expect((await post('/staff/api/notices/count', { ...call, audience: { type: 'conversations', ids } })).body).toEqual({ conversations: 2 });
  });

  it('sends now, reports progress to 100 %, pages the recipients on the server and exports them', async () => {
    const created = await post('/staff/api/notices', { ...call, title: { zh: '全量发送测试' }, audience: { type: 'subscribers' }, sendNow: true });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const done = await waitFor(async () => {
      const report = await get(`/staff/api/notices/${id}`);
      return report.status === 'done' ? report : null;
    }, 60_000);
    expect(done.counts).toEqual({ total: 120, sent: 120, failed: 0, pending: 0, undeliverable: 0, cancelled: 0 });
    expect(receivedFor('全量发送测试')).toBe(120);

    const seen = new Set<string>();
    let after = '';
    let pages = 0;
    do {
      const page = await get(`/staff/api/notices/${id}/deliveries?size=50${after ? `&after=${after}` : ''}`);
      expect(page.deliveries.length).toBeLessThanOrEqual(50);
      page.deliveries.forEach((d: { recipientId: string; status: string }) => (expect(d.status).toBe('sent'), seen.add(d.recipientId)));
      after = page.next ?? '';
      pages++;
    } while (after);
    expect([seen.size, pages]).toEqual([120, 3]);
    expect((await get(`/staff/api/notices/${id}/deliveries?status=failed`)).deliveries).toEqual([]);

    const csv = await (await fetch(`${app.url}/staff/api/notices/${id}/deliveries?format=csv`, { headers: staff })).text();
    expect(csv.trim().split('\n')).toHaveLength(121);
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(await (await fetch(`${app.url}/staff/api/notices/${id}/deliveries?format=xlsx`, { headers: staff })).arrayBuffer());
    expect(xlsx.worksheets[0]!.rowCount).toBe(121);
    expect((await post(`/staff/api/notices/${id}/retry`)).body.error.code).toBe('NothingToRetry');
    expect((await post(`/staff/api/notices/${id}/cancel`)).body.error.code).toBe('NothingToCancel');
  });

  it('cancels a scheduled notice: it never goes out', async () => {
    const sendAt = new Date(Date.now() + 3600_000).toISOString();
    const created = await post('/staff/api/notices', { ...call, title: { zh: '定时后取消' }, audience: { type: 'subscribers' }, sendAt });
    expect(created.body.sendAt).toBe(sendAt);
    expect((await get(`/staff/api/notices/${created.body.id}`)).status).toBe('scheduled');
    expect((await post(`/staff/api/notices/${created.body.id}/cancel`)).body).toEqual({ id: created.body.id, cancelled: ['main'] });
    expect((await get(`/staff/api/notices/${created.body.id}`)).status).toBe('cancelled');
    // sending it now is refused by the engine (the round is no longer scheduled), and nothing arrives
    await post(`/staff/api/notices/${created.body.id}/send`);
    expect((await get(`/staff/api/notices/${created.body.id}`)).status).toBe('cancelled');
    expect(receivedFor('定时后取消')).toBe(0);
  });

  it('cancels a running send: what was not sent stays unsent and is counted as cancelled', async () => {
    const { body } = await post('/staff/api/notices', { ...call, title: { zh: '发送中取消' }, audience: { type: 'subscribers' }, sendNow: true });
    await waitFor(async () => receivedFor('发送中取消') >= 10 || null, 30_000);
    expect((await post(`/staff/api/notices/${body.id}/cancel`)).body.cancelled).toEqual(['main']);
    // once the sends that were in flight are recorded, the counts match what the channel got
    const report = await waitFor(async () => {
      const r = await get(`/staff/api/notices/${body.id}`);
      return r.counts.sent === receivedFor('发送中取消') ? r : null;
    }, 30_000);
    expect(report.status).toBe('cancelled');
    expect(report.counts.cancelled).toBeGreaterThan(0);
    expect(report.counts.sent + report.counts.cancelled + report.counts.failed + report.counts.undeliverable).toBe(120);
    expect(report.counts.pending).toBe(0);
    const audit = await get('/staff/api/audit');
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['notice_created', 'notice_sent', 'notice_cancelled']));
  });
});

describe('retry the failed, and throttling on the notice page', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let connector: StandInConnector;
  let throttling: StandInConnector;
  beforeAll(async () => {
    connector = await startStandInConnector({ seed: 7 });
    // A channel that answers every send 429 with a long Retry-After: the sends wait it out.
    throttling = await startStandInConnector({ seed: 8, inject429: 1, retryAfterSeconds: 120 });
    app = await startTestApp(undefined, { ADMIN_TOKEN, BROADCAST_MAX_RPS: '25' });
    await putRecipients(app.store, Array.from({ length: 10 }, (_, i) => recipient(200 + i, connector.url, ['call'])));
    await putRecipients(app.store, Array.from({ length: 4 }, (_, i) => recipient(300 + i, throttling.url, ['call'])));
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
    await throttling.close();
  });

  const post = async (path: string, body: unknown = {}) => {
    const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: staff, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const get = async (path: string) => (await fetch(`${app.url}${path}`, { headers: staff })).json();
  const finished = (id: string) => waitFor(async () => {
    const report = await get(`/staff/api/notices/${id}`);
    return report.status === 'done' ? report : null;
  }, 90_000);

  it('sends again to the conversations that failed, once the channel takes them: they get it and the counts say so', async () => {
    const broken = [200, 203, 207].map((n) => recipient(n, connector.url));
    broken.forEach((r) => connector.breakConversation(r.conversationId));
    const ids = Array.from({ length: 10 }, (_, i) => recipient(200 + i, connector.url).id);
    const { body } = await post('/staff/api/notices', { ...call, title: { zh: '失败后重发' }, audience: { type: 'conversations', ids }, sendNow: true });
    const first = await finished(body.id);
    expect(first.counts).toMatchObject({ total: 10, sent: 7, failed: 3, pending: 0 });
    const failedRows = (await get(`/staff/api/notices/${body.id}/deliveries?status=failed`)).deliveries as { conversationId: string; reason: string }[];
    expect(failedRows.map((d) => d.conversationId).sort()).toEqual(broken.map((r) => r.conversationId).sort());
    expect(failedRows[0]!.reason).toMatch(/^500/);

    broken.forEach((r) => connector.repair(r.conversationId));
    const retried = await post(`/staff/api/notices/${body.id}/retry`);
    expect(retried).toMatchObject({ status: 202, body: { retryOf: body.id, conversations: 3 } });
    const again = await finished(retried.body.id);
    expect(again.counts).toMatchObject({ total: 3, sent: 3, failed: 0, pending: 0 });
    const got = new Set(connector.received.filter((r) => JSON.stringify(r.activity).includes('失败后重发')).map((r) => r.conversationId));
    expect(got.size).toBe(10); // the seven the first time, the three on the retry
    for (const r of broken) expect(got.has(r.conversationId)).toBe(true);
    // the ones that had it are not sent it twice
    expect(connector.received.filter((r) => JSON.stringify(r.activity).includes('失败后重发')).length).toBe(10);
    const audit = await get('/staff/api/audit');
    expect(audit.entries.find((e: { action: string }) => e.action === 'notice_retried')).toMatchObject({ target: body.id });
  }, 150_000);

  it("shows the sends waiting out the channel's Retry-After while a round is throttled", async () => {
    const ids = Array.from({ length: 4 }, (_, i) => recipient(300 + i, throttling.url).id);
    const { body } = await post('/staff/api/notices', { ...call, title: { zh: '限流中' }, audience: { type: 'conversations', ids }, sendNow: true });
    const held = await waitFor(async () => {
      const report = await get(`/staff/api/notices/${body.id}`);
      // The engine counts each 429 on the round's tally beside the send (not before the record is put back to
      // wait), so the count may land a moment after the records show the wait: wait for both.
      const counted = report.throttling?.throttled === null || (report.throttling?.throttled ?? 0) >= 4;
      return report.throttling?.waiting === 4 && counted ? report : null;
    }, 60_000);
    expect(held.counts).toMatchObject({ total: 4, sent: 0, pending: 4 });
    // the last retry is about two minutes away, not now
    expect(Date.parse(held.throttling.until)).toBeGreaterThan(Date.now() + 60_000);
    // the engine's own count of 429s, where it keeps one; the page shows nothing for it otherwise
    if (held.throttling.throttled !== null) expect(held.throttling.throttled).toBeGreaterThanOrEqual(4);
    expect((await post(`/staff/api/notices/${body.id}/cancel`)).status).toBe(200);
    const after = await get(`/staff/api/notices/${body.id}`);
    expect(after.throttling.waiting).toBe(0);
    expect(after.counts.cancelled).toBe(4);
  }, 60_000);
});

describe('cancel from the console while two bot instances send one notice', () => {
  it('stops both: what was not sent stays unsent and is counted cancelled, and nothing is sent twice', async () => {
    const store = await openTestStore();
    const connector = await startStandInConnector({ seed: 13 });
    await putRecipients(store, Array.from({ length: 400 }, (_, i) => recipient(1000 + i, connector.url, ['call'])));
    // Instance A is the whole bot (the console and its engine); instance B another engine on the same database,
    // whose sends and reads of the active notices the test sees.
    const app = await startTestApp(store, { ADMIN_TOKEN, BROADCAST_MAX_RPS: '5' });
    const refreshes: number[] = [];
    const watchedNotices = Object.assign(Object.create(store.notices) as typeof store.notices, {
      listActive: async () => {
        const active = await store.notices.listActive();
        refreshes.push(Date.now());
        return active;
      },
    });
    const b = { started: [] as number[], inFlight: 0, sent: 0 };
    const sender = channelSender(store);
    const engineB = testEngine(Object.assign(Object.create(store) as typeof store, { notices: watchedNotices }), {
      maxRps: 5,
      instanceId: 'b',
      sender: {
        send: async (delivery, notice) => {
          b.started.push(Date.now());
          b.inFlight++;
          try {
            const result = await sender.send(delivery, notice);
            b.sent++;
            return result;
          } finally {
            b.inFlight--;
          }
        },
      },
    });
    engineB.start();
    const title = '双实例取消';
    const received = () => connector.received.filter((r) => JSON.stringify(r.activity).includes(title));
    const post = async (path: string, body: unknown = {}) => (await fetch(`${app.url}${path}`, { method: 'POST', headers: staff, body: JSON.stringify(body) })).json();
    const get = async (path: string) => (await fetch(`${app.url}${path}`, { headers: staff })).json();
    try {
      const { id } = await post('/staff/api/notices', { ...call, title: { zh: title }, audience: { type: 'subscribers' }, sendNow: true });
      // both instances are sending it
      await waitFor(async () => (b.sent >= 3 && received().length - b.sent >= 3) || null, 60_000);
      expect((await post(`/staff/api/notices/${id}/cancel`)).cancelled).toEqual(['main']);
      const cancelledAt = Date.now();
      // B has read the active notices four times since (the second read began after the cancel was written; a
      // send already past the engine's status check when that read landed may still start while it takes its
      // conversation's slot — one database round trip — so the reads after that one are the test)
      await waitFor(async () => (refreshes.filter((t) => t > cancelledAt).length >= 4 && b.inFlight === 0) || null, 30_000);
      const fourthRead = refreshes.filter((t) => t > cancelledAt)[3]!;
      expect(b.started.filter((t) => t > fourthRead)).toEqual([]);
      // A's sends that were past its check when the cancel came finish too (A is not watched): let both
      // instances run on for ten more of B's reads, then the counts are what the channel got
      await waitFor(async () => refreshes.filter((t) => t > cancelledAt).length >= 12 || null, 30_000);
      const report = await waitFor(async () => {
        const r = await get(`/staff/api/notices/${id}`);
        return r.counts.sent === received().length ? r : null;
      }, 30_000);
      expect(report.status).toBe('cancelled');
      expect(report.counts.cancelled).toBeGreaterThan(0);
      expect(report.counts.pending).toBe(0);
      expect(report.counts.sent + report.counts.failed + report.counts.undeliverable + report.counts.cancelled).toBe(400);
      // the unsent stay unsent: their records are still pending, one for each counted cancelled, and the
      // recipient table lists them as cancelled
      expect((await store.deliveries.list(id, 'pending')).length).toBe(report.counts.cancelled);
      const listed = await get(`/staff/api/notices/${id}/deliveries?status=cancelled&size=200`);
      expect(listed.deliveries.length).toBe(Math.min(200, report.counts.cancelled));
      expect(new Set(listed.deliveries.map((d: { status: string }) => d.status))).toEqual(new Set(['cancelled']));
      expect((await get(`/staff/api/notices/${id}/deliveries?status=pending`)).deliveries).toEqual([]);
      expect(new Set(received().map((r) => r.conversationId)).size).toBe(received().length);
      // and stay so while both instances keep running: three more reads of B, A's own polls alongside
      const sentThen = received().length;
      const reads = refreshes.length;
      await waitFor(async () => refreshes.length >= reads + 3 || null, 30_000);
      expect(received().length).toBe(sentThen);
      expect((await get(`/staff/api/notices/${id}`)).counts).toMatchObject({ sent: sentThen, cancelled: report.counts.cancelled });
    } finally {
      await engineB.stop();
      await app.close();
      await connector.close();
    }
  }, 120_000);
});
