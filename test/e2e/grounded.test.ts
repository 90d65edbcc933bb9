import documentData from '../../data/knowledge/document.json';
import { ADMIN_TOKEN, startTestApp } from '../support/app';
import { DirectLineClient, type DlActivity } from '../support/directLineClient';
import { TeamsClient } from '../support/teamsClient';
import { startStandInConnector } from '../support/teamsConnector';

/**
 * Issue 15: answers from the province's document (粤经信办函〔2018〕348号), through the real bot over the local
 * Direct Line channel, each question in a fresh conversation as a new user would ask it.
 */
const buttons = (replies: DlActivity[]) => replies.flatMap((a) => a.attachments ?? []).flatMap((att) => att.content.buttons ?? []);

/**
 * The bot on its own app for a describe block (the local channel admits 30 new users a minute, and every question
 * here is a new user's), with a fresh conversation per chat.
 */
function desk(prefix: string) {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  let users = 0;
  async function chat(locale?: string) {
    const user = `${prefix}-${++users}`;
    const dl = new DirectLineClient(app.url, user);
    await dl.start();
    const post = async (activity: Record<string, unknown>): Promise<DlActivity[]> => {
      const { json } = await dl.call('POST', `/conversations/${dl.conversationId}/activities`, { type: 'message', from: { id: user }, locale, ...activity });
      // Only the replies to this message (the first one also brings the welcome).
      return (await dl.botReplies()).filter((a) => (a as DlActivity & { replyToId?: string }).replyToId === (json as unknown as { id: string }).id);
    };
    return { say: (text: string) => post({ text }), post };
  }
  return { chat, ask: async (text: string, locale?: string) => (await chat(locale)).say(text) };
}

