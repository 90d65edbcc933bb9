import { loadGuidance, loadProvinceDocument } from '../../../data/knowledge/load';
import { Guidance } from '../../../services/applications/guidance';
import { writtenLocale } from '../../../services/i18n';
import { ProvinceDocument } from '../../../services/knowledge/document';
import provisions from '../../fixtures/knowledge-provisions.json';
import { answered } from '../../support/guidance';

const document = new ProvinceDocument(loadProvinceDocument());
const guidance = new Guidance(loadGuidance(), document);

/** The clauses the knowledge answers a question with: its curated topic's, else the clause retrieval finds. */
function cited(question: string): string[] {
  const topic = guidance.topicFor(question);
  if (topic) return guidance.answer(topic.topic, 'zh-CN', question).clauses;
  return (guidance.retrieve(question) ?? guidance.nearest(question))?.clauses ?? [];
}

/** Issue 15, point 1: every provision of the notice and its two annexes is reachable, in Chinese and in English. */
describe('every clause of the document answers a natural question about it', () => {
  it('has a question for every clause', () => {
    const asked = new Set(provisions.provisions.map((p) => p.clause));
    expect(document.clauses.map((c) => c.id).filter((id) => !asked.has(id))).toEqual([]);
  });

  it.each(provisions.provisions.flatMap((p) => [[p.clause, p.zh] as const, [p.clause, p.en] as const]))('%s: %s', (clause, question) => {
    expect({ question, cites: cited(question).includes(clause) }).toEqual({ question, cites: true });
  });
});

describe('the document’s silence, and its nearest clause', () => {
  it('tells a procedure question nothing answers which clause is nearest, never a question off the subject', () => {
    expect(guidance.retrieve('省联盟的办公地址在哪里？')).toBeNull();
    expect(guidance.nearest('省联盟的办公地址在哪里？')?.topic).toMatch(/^nearest:/);
    expect(guidance.nearest('今天天气怎么样')).toBeNull();
    expect(guidance.nearest('附近有什么好吃的')).toBeNull();
  });

  it.each([
    ['公示期一般几天啊？', 'publicity_length', '文件没有规定公示期的长度'],
    ['公示喺边个网站睇？', 'publicity_length', '文件也没有规定在哪个网站或渠道公示'],
    ['评审专家一般几个人？', 'expert_review', '文件没有规定专家人数'],
    ['被评不合格淘汰了，多久之后可以重新申报？', 'ratings', '文件没有规定被淘汰的企业能否重新申报、多久之后可以重新申报'],
    ['申报的企业注册资本最低要多少？', 'who_may_apply', '没有注册资本、成立年限、营收规模之类的门槛'],
    ['今年申报截止是几号？', 'frequency', '文件没有规定具体月份和截止日期'],
    ['年度评价一般几月份开始？', 'frequency', '文件没有规定具体月份和截止日期'],
    ['公司股权结构大变了，是不是要重新申报认定？', 'change_report', '文件没有要求因变更重新申报认定'],
  ])('%s → %s, saying what the document does not set', (question, topic, silence) => {
    expect(guidance.topicFor(question)?.topic).toBe(topic);
    expect(guidance.answer(topic, 'zh-CN', question).text).toContain(silence);
  });
});

describe('a part of a question that names no procedure asks about the message’s own (held-out set I’s class)', () => {
  const inShaoguan = (q: string) => {
    const topic = guidance.topicFor(q)!;
    return guidance.answer(topic.topic, 'zh-CN', q, '韶关');
  };

  it('does not answer 先交到区里 in an evaluation question with recognition’s county step for the city', () => {
    const answer = inShaoguan('年度评价是不是跟认定时一样，先交到区里？我们在韶关');
    expect(answer.text).toContain('年度评价的申请交到所在地市的经济和信息化主管部门（不经县区）');
    expect(answer.text).not.toContain('韶关的企业：');
  });

  it('still answers recognition’s step where the part names recognition, or the whole question is about it', () => {
    expect(inShaoguan('认定申请是不是先交到区里？我们在韶关').text).toContain('韶关的企业：');
    expect(inShaoguan('年度评价申请交哪里？认定的时候是不是先交区里？我们在韶关').text).toContain('韶关的企业：');
  });
});

