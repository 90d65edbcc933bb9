import ExcelJS from 'exceljs';
import { ADMIN_TOKEN, startTestApp } from '../../support/app';
import { startStandInConnector, type StandInConnector } from '../../support/teamsConnector';
import { putRecipients, recipient } from '../../services/notices/fixtures';
import { waitFor } from '../../support/waitFor';

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