describe('answers grounded in the province’s document', () => {
  const { chat, ask } = desk('asker');

  describe('1. coverage: each asker’s questions reach the document’s answer, in Chinese and English', () => {
    it.each([
      ['an applicant', '想申请进资源池，流程是怎样的', ['省资源池企业认定共十步', '书面审查、现场答辩和实地考察'], '附件1 第一至十条'],
      ['a pool member (the evaluation goes to the CITY)', '年度评价申请应该交给哪个部门', ['向各地市经济和信息化主管部门递交评价申请'], '附件2 第二至三条；工作方案 二（二）'],
      ['a pool member', '评价看哪些指标啊', ['客户评价反馈情况', '地市经济和信息化主管部门推荐意见', '三个档次'], '附件2 第四至六、八条'],
      ['a pool member', '评了不合格会怎么样', ['予以淘汰'], '工作方案 二（二）'],
      ['a manufacturer', '我们是工厂，深圳注册的服务商能来佛山给我们做吗', ['全省互认', '非本地注册的资源池企业'], '工作方案 二（四）'],
      ['a city official', '我是市经信局的，市里要审查什么', ['合规性审查', '推荐意见', '抄送广东省工业互联网产业联盟'], '附件1 第一、三至四、十条'],
      ['a county official', '县级主管部门收到材料后做什么', ['收集整理后，将企业申报材料报各地市经济和信息化主管部门'], '附件1 第二至五条'],
      ['anyone (the document sets no publicity length)', '公示一般多少天', ['文件没有规定公示期的长度', '正在公示：'], '附件1 第八至九条'],
      ['anyone, with a slip of the keyboard (公式 for 公示)', '公式期多长时间', ['文件没有规定公示期的长度'], '附件1 第八至九条'],
      ['a pool member asking what the ratings mean', '评价结果有哪三种', ['优秀供应商、合格供应商、不合格供应商'], '工作方案 二（二）'],
      ['a county official whose 要不要 is no "stop notices"', '县里收到企业材料以后，要不要写推荐意见？', ['合规性审查和推荐意见由地市经济和信息化主管部门负责', '文件没有给县级规定审查、推荐或组织评审的职责'], '附件1 第二至五条'],
      ['an applicant after the expert review', '我们专家评审已经做完了，后面还有啥步骤', ['将相关评审结果报省经济和信息化委', '正式公布认定结果'], '附件1 第七至十条'],
      ['an applicant in Zhongshan, with a typo (申抱)', '中山的企业申抱资源池是交区里还是市里', ['直接向中山市经济和信息化主管部门递交申请'], '附件1 第二至四条'],
      ['a pool member asking who publishes', '评价结果是联盟直接发吗', ['都由省经济和信息化委正式公布'], '附件1 第三至四、七至八、十条'],
      ['anyone asking where the publicity appears (the document does not say)', '公示喺边个网站睇？', ['文件也没有规定在哪个网站或渠道公示'], '附件1 第八至九条'],
    ])('%s: %s', async (_asker, question, expected, cited) => {
      const [answer] = await ask(question);
      for (const words of expected) expect(answer?.text).toContain(words);
      expect(answer?.text).toContain(`依据：粤经信办函〔2018〕348号 ${cited}`);
    });

    it('answers an English question about the procedure rather than starting matchmaking', async () => {
      const [change] = await ask('Our main business has shifted from consulting to running a platform. What do we need to file, and with whom?', 'en-US');
      expect(change?.text).toContain('material change of business direction');
      expect(change?.text).toContain('the provincial commission, copying the alliance');
      const [evaluation] = await ask('We’re already in the pool. Should our annual evaluation application go to the district office like our original application did?', 'en-US');
      expect(evaluation?.text).toContain('Annual evaluation applications go to the city economy and IT department (not the county)');
      // An English sentence quoting a Chinese term is answered in English.
      const [quoted] = await ask('What does 省优秀供应商 cover — only platform companies?');
      expect(quoted?.text).toContain('platform providers and service providers');
    });

    it('says so when the document does not answer a procedure question, showing the nearest clause', async () => {
      const [answer] = await ask('省联盟的会员单位有哪些？');
      expect(answer?.text).toMatch(/^我没有在文件中找到直接回答这个问题的条款。与之最接近的是这一条，仅供参考：/);
      expect(answer?.text).toContain('刘坤东');
      expect(answer?.text).toMatch(/依据：粤经信办函〔2018〕348号 \S+/);
    });

    it('answers in English from our translation, citing the same clauses', async () => {
      const [answer] = await ask('What are the evaluation indicators?');
      expect(answer?.text).toContain('customer evaluation feedback');
      expect(answer?.text).toContain('Source: Yue Jing Xin Ban Han [2018] No. 348, annex 2, items 4–6, 8');
      const [dongguan] = await ask('Where does a company in Dongguan submit its application?');
      expect(dongguan?.text).toMatch(/^Dongguan has no county level: .*directly to the Dongguan city economy and IT department/);
    });

    it('answers a question no curated answer covers with the document’s own clause', async () => {
      const [answer] = await ask('省资源池认定突出以什么为基础');
      expect(answer?.text).toContain('“省资源池企业认定，突出以工业物联为基础，以工业设备、业务系统和物料产品的数据采集为关键');
      expect(answer?.text).toContain('依据：粤经信办函〔2018〕348号 工作方案 二（一）第二段');
    });
  });

  it('2. cites its source and shows the clause in full on a button, in the user’s language', async () => {
    const { say, post } = await chat();
    const answer = await say('年度评价申请应该交给哪个部门');
    expect(answer[0]?.text).toMatch(/\n\n依据：粤经信办函〔2018〕348号 附件2 第二至三条；工作方案 二（二）$/);
    const see = buttons(answer).find((b) => b.title === '查看原文')!;
    const [clause] = await post({ text: see.title, value: see.value });
    const annex22 = documentData.clauses.find((c) => c.id === 'annex2.2')!;
    expect(clause?.text).toContain(`粤经信办函〔2018〕348号 附件2 第二条：\n\n${annex22.text}`);
    expect(clause?.text).toContain('附件2 第三条');

    const english = await (await chat('en-US')).say('How does the expert review work?');
    const seeEn = buttons(english).find((b) => b.title === 'See the clause')!;
    expect(english[0]?.text).toContain('Source: Yue Jing Xin Ban Han [2018] No. 348, annex 1, items 5–6');
    expect(seeEn.value).toEqual({ action: 'clause', ids: ['annex1.5', 'annex1.6'] });
  });

  it('3. invents nothing: the document’s contact, its “符合条件的”, and silence said as silence', async () => {
    const [contact] = await ask('转人工');
    expect(contact?.text).toContain('刘坤东，电话 020-83133375');
    expect(contact?.text).not.toMatch(/020-0{8}|9:00/);
    const [benefits] = await ask('评上优秀有什么好处');
    expect(benefits?.text).toContain('优先支持符合条件的省工业互联网优秀供应商申报国家级工业互联网平台');
    const [vouchers] = await ask('服务券怎么用');
    expect(vouchers?.text).toContain('文件没有规定服务券发给谁（发放对象）、面额、每家企业可得的数量、补贴金额或比例、申领条件和使用办法');
  });

  it('5. answers what it can before asking an unbound user to bind, and offers the next step', async () => {
    const replies = await ask('我们的评价结果出来了吗');
    expect(replies[0]?.text).toMatch(/^认定结果和评价结果都由省经济和信息化委正式公布/);
    expect(replies.map((r) => r.text ?? r.attachments?.[0]?.content.text)).toEqual(expect.arrayContaining(['查询进度前需要先绑定企业，以确认您有权查看。', '请输入贵企业的统一社会信用代码（18位）：']));
    const objection = await ask('对公示结果有意见怎么反映');
    expect(objection[0]?.text).toContain('应在公示期内向省经济和信息化委反映情况');
    expect(buttons(objection).map((b) => b.title)).toEqual(['查看原文', '准备异议书']);
  });

  it('5. shows a supplier rated only 合格 as not 优秀, since the menu promises excellent ones', async () => {
    const { say } = await chat();
    await say('想上WMS管仓库');
    const results = await say('跳过');
    const cards = results.flatMap((a) => a.attachments ?? []).map((a) => JSON.stringify(a.content));
    const qualified = cards.find((c) => c.includes('中山市云仓智造科技有限公司'));
    expect(qualified).toContain('2025年度评价：合格（不是“优秀”）');
  });
});