describe('a message naming one procedure is not answered with the other’s topic (held-out set J’s class, J12)', () => {
  it('answers an applicant asking whether the evaluation goes through its district office with the evaluation’s route', () => {
    // Heard as how to apply: the overview for the procedure named, the evaluation (its second step: to the city).
    const question = 'For the annual evaluation, do we hand it in through our district office like last time, or somewhere else?';
    expect(guidance.topicFor(question)?.topic).not.toBe('county_role');
    expect(guidance.howToApply('en-US', undefined, question).text).toContain("submits its evaluation application to the city economy and IT department");
  });

  it('keeps a topic strong on its own words though it cites the other procedure’s clause (the validity of recognition)', () => {
    expect(guidance.topicFor('认定资格有效期是几年？')?.topic).toBe('validity');
  });

  it('still hears a county official asking about their own step', () => {
    expect(guidance.topicFor('我是区经信局的，企业把认定材料交到我们这儿，我们要不要审核？')?.topic).toBe('county_role');
  });
});

describe('whose enterprise a message is about', () => {
  it.each([
    // The background says who asks; the questions ask how evaluation works (set Q).
    ['We got into the pool last year. Is there evaluation every year? What results are possible?', false],
    ['我们去年进了资源池。每年都要评价吗？', false],
    // A question asking where something stands can only be about theirs, whichever part says 我们.
    ['我们去年进了资源池。今年的评价结果出来了吗？', true],
    ['我们的评价结果出来了吗？', true],
    ['Is there evaluation every year for our company?', true],
    // Who rates them is the procedure's answer; their record says only where theirs stands (set W's reading).
    ['谁决定我们的评价等级？', false],
    ['Who decides our grade?', false],
    ['我们的评价结果出来了吗？谁通知我们？', true],
  ])('%s → their own: %s', (text, own) => {
    expect(guidance.isAboutOwnEnterprise(text)).toBe(own);
  });

  it('hears a question about where something stands, with or without 我们', () => {
    expect(guidance.asksState('评价结果出来了没有')).toBe(true);
    expect(guidance.asksState('Has the result come out?')).toBe(true);
    expect(guidance.asksState('What results are possible?')).toBe(false);
    expect(guidance.asksState('年度评价有哪几步')).toBe(false);
  });
});

describe('an office speaking of itself is no enterprise', () => {
  it.each([
    ['我们市局做评价推荐有没有名额', true],
    ['我们区里收到材料后要做什么？', true],
    ['Our county bureau received the papers: what next?', true],
    ['我们市场部想问评价结果', false],
    ['我们公司在市里，评价结果出来没有', false],
    ['我是清远一个县经信局的，这个材料县里要审吗', true],
  ])('%s → speaks as an office: %s', (text, office) => {
    expect(guidance.speaksAsOffice(text)).toBe(office);
    expect(guidance.isAboutOwnEnterprise(text)).toBe(!office);
  });
});

describe('the held-out sets M and N’s misses (after their measurement), with questions of our own', () => {
  const topicOf = (q: string) => guidance.topicFor(q)?.topic;

  it.each([
    ['专家评审的时候主要看什么？', 'expert_review'],
    ['认定结果到底是联盟出还是省经信委出？', 'results_publication'],
    ['我市准备搞个市里的池子，省池的企业要重新报吗', 'city_pools'],
    ['Does the commission or the alliance decide who gets into the pool?', 'who_recognises'],
    ['认定主要考察哪些指标', 'expert_review'],
    ['We were listed as qualified but think we deserve excellent. What can we do?', 'objection_rules'],
    ['Does the province publish a list of recommended suppliers?', 'directory'],
    ['Is the pool just for platform companies, or can a service company apply as well?', 'who_may_apply'],
  ])('%s → %s', (question, topic) => {
    expect(topicOf(question)).toBe(topic);
  });
});

