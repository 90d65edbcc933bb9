import { asksToCheck, decide, type DecisionInput } from '../../../services/knowledge/precedence';
import { ClauseRetrieval } from '../../../services/knowledge/retrieval';
import { answered } from '../../support/guidance';

describe('a curated answer and the clauses weighed on one scale (coverage of the question’s content words)', () => {
  it.each([
    // The city official's role fires on 我们市, but the question is what a city pool holds and whether members apply again.
    // Its clause is 二（三）, said in the curated words of the topic that answers from it alone (city_pools).
    ['我们市打算自己弄个市级工业互联网供给资源池，文件怎么讲的，里面都有哪些单位？省池企业要不要重复申报？', 'city_pools'],
  ])('answers with the clause that covers the question better: %s', (question, expected) => {
    expect(answered(question)?.topic).toBe(expected);
  });

  it('says a clause that covers the question better in its curated words, beside the topic the question’s words decide (J20)', () => {
    const answer = answered('优秀供应商名单在哪看')!;
    expect(answer.topic).toBe('directory');
    expect(answer.show).toBe('directory');
    expect(answer.text).toContain('优秀供应商推荐名录');
    expect(answer.text).toContain('正式公布');
  });

  it('quotes the clause when the topic citing it alone says something else of it (二（二）: validity, not the data)', () => {
    // The evaluation's indicators (which rest on the market data) answer it too, once "rate members on" is heard as them.
    const answer = answered('Does the alliance rate members on actual market data or just on the paperwork?', 'en-US')!;
    expect(['clause:plan.2.2', 'evaluation_indicators']).toContain(answer.topic);
    expect(answer.topic === 'clause:plan.2.2' || answer.text.includes('actual market data')).toBe(true);
    expect(answer.text).not.toMatch(/valid/i);
  });

  it.each([
    // The curated answer covers the question as well as any clause (its cues are stems: issu, polic).
    ['Which office issued the notice, and on what date?', 'en-US', 'document_info'],
    // The office's role asked outright keeps its answer.
    ['我是市经信局的，我们这一级的职责是什么？', 'zh-CN', 'city_role'],
    // A silence asked comes first (改名报备有没有时限: the document sets no days).
    ['改名之后报备有没有时限？', 'zh-CN', 'change_report'],
    ['年度评价分几个档次？', 'zh-CN', 'ratings'],
  ] as const)('keeps the curated answer that covers the question: %s', (question, locale, topic) => {
    expect(answered(question, locale)?.topic).toBe(topic);
  });

  it('appends no clause for a sub-question that only shares a word with one (a right answer stays as it is)', () => {
    // 合规 is a word of the city's 合规性审查; the part asks whether a rule is allowed, which the topic answers.
    const reply = answered('听说有的市只扶持本市注册的服务商，外市的入池企业享受不到，这种做法合规吗？');
    expect(reply?.topic).toBe('mutual_recognition');
    expect(reply?.text).not.toMatch(/最相关的是这一条|合规性审查/);
  });

  it('weighs the question’s content words by IDF and leaves out the asker’s words and words no clause uses but a cue may', () => {
    const retrieval = new ClauseRetrieval([
      { id: 'a', label: { 'zh-CN': 'a', 'en-US': 'a' }, text: '市资源池主要包括应用实施单位。', en: 'A city pool holds implementation units.' },
      { id: 'b', label: { 'zh-CN': 'b', 'en-US': 'b' }, text: '省联盟组织专家评审。', en: 'The alliance organises the expert review.' },
    ] as never);
    const weights = retrieval.contentWeights('我们想知道市资源池包括哪些单位');
    expect([...weights.keys()].some((t) => /我|哪/.test(t))).toBe(false);
    expect(retrieval.coverage(weights, '市资源池主要包括应用实施单位。')).toBeGreaterThan(0.7);
    expect(retrieval.coverage(weights, '省联盟组织专家评审。')).toBe(0);
    // 收费 is no clause's word: the question still asks it, so no clause covers all of it.
    expect(retrieval.search('市资源池包括哪些单位，收费吗', 1)[0]!.weighted).toBeLessThan(1);
  });
});

describe('no binding prompt after an answer that needs no enterprise', () => {
  const base: DecisionInput = { intent: 'evaluation_status', unsure: false, topic: null, question: true, ownEnterprise: true, hasNeed: false, procedure: true };
  it.each([
    // 我们的评价结果出来了吗: their own result, weakly about the procedure → the status follows (binding if unbound).
    [4, { kind: 'topic', topic: 'results_publication', thenFlow: true }],
    // 我们错过了公示期，还能对正式结果申诉吗: decisive on the procedure → answered whole, the status a tap away.
    [7, { kind: 'topic', topic: 'results_publication', offerStatus: true }],
  ] as const)('own enterprise, topic score %d', (score, expected) => {
    expect(decide({ ...base, topic: { topic: 'results_publication', score } })).toEqual(expected);
  });

  it('still looks up the record when the message asks for it beside the procedure question', () => {
    expect(asksToCheck('麻烦帮我查一下我们的认定结果，另外公示完多久正式公布？')).toBe(true);
    expect(asksToCheck('We missed the window: can we still object to the final list?')).toBe(false);
    expect(decide({ ...base, checkRequest: true, topic: { topic: 'results_publication', score: 9 } })).toEqual({ kind: 'topic', topic: 'results_publication', thenFlow: true });
  });
});