describe('every part of a question, and what the document does not set (the blind sets’ failure classes)', () => {
  const { ask } = desk('parts');

  it.each([
    // A need heard (专家) in a question about how the review works: the answer, not "which industry are you in?".
    ['a question about the experts', '评审的专家都是省工业互联网专家委员会里的人吗？谁来组织这些专家？', undefined, ['包括但不限于广东省工业互联网专家委员会成员', '委托广东省工业互联网产业联盟'], ['查看原文']],
    // A request for suppliers with a procedure question beside it: the question answered, the matchmaking one tap away.
    ['a request with a question beside it', '帮我推荐几家做MES的服务商。另外，官方有没有组织对接活动？', undefined, ['组织开展省优秀供应商专场对接活动'], ['查看原文', '找优秀服务商']],
    // What the document does not set, with no curated topic: the silence, cited, with its clause on the button.
    ['a silence of its own', '每批认定有多少个名额？', undefined, ['文件没有规定每次认定的名额', '依据：粤经信办函〔2018〕348号 工作方案 一、工作目标'], ['查看原文']],
    ['two parts in English', 'Who actually carries out the annual evaluation, and what ratings can a member end up with?', 'en-US', ['entrusts the alliance', 'excellent supplier, qualified supplier, unqualified supplier'], ['See the clause']],
  ])('answers every part of %s: %s', async (_shape, question, locale, expected, titles) => {
    const replies = await ask(question, locale);
    expect(replies).toHaveLength(1);
    for (const words of expected) expect(replies[0]?.text).toContain(words);
    expect(buttons(replies).map((b) => b.title)).toEqual(titles);
  });
});

