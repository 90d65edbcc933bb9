import { loadGuidance, loadProvinceDocument } from '../../../data/knowledge/load';
import { Guidance } from '../../../services/applications/guidance';
import { ProvinceDocument } from '../../../services/knowledge/document';
import { cueWords, TopicRetrieval } from '../../../services/knowledge/topicRetrieval';
import { answered, guidance } from '../../support/guidance';

describe('a curated answer found by retrieval when no cue fires (set J, J05)', () => {
  it('reads the words a cue was written to catch, without the pattern’s syntax', () => {
    expect(cueWords('re:(评审流程|怎么评审).{0,6}(几个|多少)')).toBe('评审流程 怎么评审 几个 多少');
    expect(cueWords('re:(who are (the|these) (expert|reviewer))')).toContain('expert');
    // What a lookahead forbids is no word of the topic; a quantifier after a class is no word at all.
    expect(cueWords('re:(认定|入库)(?!.{0,20}(评价|年审))[^。？?]{0,10}(谁|哪)')).toBe('认定 入库');
  });

  it('answers the recognition’s review indicators, not "the document does not say directly"', () => {
    const answer = answered('认定的时候专家主要看哪些指标？')!;
    expect(answer.topic).toBe('expert_review');
    expect(answer.text).toContain('基本信息、运营情况、核心团队、商业模式、产品服务、应用案例、市场评价');
    expect(answer.clauses).toContain('annex1.6');
  });

  it('answers whether members are evaluated every year and who starts it', () => {
    const answer = answered('我们已经入池了，是不是每年都要评价？要自己主动报还是等通知？')!;
    expect(answer.text).toContain('每年');
    expect(answer.text).toContain('地市');
  });

  it('answers an office asking of the evaluation with the evaluation’s part of its role, not both procedures’', () => {
    const answer = answered('年度评价期间地市经信局干嘛？')!;
    expect(answer.clauses).toContain('annex2.3');
    expect(answer.clauses.every((c) => c.startsWith('annex2.'))).toBe(true);
  });

  it('gives no topic to a request for suppliers, nor to words outside the procedure', () => {
    expect(guidance.topicFor('帮我推荐几家做设备联网的服务商')).toBeNull();
    expect(guidance.topicFor('今天天气怎么样')).toBeNull();
  });

  it('indexes no internal topic (the status flows’ texts)', () => {
    const retrieval = new TopicRetrieval(loadGuidance().topics);
    expect(retrieval.best('认定 进度 公示')?.id).not.toMatch(/^status_general/);
  });
});

describe('a part answered by a topic citing the same clause as the chosen one (set J, J06)', () => {
  it('adds the recusal to the expert committee’s answer: one clause, two answers', () => {
    const answer = answered('听说评审专家里有一位是我们竞争对手公司的技术顾问，我们能不能要求他回避？要怎么提？另外评审专家是不是都是省工业互联网专家委员会的人？')!;
    expect(answer.text).toContain('包括但不限于广东省工业互联网专家委员会成员');
    expect(answer.text).toContain('回避请求');
  });

  it('adds nothing when the chosen answer already says it', () => {
    const answer = answered('认定的专家评审有哪几个环节？专家要回避吗？')!;
    expect(answer.text.match(/回避请求/g)?.length).toBe(1);
  });
});

describe('a retrieved topic answers only where the document would be searched anyway (review of the eighth round)', () => {
  it('gives no topic to a short question whose two words any answer shares', () => {
    expect(guidance.topicFor('认定需要提交什么')).toBeNull();
  });

  it('marks a topic found by retrieval, for decide to weigh', () => {
    // Without the questions the classifier learns from, as retrieval alone finds it (with them, the classifier is sure).
    const retrievalOnly = new Guidance({ ...loadGuidance(), examples: [] }, new ProvinceDocument(loadProvinceDocument()));
    // (年年, not 每年: the evaluation's frequency has a cue of its own since set R.)
    expect(retrievalOnly.topicFor('我们已经入池了，是不是年年都要评价？要自己主动报还是等通知？')).toMatchObject({ retrieved: true });
  });
});
