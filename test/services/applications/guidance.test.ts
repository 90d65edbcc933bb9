import { loadGuidance, loadProvinceDocument } from '../../../data/knowledge/load';
import { Guidance } from '../../../services/applications/guidance';
import { ProvinceDocument } from '../../../services/knowledge/document';
import provisions from '../../fixtures/knowledge-provisions.json';

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

describe('an office speaking of itself is no enterprise', () => {
  it.each([
    ['我们市局做评价推荐有没有名额', true],
    ['我们区里收到材料后要做什么？', true],
    ['Our county bureau received the papers: what next?', true],
    ['我们市场部想问评价结果', false],
    ['我们公司在市里，评价结果出来没有', false],
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