describe('the held-out set F’s classes, through the bot with questions of our own', () => {
  const { ask } = desk('classes');

  it('1. an office named in a question about something else does not bring its duty paragraph', async () => {
    const [answer] = await ask('这份方案除了发给各市经信局，还抄送了谁？');
    expect(answer?.text).toContain('抄送广东省工业互联网产业联盟');
    expect(answer?.text).not.toContain('地市经济和信息化主管部门要做的是');
  });

  it('2. an English question no topic covers gets its clause, quoted in English', async () => {
    const [answer] = await ask('What provincial government policy is behind this work plan?', 'en-US');
    expect(answer?.text).toContain('"To implement the Guangdong Provincial People\'s Government\'s notice issuing the implementation plan');
    expect(answer?.text).toContain('Source: Yue Jing Xin Ban Han [2018] No. 348, the work plan, introduction');
  });

  it.each([
    ['申报要不要交评审费？', undefined, '也可以咨询通知所列联系人刘坤东，电话 020-83133375'],
    ['Is there a fee to apply?', 'en-US', "the provincial commission's current call for applications or evaluation call decides; you can also ask Liu Kundong"],
  ])('3. a silence says where to find out: %s', async (question, locale, pointer) => {
    const [answer] = await ask(question, locale);
    expect(answer?.text).toContain(pointer);
  });

  it('5. the official directory asked beside a request for suppliers is answered, with matchmaking one tap away', async () => {
    const replies = await ask('帮我推荐几家做设备联网的服务商，另外省里有官方推荐目录吗？');
    expect(replies[0]?.text).toContain('优秀供应商推荐名录');
    expect(buttons(replies).map((b) => b.title)).toContain('找优秀服务商');
  });
});

describe('the held-out set I’s classes, through the bot with questions of our own', () => {
  const { ask } = desk('set-i');

  it('1. an English procedure question with a need word and no topic gets the clause, not "which industry?"', async () => {
    const replies = await ask('Does the alliance rate members on actual market data or just on the paperwork?', 'en-US');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('actual market data');
    expect(replies[0]?.text).not.toContain('Which industry');
  });

  it('2. a supplier’s registration in a procedure question is no request to bind', async () => {
    const replies = await ask('Our supplier is registered in Guangzhou but is in the provincial pool. Can our Jiangmen plant still use them under local policies?', 'en-US');
    expect(replies[0]?.text).toContain('mutual recognition');
    expect(replies.map((r) => r.text).join(' ')).not.toContain('unified social credit code');
  });

  it('3. an office asking is answered without the enterprise’s binding prompt', async () => {
    const replies = await ask('我们区里这次评价推荐有没有名额？');
    expect(replies).toHaveLength(1);
    // The district has no step in the evaluation, and the document sets no recommendation quota.
    expect(replies[0]?.text).toContain('文件没有给县（市、区）经济和信息化主管部门规定年度评价中的环节');
    expect(replies[0]?.text).toContain('也没有规定各地市推荐的名额');
    expect(replies[0]?.text).not.toContain('统一社会信用代码');
  });

  it('4. "like during recognition" asks about the evaluation’s review stages', async () => {
    const [answer] = await ask('What are the evaluation steps? And will we face a defence like during recognition?', 'en-US');
    expect(answer?.text).toContain('include no written review, on-site defence or field inspection');
  });

  it('6. an enterprise asking what the document does not set about its own case is not asked to bind', async () => {
    const replies = await ask('我们公司今年的评价结果是不合格，被淘汰了，明年能重新申报进池吗');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('文件没有规定被淘汰的企业能否重新申报');
    expect(buttons(replies).map((b) => b.title)).toContain('查询本企业进度');
  });

  it('5. a late change report with a typo: no number of days and no penalty set', async () => {
    const [answer] = await ask('名子变了多少天内要报？晚了会怎样？');
    expect(answer?.text).toContain('文件没有规定报告变更的具体天数，也没有规定逾期或不报告的处罚');
  });
});

