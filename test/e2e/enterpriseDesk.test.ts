import { startTestApp } from '../support/app';
import { DirectLineClient, type DlActivity } from '../support/directLineClient';

type AdaptiveCard = { fallbackText: string; body: { text?: string; facts?: { title: string; value: string }[] }[] };
const card = (a: DlActivity | undefined) => a?.attachments?.[0]?.content as unknown as AdaptiveCard;

describe('the enterprise desk over the local channel (demo applications)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function chat(user: string): Promise<{ dl: DirectLineClient; say: (text: string) => Promise<DlActivity[]> }> {
    const dl = new DirectLineClient(app.url, user);
    await dl.start();
    return { dl, say: async (text) => (await dl.say(text), dl.botReplies()) };
  }

  it('leads an unbound user into binding, then shows the stage with its expert-review sub-steps', async () => {
    const { say } = await chat('enterprise-a');
    const first = await say('我们公司的申报到哪一步了');
    expect(first.map((a) => a.text)).toEqual(expect.arrayContaining(['查询进度前需要先绑定企业，以确认您有权查看。', '请输入贵企业的统一社会信用代码（18位）：']));
    expect((await say('9144O1OOFUE1PCUFUL')).at(-1)?.text).toContain('看起来输错了');
    const typo = await say('91440100FUE1PCUFUK');
    expect(typo.at(-1)?.text).toBe('这个代码看起来输错了（校验位不对，可能有一位输错了），请核对后重新输入：');
    expect((await say('91440100FUE1PCUFUL')).at(-1)?.text).toBe('请输入申报时获得的查询码：');
    const bound = await say('GZ-1960');
    expect(bound[0]?.text).toBe('已绑定“广州羊城数联科技有限公司”。现在可以查询申报和评价进度了。');
    const status = card(bound.at(-1));
    expect(status.body[0]!.text).toBe('广州羊城数联科技有限公司');
    expect(status.fallbackText).toContain('当前环节：专家评审');
    expect(status.fallbackText).toMatch(/书面审查：已完成 \d{4}-\d{2}-\d{2}/);
    expect(status.fallbackText).toMatch(/现场答辩：已安排 \d{4}-\d{2}-\d{2}/);
    expect(status.fallbackText).toContain('实地考察：待安排');
    expect(status.fallbackText).toContain('✔ 市级合规性审查');
    expect(status.fallbackText).toContain('下一步：上报评审结果');

    const again = await say('认定进度');
    expect(card(again[0]).fallbackText).toContain('RZ-2026-2-0003');
  });

  it('binds in one shot, tells who acts next, and answers in English', async () => {
    const { say } = await chat('enterprise-b');
    expect((await say('绑定 91440600TW13AK20KR FS-7305')).map((a) => a.text)).toContain('已绑定“佛山市顺德区美智工业软件有限公司”。现在可以查询申报和评价进度了。');
    const status = card((await say('where is our application now?'))[0]);
    expect(status.fallbackText).toContain('Current stage：City compliance review');
    expect(status.fallbackText).toContain('Next：Expert review — the provincial alliance organizes the expert review');
  });

  it('keeps other enterprises’ data hidden and never says whether a credit code exists', async () => {
    const { say } = await chat('enterprise-c');
    await say('绑定企业');
    await say('91441900TN8DTU2DR4');
    expect((await say('GZ-1960')).at(-1)?.text).toBe('信用代码或查询码不正确，请核对后再试。多次输错将暂时锁定。');
    await say('绑定企业');
    await say('91440600K0TG2116W9'); // valid check character, not in the pool
    expect((await say('whatever')).at(-1)?.text).toBe('信用代码或查询码不正确，请核对后再试。多次输错将暂时锁定。');
    const status = await say('申报进度');
    // What can be said without the enterprise comes first (issue 15, point 5), then binding.
    expect(status[0]?.text).toMatch(/^认定申请递交后依次经过：.*\n\n依据：粤经信办函〔2018〕348号 附件1 /s);
    expect(status[1]?.text).toBe('查询进度前需要先绑定企业，以确认您有权查看。');
    expect(JSON.stringify(status)).not.toContain('东莞市松湖智造');
  });

  it('locks binding after 5 wrong access codes and says when to retry', async () => {
    const { say } = await chat('enterprise-d');
    let last: DlActivity[] = [];
    for (let i = 0; i < 5; i++) last = await say(`绑定 91440700J26GFM1F16 WRONG-${i}`);
    expect(last.at(-1)?.text).toMatch(/^输错次数过多，绑定已暂时锁定，请在 \d{2}:\d{2} 之后再试/);
    expect((await say('绑定 91440700J26GFM1F16 JM-4821')).at(-1)?.text).toMatch(/暂时锁定/);
  });

  it('lets a user bound to several enterprises choose, shows evaluation results, and unbinds', async () => {
    const { dl, say } = await chat('enterprise-e');
    await say('绑定 91440600UAQW567EUX FS-2025');
    await say('绑定 91441900TN8DTU2DR4 DG-5512');
    const choose = await say('今年评价结果出来了吗');
    expect(choose.at(-1)?.attachments?.[0]?.content.text).toBe('您绑定了多个企业，要查询哪一家？');
    await dl.call('POST', `/conversations/${dl.conversationId}/activities`, { type: 'message', from: { id: 'enterprise-e' }, text: '佛山市智联云工业科技有限公司', value: { creditCode: '91440600UAQW567EUX' } });
    const result = card((await dl.botReplies())[0]);
    expect(result.fallbackText).toContain('结果：优秀');
    expect(result.fallbackText).toContain('当前环节：正式公布');
    expect((await say('解除绑定'))[0]?.text).toBe('已解除全部 2 个企业绑定。');
    const unbound = await say('评价结果');
    expect(unbound[0]?.text).toMatch(/^年度评价申请递交后依次经过：/);
    expect(unbound[1]?.text).toBe('查询进度前需要先绑定企业，以确认您有权查看。');
  });
});

