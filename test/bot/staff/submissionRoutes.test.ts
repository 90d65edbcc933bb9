import { ADMIN_TOKEN, startTestApp } from '../../support/app';
import { DirectLineClient, type DlActivity } from '../../support/directLineClient';

const staff = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

describe('objections, recusal requests and change reports handled to the end', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function fileRecusal(user: string): Promise<{ dl: DirectLineClient; receiptNo: string }> {
    const dl = new DirectLineClient(app.url, user);
    await dl.start();
    const post = async (activity: Record<string, unknown>): Promise<DlActivity[]> => {
      await dl.call('POST', `/conversations/${dl.conversationId}/activities`, { type: 'message', from: { id: user }, ...activity });
      return dl.botReplies();
    };
    for (const text of ['申请专家回避', 'RZ-2026-2-0003', '王专家', '该专家为我司竞争对手提供咨询', '广州羊城数联科技有限公司', '林先生', '13800138000']) await post({ text });
    const done = await post({ text: '确认提交', value: { action: 'confirm', yes: true } });
    const receiptNo = /HB-\d{8}-[0-9A-Z]{4}/.exec(done[0]!.text!)![0];
    return { dl, receiptNo };
  }
  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`${app.url}${path}`, body === undefined ? { headers: staff } : { method: 'POST', headers: staff, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const textOf = (activities: DlActivity[]) => JSON.stringify(activities.map((a) => [a.text, a.attachments?.map((x) => x.content)]));

  it('goes received → in review → answered, and the reply with its receipt number arrives in the filer\'s chat', async () => {
    const { dl, receiptNo } = await fileRecusal('recuser-1');
    const queued = await api('/staff/api/submissions?type=recusal');
    expect(queued.body.submissions).toEqual([expect.objectContaining({ state: 'received', city: '广州', overdue: false, submission: expect.objectContaining({ receiptNo }) })]);

    const review = await api(`/staff/api/submissions/${receiptNo}/review`, { assignee: '陈科员' });
    expect(review.body).toMatchObject({ state: 'in_review', assignee: '陈科员' });

    const answer = await api(`/staff/api/submissions/${receiptNo}/answer`, { reply: '经核实，王专家将不参加贵司的评审。' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'answered', assignee: '陈科员', delivered: true, replyNoticeId: expect.any(String) });

    let replies: DlActivity[] = [];
    const until = Date.now() + 20_000;
    while (!textOf(replies).includes('经核实') && Date.now() < until) replies = replies.concat(await dl.awaitReplies(2000));
    expect(textOf(replies)).toContain('经核实，王专家将不参加贵司的评审。');
    expect(textOf(replies)).toContain(receiptNo);

    // settled: a second answer is refused, the queue shows it answered, the audit log has it
    expect((await api(`/staff/api/submissions/${receiptNo}/answer`, { reply: '再答一次' })).status).toBe(409);
    expect((await api(`/staff/api/submissions?state=answered`)).body.submissions.map((s: { submission: { receiptNo: string } }) => s.submission.receiptNo)).toContain(receiptNo);
    const audit = await api('/staff/api/audit');
    expect(audit.body.entries.map((e: { action: string; target?: string }) => `${e.action}:${e.target}`)).toEqual(expect.arrayContaining([`submission_review:${receiptNo}`, `submission_answered:${receiptNo}`]));
    const csv = await (await fetch(`${app.url}/staff/api/submissions?format=csv`, { headers: staff })).text();
    expect(csv).toContain(receiptNo);
  });

  it('refuses an empty reply and an unknown receipt number', async () => {
    const { receiptNo } = await fileRecusal('recuser-2');
    expect((await api(`/staff/api/submissions/${receiptNo}/answer`, { reply: '   ' })).body.error.code).toBe('BadArgument');
    expect((await api('/staff/api/submissions/HB-20260101-XXXX/answer', { reply: '好' })).status).toBe(404);
    expect((await api(`/staff/api/submissions/${receiptNo}/answer`, { reply: '好', outcome: 'maybe' })).status).toBe(400);
  });

  it('flags an objection not settled by the end of its publicity period', async () => {
    const [notice] = await app.store.notices.listByKind('publicity');
    const end = new Date(Date.now() - 60_000).toISOString();
    await app.store.notices.upsert({ ...notice!, period: { start: new Date(Date.now() - 10 * 86_400_000).toISOString(), end } });
    const listed = notice!.list![0]!;
    await app.store.submissions.add({
      id: 'YY-20261120-OVR1', receiptNo: 'YY-20261120-OVR1', type: 'objection', createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString(), userKey: 'directline:someone',
      locale: 'zh-CN', fields: { target: `${listed.name}（${listed.creditCode}）`, reason: '不实' }, evidence: [],
    });
    const [first] = (await api('/staff/api/submissions?type=objection')).body.submissions;
    expect(first).toMatchObject({ overdue: true, due: end, submission: { receiptNo: 'YY-20261120-OVR1' } });
    const rejected = await api('/staff/api/submissions/YY-20261120-OVR1/answer', { reply: '不予受理：超出范围', outcome: 'rejected' });
    // nobody's conversation is known for this filer: the answer is recorded and the page says it was not sent
    expect(rejected.body).toMatchObject({ state: 'rejected', delivered: false, overdue: true });
    const after = (await api('/staff/api/submissions/YY-20261120-OVR1')).body;
    expect(after).toMatchObject({ state: 'rejected', overdue: false });
  });
});