describe('the held-out set J’s classes, through the bot with questions of our own', () => {
  const { ask } = desk('set-j');

  it('1. a step both procedures share, asked naming neither, quotes both annexes’ clauses', async () => {
    const [answer] = await ask('报给省经信委的时候要不要抄送联盟？');
    expect(answer?.text).toContain('认定和年度评价各有一条与您的问题相关');
    expect(answer?.text).toContain('附件1 第四条：“');
    expect(answer?.text).toContain('附件2 第三条：“');
    expect(answer?.text).toContain('依据：粤经信办函〔2018〕348号 附件1 第四条；附件2 第三条');
  });

  it('2. the same step asked about the evaluation quotes the evaluation’s clause alone', async () => {
    const [answer] = await ask('年度评价报给省经信委的时候要不要抄送联盟？');
    expect(answer?.text).not.toContain('附件1');
    expect(answer?.text).toContain('连同评价材料报省经济和信息化委，并抄送广东省工业互联网产业联盟');
  });

  it('3. "how do we apply" naming the annual evaluation gets the evaluation’s steps, not recognition’s ten', async () => {
    const [answer] = await ask('我们想参加今年的年度评价，怎么申请');
    expect(answer?.text).toContain('省资源池企业年度评价共八步');
    expect(answer?.text).not.toContain('省资源池企业认定共十步');
    const [overview] = await ask('想申请进资源池怎么弄');
    expect(overview?.text).toContain('省资源池企业认定共十步');
  });

  it('4. "outside Guangdong" heard as how to apply gets what the document does not set, in English', async () => {
    const [answer] = await ask('Can a company registered outside Guangdong apply to join the pool?', 'en-US');
    expect(answer?.text).toContain('The document sets no condition on where an applicant is registered');
    expect(answer?.text).not.toContain('Recognition has ten steps');
  });
});

