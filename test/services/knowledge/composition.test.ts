import { loadGuidance, loadProvinceDocument } from '../../../data/knowledge/load';
import { Guidance } from '../../../services/applications/guidance';
import { ProvinceDocument } from '../../../services/knowledge/document';
import { questionParts } from '../../../services/knowledge/composition';

const document = new ProvinceDocument(loadProvinceDocument());
const guidance = new Guidance(loadGuidance(), document);

function answered(question: string, locale: 'zh-CN' | 'en-US' = 'zh-CN', city?: string) {
  const topic = guidance.topicFor(question);
  expect({ question, topic: topic?.topic ?? null }).not.toEqual({ question, topic: null });
  return guidance.answer(topic!.topic, locale, question, city);
}

describe('answers composed from the document (issue 15: the specific sub-point, each part, the silence)', () => {
  it('splits a message into its sub-questions', () => {
    expect(questionParts('年度评价是谁评?结果谁发布?')).toEqual(['年度评价是谁评', '结果谁发布']);
    expect(questionParts('what happen to us, and can we push back?')).toEqual(['what happen to us', 'can we push back']);
  });

  it("gives an official their own step, not the applicant's materials", () => {
    const county = answered('我是县经信局的，企业把材料交到我们这里以后我们要做什么？');
    expect(county.topic).toBe('county_role');
    expect(county.text).toContain('合规性审查和推荐意见由地市经济和信息化主管部门负责');
    const city = answered('县里报上来的材料到了市里，我们下一步怎么做？');
    expect(city.topic).toBe('city_role');
    expect(city.text).toContain('抄送广东省工业互联网产业联盟');
    expect(guidance.topicFor('Our city received applications from the districts. What is next for us, and who do we send them to?')?.topic).toBe('city_role');
    expect(guidance.topicFor('镇街要不要收企业的认定材料？')?.topic).toBe('county_role');
    // A topic decisive on its own words stays: a city official asking about city pools is asking about city pools.
    expect(guidance.topicFor('我们市想搞个市级资源池，一般包括哪些企业？')?.topic).toBe('city_pools');
    // An applicant asking whether to submit to the county is no county official.
    expect(guidance.topicFor('我们企业的材料交到县里吗？')?.topic).not.toBe('county_role');
  });

  it('tells a town office in a city without counties that applicants submit to the city', () => {
    const answer = answered('我是东莞一个镇的经济发展局，企业拿认定材料来，我们要收吗？', 'zh-CN', '东莞');
    expect(answer.text).toContain('东莞的申报单位（企业）直接向市经济和信息化主管部门递交');
  });

  it('answers each part of a question that reaches different topics', () => {
    const answer = answered('年度评价是省联盟评还是经信委评？结果谁发布？');
    expect(answer.text).toContain('附上评价依据');
    expect(answer.text).toContain('正式公布');
    const english = answered("We were rated unqualified in the annual evaluation. What happens now, and can we push back?", 'en-US');
    expect(english.next).toBe('objection');
    expect(english.clauses).toEqual(expect.arrayContaining(['plan.2.2', 'annex2.7']));
  });

  it('names the document, its issuer and date when asked who issued the policy', () => {
    expect(answered('这个政策是哪个部门发的？什么时候发的？').text).toContain('2018年9月5日');
    expect(answered('Who issued this policy and when?', 'en-US').text).toContain('5 September 2018');
  });

  it('says the annual evaluation has no defence or site visit: those are recognition review stages', () => {
    const answer = answered('年度评价也要现场答辩吗？');
    expect(answer.text).toContain('没有书面审查、现场答辩和实地考察');
    expect(answer.clauses).toEqual(expect.arrayContaining(['annex1.6', 'annex2.4']));
    // Recusal, too, is recognition's (附件1 第五步): annex 2 has no expert review to recuse from.
    const recusal = answered('年度评价的时候也可以申请专家回避吗？');
    expect(recusal.text).toContain('没有专家回避的规定');
    expect(recusal.clauses).toContain('annex1.5');
  });

  it('opens with what the document does not set when a number of days, a website or a checklist is asked', () => {
    expect(answered('名称变了要在几天内报？').text.startsWith('文件没有规定报告变更的具体天数')).toBe(true);
    expect(answered('在哪个网站申报？').text.startsWith('文件没有给出任何网址或在线申报系统')).toBe(true);
    // Said already in the answer: not said twice.
    const review = answered('合规性审查有没有时限？');
    expect(review.text.match(/没有规定/g)).toHaveLength(1);
    // A subsidy rule is no question of amount.
    expect(answered('市里只补贴本市注册的资源池企业，行不行？').text).not.toContain('补贴的金额');
    expect(answered('Can our city require pool suppliers to register locally before they can get our subsidies?', 'en-US').text).not.toContain('subsidy amount');
    // 多久之后可以重新申报 is answered by "没有规定…多久之后可以重新申报": said once.
    expect(answered('被评不合格淘汰了，多久之后可以重新申报？').text).not.toContain('具体的天数或时限');
  });

  it('cites for every silence statement clauses that exist', () => {
    expect(guidance.silences.length).toBeGreaterThan(0);
    for (const silence of guidance.silences) {
      expect(silence.clauses.length).toBeGreaterThan(0);
      for (const id of silence.clauses) expect({ id, exists: Boolean(document.clause(id)) }).toEqual({ id, exists: true });
      expect(silence['zh-CN']).toMatch(/没有(规定|给出)/);
      expect(silence['en-US']).toMatch(/sets no|gives no/);
    }
  });
});