describe('the blind sets R and S’s misses (after their first measurement), with questions of our own', () => {
  const answerOf = (q: string) => {
    const topic = guidance.topicFor(q);
    return topic ? guidance.answer(topic.topic, writtenLocale(q) ?? 'zh-CN', q) : null;
  };

  it.each([
    ['我们是区经信局，企业的年度评价材料要不要我们先收集一遍', 'where_to_submit_evaluation', '不经县区'],
    ['评价公示要几天', 'publicity_length', '文件没有规定公示期的长度'],
    ['How many days does the 公示 for the evaluation last?', 'publicity_length', 'The document sets no length'],
    ['资源池是个啥东西，谁在管', 'pool_definition', '委托广东省工业互联网产业联盟组织'],
    ['评价是每年都有吗，还是两年一次', 'evaluation_frequency', '年度评价每年组织开展'],
    ['我们是合格，今年还要参加评价吗', 'evaluation_frequency', '没有规定哪一档（包括“合格”“优秀”）可以免于下一年的评价'],
    ['Rated qualified last year: do we still have to go through the evaluation this year?', 'evaluation_frequency', 'it sets no rating (qualified or excellent) that is exempt'],
    ['我们是县经信局，评价材料要我们收吗', 'where_to_submit_evaluation', '文件没有给县（市、区）经济和信息化主管部门规定年度评价中的环节'],
    ['Is it just paperwork, or is there an interview too?', 'expert_review', 'on-site defence'],
    ['我们的工程师想进专家委员会，有什么途径', 'expert_committee', '优先推荐入选“广东省工业互联网专家委员会”——这是优先推荐，不是自动入选'],
    ['评上优秀就一定能申报国家级平台吗', 'promotion', '这是优先支持，不是保证'],
    ['市里的池子和省里的池子有什么区别', 'pool_levels', '省资源池与市资源池的区别'],
    ['Our pool application: how does the provincial pool differ from the city pools?', 'pool_levels', 'The provincial pool and city pools differ'],
    ['我们想找做能耗管理的供应商，有没有名单可以看', 'directory', '优秀供应商推荐名录'],
    ['认定要不要现场达辩，专家会不会来实地考查', 'expert_review', '书面审查、现场答辩和实地考察三个环节'],
    ['We are rated excellent: can our chief engineer get a seat on the expert committee automatically?', 'expert_committee', 'not automatic membership'],
    ['评上优秀了，上云试点是不是肯定有我们份', 'vouchers', '这是“优先”，不是保证'],
    // Sets T and V's misses (after their held-out measurement), in our own words.
    ['And once the experts have finished reviewing, then what?', 'after_review', 'the alliance reports the review results'],
    // A clause sharing one word (牵头, in the vouchers' clause) does not displace the topic the question's words decide.
    ['认定一年组织几次？由谁牵头', 'frequency', '委托省联盟每年组织开展1-2次'],
    ['Who really runs the pool — a government office or the industry alliance?', 'pool_definition', 'The commission entrusts the Guangdong Industrial Internet Industry Alliance'],
    ['What type of suppliers does the pool take? Platforms only?', 'who_may_apply', 'platform providers and service providers'],
    ['年度评价的材料交那里？还是交区里吗', 'where_to_submit_evaluation', '不经县区'],
    ['评审时会有专家到我们厂里看吗', 'expert_review', '实地考察'],
    // A part naming no procedure (之后的流程) asks of the message's: the evaluation's steps, not recognition's after the review.
    ['资源池企业的年度评价材料交区里还是市里？之后的流程呢', 'where_to_submit_evaluation', '⑧省经济和信息化委正式公布评价结果'],
  ])('%s → %s', (question, topic, words) => {
    const answer = answerOf(question);
    expect(answer?.topic).toBe(topic);
    expect(answer?.text).toContain(words);
  });

  it.each([
    // The silence asked leads the answer, whether a silence of its own or a sentence of the topic's answer.
    ['被淘汰以后要等多久才能再申请', '文件没有规定被淘汰的企业能否重新申报'],
    ['评审专家是抽签抽的吗，一般几个', '文件没有规定评审专家的人数和抽选方式'],
    ['对公示名单有意见，能不能匿名反映', '文件没有规定匿名提出异议的渠道'],
    ['我们的产品是私有化部署的，不上云，能申报吗', '文件没有规定本地部署的产品不能申报'],
    ['只进了广州市资源池的企业，到佛山也算市资源池企业吗', '文件没有规定市资源池企业自动进入省资源池，也没有规定市资源池企业在其他城市互认'],
    ['我们进了东莞的市资源池，省资源池是不是也自动算进了', '文件没有规定市资源池企业自动进入省资源池'],
    ['我们工厂想参加上云上平台试点，怎么报名', '文件没有规定制造企业如何报名参加“上云上平台”试点示范'],
    ['评了不和格有没有整改期', '文件没有规定整改期'],
    ['对拟认定名单有意见，打个电话给经信委说一下行不行', '文件没有规定可以通过电话、口头或邮件提出异议'],
    ['我是清远一个县经信局的，有家中山注册的公司跑来我们这交申报材料，能收吗', '文件没有规定企业向注册地以外的县（市、区）递交申请'],
    // Set U's classes, in our own words.
    ['今年没搞标杆项目，年度评价会不会直接不合格', '文件没有规定缺少某一项指标就评为“不合格”'],
    ['Who scores the applicants — is that the city bureau’s job?', 'The document sets no scoring role for the city or the county'],
    ['If the vendor we picked from the pool botches the job, who do we complain to?', 'The document sets no way to settle a dispute'],
    ['We were eliminated last year. How soon can we apply again?', 'The document does not say whether or when an eliminated enterprise may apply again'],
  ])('%s → leads with: %s', (question, lead) => {
    expect(answerOf(question)?.text.startsWith(lead)).toBe(true);
  });

  it('answers 干嘛 as a question, and an office asking of the evaluation with its part in the evaluation alone', () => {
    expect(guidance.isQuestion('市经信局在评价这块要干嘛')).toBe(true);
    expect(guidance.isQuestion('打个电话说一下行不行')).toBe(true);
    for (const question of ['市经信局在评价这块要干嘛', '年度评价期间地市经信局干嘛？']) {
      const answer = answered(question)!;
      expect(answer.text).toContain('年度评价中，地市经济和信息化主管部门要做的是');
      expect(answer.text).not.toContain('认定中');
      expect(answer.clauses).toContain('annex2.3');
      expect(answer.clauses.every((c) => c.startsWith('annex2.'))).toBe(true);
    }
    // A county office asking of the evaluation is told it has no step there.
    expect(answered('县经信局在评价里要干嘛')?.text).toContain('文件没有给县（市、区）经济和信息化主管部门规定年度评价中的环节');
  });

  it('says a city asking for its recommendation quota that the document sets none', () => {
    expect(guidance.silenceAnswer('我们市推荐名额有上限吗', 'zh-CN')?.text).toContain('也没有规定各地市推荐的名额');
  });

  it('hears a condition as supposed: "if we…" asks of no record of theirs', () => {
    expect(guidance.isAboutOwnEnterprise('If we are rated excellent, is national platform status guaranteed?')).toBe(false);
    expect(guidance.asksState('If we are rated excellent, is national platform status guaranteed?')).toBe(false);
    expect(guidance.isAboutOwnEnterprise('如果我们被评为不合格怎么办')).toBe(false);
    // Without the condition, the same words are theirs.
    expect(guidance.isAboutOwnEnterprise('我们被评为不合格怎么办')).toBe(true);
    expect(guidance.asksState('What is our application status?')).toBe(true);
  });
});