describe('the set L’s classes (first measured 2026-12-02), through the bot with questions of our own', () => {
  const { ask } = desk('set-l');

  it('1. "will you notify us?" asked about the evaluation is answered, not taken as a subscription', async () => {
    const replies = await ask('今年年度评价一般几月份开始？到时候会通知吗');
    const text = replies.map((r) => r.text).join(' ');
    expect(text).toMatch(/文件没有规定(申报或评价的)?具体月份和截止日期/);
    expect(text).not.toContain('已订阅');
  });

  it('2. a change told as a story naming a service is the change report, not "which industry?"', async () => {
    const [answer] = await ask('我们公司上个月被收购了，股东换了，主营也从做MES转到做工业大数据平台，这种情况要走什么手续？');
    expect(answer?.text).toContain('报省经济和信息化委，同时抄报省联盟');
    expect(answer?.text).not.toContain('属于哪个行业');
  });

  it('3. an expert who should "not take part" is a recusal, not a member skipping the evaluation', async () => {
    const [answer] = await ask('An expert on our panel used to consult for our rival. Can we ask that he not take part in evaluating our application?', 'en-US');
    expect(answer?.text).toMatch(/applicants? may request an expert's recusal|has the right to request/);
    expect(answer?.text).not.toContain('not taking part in the annual evaluation');
  });

  it('4. the procedure compared with (like when we applied) is not the one asked about', async () => {
    const [answer] = await ask('For this year’s evaluation, do we go through the district office again like we did when we applied?', 'en-US');
    expect(answer?.text).toMatch(/^Pool members are evaluated every year/);
    expect(answer?.text).not.toContain('sets no months or deadlines');
  });

  it('5. a comparison asks both sides: the commission’s role and the alliance’s', async () => {
    // The split of roles is one answer of its own now (sets W–AB): both sides, each in its words.
    const [answer] = await ask('How is the work split between the provincial commission and the alliance? What does each of them do, versus the other?', 'en-US');
    expect(answer?.text).toContain('entrusts the Guangdong Industrial Internet Industry Alliance');
    expect(answer?.text).toContain('organises the expert review and the evaluation');
    expect(answer?.text).toMatch(/publishes the (call|calls)/);
  });

  it('6. the review’s indicators asked in plain words, and the difference of the two kinds of supplier the document leaves open', async () => {
    const [review] = await ask('专家评审主要看哪几块？');
    expect(review?.text).toContain('基本信息、运营情况、核心团队、商业模式、产品服务、应用案例、市场评价');
    expect(review?.text).not.toContain('与之最接近的是这一条');
    const [kinds] = await ask('我们做工业APP的，该按平台商还是服务商报？两类有什么区别');
    expect(kinds?.text).toMatch(/^文件没有给出平台商和服务商的定义或区别/);
  });
});

describe('the set K’s classes (first measured 2026-12-02), through the bot with questions of our own', () => {
  const { ask } = desk('set-k');

  it('1. a worry about too few cases gets what the document does not set, then the indicators', async () => {
    const [answer] = await ask('我们案例不多，评审会不会直接被刷掉？主要看哪些方面');
    expect(answer?.text).toMatch(/^文件没有规定各项评审指标的权重、最低分数，也没有规定应用案例的数量门槛/);
  });

  it('2. a supplier rated 合格 asking for the pilots’ priority is told the priority is the excellent ones’', async () => {
    const [answer] = await ask('我们评价结果是合格，上云上平台试点能优先吗？');
    expect(answer?.text).toMatch(/^文件没有规定对评价为“合格”的供应商的专门支持/);
  });

  it('3. a company in a district asking where its application goes is an applicant, not a district office', async () => {
    const [answer] = await ask('We are a small software company in Haizhu District, Guangzhou. Do we send our pool application to the province directly?', 'en-US');
    expect(answer?.text).toMatch(/^A company in Guangzhou prepares the paper and electronic materials the call requires and submits them to its county\/district/);
  });

  it('4. a city setting up its own pool, in English, gets the city pools’ clause, not the city’s whole role', async () => {
    const [answer] = await ask('Our city would like to set up its own supplier pool. Is that allowed and who goes in it?', 'en-US');
    expect(answer?.text).toMatch(/^The document supports and encourages cities to build city-level/);
  });

  it('5. events to meet suppliers face to face, and how often: the events, and no frequency set', async () => {
    const [answer] = await ask('Are there events where our factory can meet the suppliers in person?', 'en-US');
    expect(answer?.text).toMatch(/^The document provides for dedicated matchmaking events/);
    expect(answer?.text).toContain('It sets no frequency');
  });

  it('6. "our grade is wrong" is an objection; "the same process as recognition?" compares the two', async () => {
    const [objection] = await ask('We think our grade in the evaluation is wrong. What can we do?', 'en-US');
    expect(objection?.text).toMatch(/^An applicant \(in the evaluation, a pool member\) objecting to a publicised result must raise it with the provincial commission/);
    const [compare] = await ask('年度评价跟当初认定那套流程一样吗？');
    expect(compare?.text).toMatch(/^认定是进入省资源池/);
  });
});

describe('in Teams', () => {
  it('ends the answer with its citation and shows the clause on the card’s button, as Teams sends the press', async () => {
    const connector = await startStandInConnector({});
    const app = await startTestApp(undefined, { DEV_SERVICE_URLS: connector.url });
    try {
      const chat = new TeamsClient(app.url, connector, { id: 'a:personal-grounded', conversationType: 'personal' }, { id: '29:carol', name: 'Carol', aadObjectId: 'aad-carol' });
      const { sent } = await chat.say('评价结果是联盟直接发吗');
      expect(sent[0]?.text).toMatch(/\n\n依据：粤经信办函〔2018〕348号 附件1 第三至四、七至八、十条；附件2 第五至六、八条；工作方案 二（一）$/);
      const card = (sent[0]?.attachments as { contentType: string; content: { buttons: { type: string; title: string; text: string; value: unknown }[] } }[])[0]!;
      expect(card.contentType).toBe('application/vnd.microsoft.card.hero');
      const see = card.content.buttons.find((b) => b.title === '查看原文')!;
      // A messageBack button: Teams posts its text and value to the bot.
      expect(see.type).toBe('messageBack');
      const pressed = await chat.post({ type: 'message', text: see.text, value: see.value });
      const annex28 = documentData.clauses.find((c) => c.id === 'annex2.8')!;
      expect(pressed.sent[0]?.text).toContain(`粤经信办函〔2018〕348号 附件2 第八条：\n\n${annex28.text}`);
    } finally {
      await app.close();
      await connector.close();
    }
  });
});

describe('pinyin typed for Chinese (the blind set S’s class), through the bot with questions of our own', () => {
  const { ask } = desk('pinyin');

  it('answers a question typed wholly in pinyin in Chinese, as if typed in characters', async () => {
    const replies = await ask('wo men chang xiang zhao gong ying shang zuo she bei lian wang, you mei you ming dan?');
    const said = replies.map((r) => r.text).join(' ');
    expect(said).toContain('优秀供应商推荐名录');
    expect(said).not.toMatch(/change|recommended directory/i);
  });

  it('reads a term typed in spaced pinyin inside an English question, and answers in English', async () => {
    const [answer] = await ask("What does 'yi yong cu jian' mean in the plan?", 'en-US');
    expect(answer?.text).toContain('Building through use');
  });
});

describe('the blind set U’s classes (first measured 2026-12-03), through the bot with questions of our own', () => {
  const { ask } = desk('set-u');

  it('answers a manufacturer’s “so this is basically…” about the plan, not with the matchmaking’s “which industry?”', async () => {
    const replies = await ask('So this whole pool thing is basically the government pushing factories to the cloud?', 'en-US');
    const said = replies.map((r) => r.text).join(' ');
    expect(said).toContain('Building through use');
    expect(said).not.toContain('Which industry');
  });

  it('tells a factory asking whether it has a say in the ratings that customer feedback is an indicator', async () => {
    const replies = await ask('Can factories like ours have a say in how the suppliers get rated?', 'en-US');
    expect(replies.map((r) => r.text).join(' ')).toContain('customer evaluation feedback');
    expect(buttons(replies).map((b) => b.title)).not.toContain('Supply-chain collaboration');
  });

  it('says the document sets no share of excellent ratings when asked for a percentage', async () => {
    const [answer] = await ask('What % of pool companies get rated excellent each year? Is there a cap?', 'en-US');
    expect(answer?.text).toContain('no share or pass rate for the ratings');
  });
});

describe('what staff see of it', () => {
  it('POST /api/admin/understand names the procedure topic beside the contract intent', async () => {
    const app = await startTestApp();
    try {
      const understand = async (text: string) => (await fetch(`${app.url}/api/admin/understand`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify({ text }) })).json();
      expect(await understand('年度评价申请交哪里')).toMatchObject({ topic: 'where_to_submit_evaluation' });
      expect((await understand('你好')).topic).toBeUndefined();
      // What the chat hears of pinyin, shown as heard.
      expect(await understand('nian du ping jia shen qing jiao na li')).toMatchObject({ topic: 'where_to_submit_evaluation', heard: expect.stringContaining('年度评价') });
    } finally {
      await app.close();
    }
  });
});

