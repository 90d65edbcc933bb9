import { ADMIN_TOKEN, startTestApp } from '../support/app';
import { DirectLineClient, type DlActivity } from '../support/directLineClient';
import { waitFor } from '../support/noticeEngineHarness';

const admin = (url: string, path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers ?? {}) } });
const cardContent = (a: DlActivity) => (a.attachments?.[0]?.content ?? {}) as { body?: { type: string; id?: string; value?: string; text?: string }[] };

describe('notices over the local channel', () => {
  it('subscribes in chat, receives a publicity notice as a card, and staff follow its delivery', async () => {
    const app = await startTestApp();
    try {
      const dl = new DirectLineClient(app.url, 'subscriber');
      await dl.start();
      await dl.say('订阅公示');
      // The first message also brings the welcome.
      expect((await dl.botReplies()).map((a) => a.text)).toContain('已订阅：公示。说“订阅设置”可随时调整。');
      await dl.say('订阅设置');
      const toggles = cardContent((await dl.botReplies())[0]!).body!.filter((b) => b.type === 'Input.Toggle');
      expect(toggles.map((b) => [b.id, b.value])).toEqual([['own', 'false'], ['publicity', 'true'], ['call', 'false'], ['event', 'false']]);

      const bad = await admin(app.url, '/api/admin/notices', { method: 'POST', body: JSON.stringify({ kind: 'publicity', title: '', text: 'x', audience: { type: 'everyone' } }) });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.details).toEqual(expect.arrayContaining([expect.stringMatching(/^title/), expect.stringMatching(/^audience/)]));
      expect((await fetch(`${app.url}/api/admin/notices`, { method: 'POST', body: '{}' })).status).toBe(401);

      const created = await admin(app.url, '/api/admin/notices', {
        method: 'POST',
        body: JSON.stringify({
          kind: 'publicity', title: '2026年第二批拟入库企业名单公示', text: '现予公示。', audience: { type: 'subscribers' },
          period: { start: '2026-11-25', end: '2026-12-02' }, list: [{ creditCode: '91440700J26GFM1F16', name: '江门市五邑智控科技有限公司', process: 'recognition' }], reminders: false,
        }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      expect((await (await admin(app.url, `/api/admin/notices/${id}`)).json()).status).toBe('draft');
      expect((await admin(app.url, '/api/admin/notices/nope/send', { method: 'POST' })).status).toBe(404);
      expect((await admin(app.url, `/api/admin/notices/${id}/send`, { method: 'POST' })).status).toBe(202);

      const notice = (await dl.awaitReplies())[0]!;
      expect(JSON.stringify(cardContent(notice))).toContain('江门市五邑智控科技有限公司');
      const report = await waitFor(async () => {
        const r = (await (await admin(app.url, `/api/admin/notices/${id}`)).json()) as { status: string; counts: Record<string, number> };
        return r.status === 'done' ? r : null;
      });
      expect(report.counts).toEqual({ total: 1, pending: 0, sent: 1, failed: 0, undeliverable: 0 });
      const csv = await (await admin(app.url, `/api/admin/notices/${id}/deliveries?format=csv`)).text();
      expect(csv.split('\n')[0]).toContain('recipientId,round,status,attempts,activityId');
      expect(csv).toContain(',main,sent,1,');

      // Settings card saved with nothing on, then 退订: nothing more arrives.
      await dl.submit({ action: 'subscriptions', own: 'false', publicity: 'false', call: 'false', event: 'true' });
      expect((await dl.botReplies())[0]!.text).toBe('已保存。您会收到：对接活动。');
      await dl.say('退订');
      expect((await dl.botReplies())[0]!.text).toBe('已退订全部通知，您不会再收到推送。想恢复时说“订阅通知”即可。');
    } finally {
      await app.close();
    }
    // A whole app's start and a delivery through it: on a loaded machine this takes a minute (the bound guards a hang).
  }, 120_000);
});
