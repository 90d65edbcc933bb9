import { ADMIN_TOKEN, startTestApp } from '../support/app';
import { DirectLineClient, type DlActivity } from '../support/directLineClient';
import { waitFor } from '../support/waitFor';

const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };
type CardBody = { body: { text?: string }[]; actions: { data: { creditCode: string } }[] };

describe('finding a supplier over the local channel (demo catalog)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    // Feedback is due a fraction of a second after a connection, so the test can run the job at once.
    app = await startTestApp(undefined, { ADMIN_TOKEN, FEEDBACK_AFTER_DAYS: '0.00001' });
  });
  afterAll(() => app.close());

  const send = (dl: DirectLineClient, activity: Record<string, unknown>) =>
    dl.call('POST', `/conversations/${dl.conversationId}/activities`, { type: 'message', from: { id: dl.userId }, ...activity });

  it('recommends, connects, records the lead, and later takes the manufacturer’s rating', async () => {
    const dl = new DirectLineClient(app.url, 'maker');
    await dl.start();
    await dl.say('我们是佛山的陶瓷厂，窑炉用电太多想省电费');
    const replies = await dl.botReplies();
    const carousel = replies.find((a) => (a as DlActivity & { attachmentLayout?: string }).attachmentLayout === 'carousel')!;
    expect(carousel.text).toContain('需要：能耗管理；行业：陶瓷建材；所在地：佛山（不影响推荐范围）');
    const cards = carousel.attachments!.map((a) => a.content as unknown as CardBody);
    expect(cards[0]!.body[0]!.text).toBe('佛山市智联云工业科技有限公司'); // covers, ceramics case, 优秀
    expect(JSON.stringify(cards)).not.toContain('佛山市安环物联'); // 不合格 in 2025
    expect(replies.at(-1)?.attachments?.[0]?.content.buttons?.map((b) => b.title)).toContain('调整需求');

    await send(dl, { value: { action: 'connect', creditCode: cards[0]!.actions[0]!.data.creditCode } });
    expect((await dl.botReplies())[0]?.text).toBe('好的，为您对接“佛山市智联云工业科技有限公司”。请问贵公司名称是？');
    await dl.say('佛山市某某陶瓷有限公司');
    await dl.botReplies();
    await dl.say('王经理');
    await dl.botReplies();
    await dl.say('12345');
    expect((await dl.botReplies())[0]?.text).toContain('号码格式好像不对');
    await dl.say('13800138000');
    expect((await dl.botReplies())[0]?.attachments?.[0]?.content).toMatchObject({ text: expect.stringContaining('贵公司：佛山市某某陶瓷有限公司') });
    await send(dl, { text: '确认提交', value: { action: 'confirm', yes: true } });
    const done = (await dl.botReplies())[0]!.text!;
    const leadNo = /LD-\d{8}-[0-9A-Z]{4}/.exec(done)![0];
    expect(done).toContain('李工（0757-00000001');

    const leads = await (await fetch(`${app.url}/api/admin/leads`, { headers: staff })).json();
    expect(leads.leads).toEqual([expect.objectContaining({ leadNo, company: '佛山市某某陶瓷有限公司', contact: '王经理', phone: '13800138000' })]);
    const outbox = await (await fetch(`${app.url}/api/admin/outbox`, { headers: staff })).json();
    expect(outbox.outbox.map((m: { to: string }) => m.to)).toEqual(['supplier 李工 bd@zhilian.example.com 0757-00000001', 'staff']);

    // The feedback falls due a moment after the lead (the test's FEEDBACK_AFTER_DAYS): ask until it has.
    expect(await waitFor(async () => { const run = await app.askForFeedback(); return run.asked || run.failed ? run : null; })).toEqual({ asked: 1, failed: 0 });
    expect(await app.askForFeedback()).toEqual({ asked: 0, failed: 0 }); // asked once only
    const ask = (await dl.botReplies())[0]!;
    expect(ask.attachments![0]!.content.buttons!.map((b) => b.title)[4]).toBe('5 ★★★★★');
    await send(dl, { text: '4', value: { action: 'feedback', leadNo, rating: 4 } });
    expect((await dl.botReplies())[0]?.text).toContain('谢谢您的4分');
    await dl.say('响应很快，方案实在');
    expect((await dl.botReplies())[0]?.text).toContain('已记录您的评价');

    const year = new Date().getFullYear();
    const csv = await (await fetch(`${app.url}/api/admin/feedback?supplier=91440600UAQW567EUX&year=${year}&format=csv`, { headers: staff })).text();
    expect(csv).toContain(`91440600UAQW567EUX,佛山市智联云工业科技有限公司,${year},${leadNo},4,响应很快，方案实在`);
  });

  it('asks what is needed when the message names no service, then asks the industry', async () => {
    const dl = new DirectLineClient(app.url, 'maker2');
    await dl.start();
    await dl.say('帮我推荐几家服务商');
    expect((await dl.botReplies()).at(-1)?.text).toContain('请用一两句话说说您想解决的问题');
    await dl.say('产品表面老有划痕，全靠人工目检');
    expect((await dl.botReplies()).at(-1)?.text).toContain('贵企业属于哪个行业');
    await dl.say('我们是做手机外壳的电子厂');
    const results = await dl.botReplies();
    expect(results.find((a) => a.text?.includes('需要：机器视觉检测；行业：电子信息'))).toBeDefined();
  });

  it('asks one question with the likeliest categories as buttons when the need is too vague, then searches on the choice', async () => {
    const dl = new DirectLineClient(app.url, 'vague-maker');
    await dl.start();
    await dl.say('帮我推荐几家服务商');
    expect((await dl.botReplies()).at(-1)?.text).toContain('请用一两句话说说您想解决的问题');
    await dl.say('我们厂管理比较落后');
    const question = (await dl.botReplies()).at(-1)!.attachments![0]!.content as { text: string; buttons: { title: string; value: unknown }[] };
    expect(question.text).toContain('您最需要的是哪一类');
    const titles = question.buttons.map((b) => b.title);
    expect(titles.length).toBeGreaterThan(1);
    expect(titles.length).toBeLessThanOrEqual(3);
    const choice = question.buttons.find((b) => b.title === '生产执行MES') ?? question.buttons[0]!;
    await send(dl, { text: choice.title, value: choice.value });
    expect((await dl.botReplies()).at(-1)?.text).toContain('贵企业属于哪个行业');
    await dl.say('跳过');
    const results = await dl.botReplies();
    expect(results.find((a) => a.text?.includes(`需要：${choice.title}`))).toBeDefined();
  });

  it('connects a bound enterprise under its own name without asking for it', async () => {
    const dl = new DirectLineClient(app.url, 'bound-maker');
    await dl.start();
    await dl.say('绑定 91440700J26GFM1F16 JM-4821');
    await dl.botReplies();
    await dl.say('想找做能耗管理的服务商，我们是陶瓷厂');
    const carousel = (await dl.botReplies()).find((a) => (a as DlActivity & { attachmentLayout?: string }).attachmentLayout === 'carousel')!;
    const creditCode = (carousel.attachments![0]!.content as unknown as CardBody).actions[0]!.data.creditCode;
    await send(dl, { value: { action: 'connect', creditCode } });
    const replies = (await dl.botReplies()).map((a) => a.text);
    expect(replies[0]).toMatch(/^好的，以“江门市五邑智控科技有限公司”的名义与“.*”对接。$/);
    expect(replies[1]).toBe('联系人怎么称呼？');
  });

  it('shows the recommended directory on request', async () => {
    const dl = new DirectLineClient(app.url, 'maker3');
    await dl.start();
    await dl.say('看看推荐名录');
    const text = (await dl.botReplies()).at(-1)?.text ?? '';
    expect(text).toMatch(/\n\n2025年度推荐名录：共\d+家评价优秀的供应商/);
    expect(text).toContain('依据：粤经信办函〔2018〕348号 工作方案 二（五）一是');
    expect(text).not.toContain('中山市云仓'); // 合格 in 2025
  });

  it('leaves the flow when the user turns to something else', async () => {
    const dl = new DirectLineClient(app.url, 'maker4');
    await dl.start();
    await dl.say('想找做能耗管理的服务商，我们是陶瓷厂');
    await dl.botReplies();
    await dl.say('转人工');
    expect((await dl.botReplies()).some((a) => a.text?.includes('刘坤东，电话 020-83133375'))).toBe(true);
    await dl.say('我要对公示名单提异议');
    const objection = await dl.botReplies();
    expect(objection.map((a) => a.text).join()).toContain('正在公示');
    expect(objection.at(-1)?.attachments?.[0]?.content.text).toBe('您对哪家企业或名单有异议？');
  });
});