describe('the secretariat contact is configuration', () => {
  it('says the configured contact instead of the notice’s', async () => {
    const app = await startTestApp(undefined, { SECRETARIAT_CONTACT: '省工业互联网产业联盟秘书处，电话 020-12345678' });
    try {
      const dl = new DirectLineClient(app.url, 'contact');
      await dl.start();
      await dl.say('转人工');
      expect((await dl.botReplies()).map((a) => a.text)).toContain('需要人工服务？请联系：省工业互联网产业联盟秘书处，电话 020-12345678');
    } finally {
      await app.close();
    }
  });
});

describe('sets W–AB’s classes, through the bot with questions of our own', () => {
  const { ask } = desk('set-w-ab');

  it('1. a premise the document contradicts is set right through the desk, with no binding prompt', async () => {
    const replies = await ask('我们还没进资源池，可以直接参加今年的年度评价吗？');
    expect(replies[0]?.text ?? '').toMatch(/^不是：年度评价的对象是已入选省资源池的单位（企业）/);
    expect(replies.map((r) => r.text).join(' ')).not.toContain('统一社会信用代码');
  });

  it('2. an applicant registered outside Guangdong asking whether it may apply is told the document’s silence, not asked to bind', async () => {
    const replies = await ask('We are registered in Hangzhou with an office in Foshan. Can we apply, or only Guangdong-registered firms?', 'en-US');
    expect(replies[0]?.text).toContain('The document sets no condition on where an applicant is registered');
    expect(replies.map((r) => r.text).join(' ')).not.toContain('unified social credit code');
  });

  it('3. a request to confirm the notice’s number, issuer and contact is answered, not handed to staff', async () => {
    const [answer] = await ask('帮我核对一下这份文件的文号、发文单位和落款日期');
    expect(answer?.text).toContain('粤经信办函〔2018〕348号');
    expect(answer?.text).toContain('2018年9月5日');
  });

  it('4. "who decides our rating?" is answered without the binding prompt', async () => {
    const replies = await ask('谁决定我们的评价等级？');
    expect(replies[0]?.text).toContain('省经济和信息化委');
    expect(replies.map((r) => r.text).join(' ')).not.toContain('统一社会信用代码');
  });
});