describe('PUT /api/admin/applications', () => {
  it('imports, rejects bad records by index, and tells bound users about a stage change with the card', async () => {
    const { ADMIN_TOKEN } = await import('../support/app');
    const app = await startTestApp();
    try {
      const dl = new DirectLineClient(app.url, 'watcher');
      await dl.start();
      await dl.say('绑定 91440700J26GFM1F16 JM-4821');
      await dl.botReplies();
      const moved = {
        id: 'RZ-2026-2-0001', creditCode: '91440700J26GFM1F16', enterpriseName: '江门市五邑智控科技有限公司', city: '江门', county: '蓬江区',
        process: 'recognition', year: 2026, batch: '2026年第二批', stage: 'county_forwarded',
        stageHistory: [{ stage: 'submitted', at: '2026-11-19' }, { stage: 'county_forwarded', at: '2026-11-25' }], accessCode: 'JM-4821', contacts: [{ name: '梁工' }],
      };
      const response = await fetch(`${app.url}/api/admin/applications`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ applications: [moved, { ...moved, id: 'BAD', creditCode: '91440700J26GFM1F17' }] }),
      });
      expect(await response.json()).toEqual({ imported: 1, rejected: [{ index: 1, errors: [expect.stringMatching(/creditCode/)] }], stageChanges: 1, noticesQueued: 1 });
      const notice = (await dl.awaitReplies())[0]!;
      expect(notice.text).toBe('您关注的“江门市五邑智控科技有限公司”资源池认定（RZ-2026-2-0001）进入新环节：县级汇总。');
      expect(card(notice).fallbackText).toContain('下一步：市级合规性审查 — 江门市经济和信息化主管部门进行合规性审查并提出推荐意见');

      const unchanged = await fetch(`${app.url}/api/admin/applications`, {
        method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify({ applications: [moved] }),
      });
      expect((await unchanged.json()).stageChanges).toBe(0);
      const noToken = await fetch(`${app.url}/api/admin/applications`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"applications":[]}' });
      expect(noToken.status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
