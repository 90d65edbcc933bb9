import { asksToCheck, decide, type DecisionInput } from '../../../services/knowledge/precedence';

const base: DecisionInput = { intent: 'none', unsure: false, topic: null, question: true, ownEnterprise: false, hasNeed: false, procedure: true };

describe('whether the document answers before the intent’s flow', () => {
  it('answers a procedure question the recognizer heard as a subscription or a call for staff', () => {
    // 县里收到企业材料以后，要不要写推荐意见？ — 不要 is no "stop notices".
    expect(decide({ ...base, intent: 'unsubscribe', topic: { topic: 'county_role', score: 6 } })).toEqual({ kind: 'topic', topic: 'county_role' });
    expect(decide({ ...base, intent: 'contact_staff', topic: { topic: 'frequency', score: 7 } })).toEqual({ kind: 'topic', topic: 'frequency' });
  });

  it('keeps the action when the message asks for it (no question, or not the procedure’s words)', () => {
    expect(decide({ ...base, intent: 'unsubscribe', question: false, topic: { topic: 'county_role', score: 4 } })).toEqual({ kind: 'flow' });
    expect(decide({ ...base, intent: 'subscribe', procedure: false, topic: { topic: 'events', score: 5 } })).toEqual({ kind: 'flow' });
    expect(decide({ ...base, intent: 'bind_enterprise', topic: { topic: 'materials', score: 6 } })).toEqual({ kind: 'flow' });
  });

  it('answers a procedure question before matchmaking, unless a need was heard and the topic is not decisive', () => {
    expect(decide({ ...base, intent: 'find_supplier', topic: { topic: 'where_to_submit_evaluation', score: 4 } })).toEqual({ kind: 'topic', topic: 'where_to_submit_evaluation' });
    expect(decide({ ...base, intent: 'find_supplier', procedure: false, topic: { topic: 'manufacturer_use', score: 4 } })).toEqual({ kind: 'flow' });
    expect(decide({ ...base, intent: 'find_supplier', hasNeed: true, topic: { topic: 'who_may_apply', score: 6 } })).toEqual({ kind: 'flow' });
    expect(decide({ ...base, intent: 'find_supplier', hasNeed: true, topic: { topic: 'who_may_apply', score: 11 } })).toEqual({ kind: 'topic', topic: 'who_may_apply' });
  });

  it('looks in the document’s clauses when nothing is sure', () => {
    expect(decide({ ...base, intent: 'recusal', unsure: true })).toEqual({ kind: 'retrieve' });
    expect(decide(base)).toEqual({ kind: 'retrieve' });
  });
});

describe('a need heard in a procedure question (评审的专家都是专家委员会的人吗)', () => {
  it('stays a procedure question when it seeks no supplier, and stays matchmaking when it does', () => {
    const need = { ...base, intent: 'find_supplier' as const, hasNeed: true, topic: { topic: 'expert_committee', score: 6 } };
    expect(decide({ ...need, seeks: false })).toEqual({ kind: 'topic', topic: 'expert_committee' });
    expect(decide({ ...need, seeks: true })).toEqual({ kind: 'flow' });
  });

  it('answers the procedure question asked beside a request for suppliers, offering the matchmaking', () => {
    const aside = { topic: 'events', score: 5 };
    expect(decide({ ...base, intent: 'find_supplier', hasNeed: true, seeks: true, aside, topic: aside })).toEqual({ kind: 'topic', topic: 'events', offerMatching: true });
  });
});

describe('set I’s classes (held-out, 2026-12-02): a procedure question an intent claims first', () => {
  it('answers with the clause when no topic does, the question seeks no supplier and a clause answers it', () => {
    // "Does the alliance rate us on market data or on the paperwork?" hears a need (客户管理), not a request.
    const asked = { ...base, intent: 'find_supplier' as const, hasNeed: true, seeks: false };
    expect(decide({ ...asked, clauseAnswers: true })).toEqual({ kind: 'retrieve' });
    expect(decide({ ...asked, clauseAnswers: false })).toEqual({ kind: 'flow' });
    expect(decide({ ...asked, seeks: true, clauseAnswers: true })).toEqual({ kind: 'flow' });
    expect(decide({ ...asked, procedure: false, clauseAnswers: true })).toEqual({ kind: 'flow' });
  });

  it('says what the document never sets on the subject asked before an intent’s flow (set J, J38)', () => {
    // "Can a company registered outside Guangdong apply?" heard as how_to_apply: the silence, not the ten steps.
    const outside = { ...base, intent: 'how_to_apply' as const, seeks: false, asksSilence: true };
    expect(decide(outside)).toEqual({ kind: 'retrieve' });
    expect(decide({ ...outside, asksSilence: false })).toEqual({ kind: 'flow' });
    expect(decide({ ...outside, seeks: true })).toEqual({ kind: 'flow' });
  });

  it('hears a supplier’s registration in a procedure question as no request to bind, unless a credit code is given', () => {
    const registered = { ...base, intent: 'bind_enterprise' as const, topic: { topic: 'mutual_recognition', score: 12 } };
    expect(decide(registered)).toEqual({ kind: 'topic', topic: 'mutual_recognition' });
    expect(decide({ ...registered, codeGiven: true })).toEqual({ kind: 'flow' });
    expect(decide({ ...registered, topic: { topic: 'materials', score: 6 } })).toEqual({ kind: 'flow' });
    expect(decide({ ...registered, question: false })).toEqual({ kind: 'flow' });
    // Without the procedure's words too (only locally registered firms qualify: is that allowed?), set P.
    expect(decide({ ...registered, procedure: false })).toEqual({ kind: 'topic', topic: 'mutual_recognition' });
  });

  it('never follows an office’s question with the enterprise status flow, unless it asks to look a record up', () => {
    const office = { ...base, intent: 'evaluation_status' as const, topic: { topic: 'city_role', score: 3 }, office: true };
    expect(decide(office)).toEqual({ kind: 'topic', topic: 'city_role' });
    expect(decide({ ...office, office: false, ownEnterprise: true })).toEqual({ kind: 'topic', topic: 'city_role', thenFlow: true });
    expect(decide({ ...office, checkRequest: true })).toEqual({ kind: 'topic', topic: 'city_role', thenFlow: true });
  });

  it('offers the status, not the binding prompt, after a silence asked about one’s own case', () => {
    // 我们被评为不合格淘汰了，明年还能重新申请吗: the answer is that the document does not say; no record changes that.
    const own = { ...base, intent: 'evaluation_status' as const, ownEnterprise: true, topic: { topic: 'ratings', score: 6 }, asksSilence: true };
    expect(decide(own)).toEqual({ kind: 'topic', topic: 'ratings', offerStatus: true });
    expect(decide({ ...own, asksSilence: false })).toEqual({ kind: 'topic', topic: 'ratings', thenFlow: true });
    expect(decide({ ...own, checkRequest: true })).toEqual({ kind: 'topic', topic: 'ratings', thenFlow: true });
  });

  it('answers how evaluation works, the status a tap away, when a weak topic’s question asks neither theirs nor where anything stands (set Q)', () => {
    // We got into the pool last year. Is there evaluation every year? What results are possible?
    const general = { ...base, intent: 'evaluation_status' as const, topic: { topic: 'evaluation_steps', score: 4 }, ownEnterprise: false, asksState: false };
    expect(decide(general)).toEqual({ kind: 'topic', topic: 'evaluation_steps', offerStatus: true });
    // 评价结果出来了吗 asks where it stands; 我们的评价怎么样 is theirs; a statement is no question: the flow follows.
    expect(decide({ ...general, asksState: true })).toEqual({ kind: 'topic', topic: 'evaluation_steps', thenFlow: true });
    expect(decide({ ...general, ownEnterprise: true })).toEqual({ kind: 'topic', topic: 'evaluation_steps', thenFlow: true });
    expect(decide({ ...general, question: false })).toEqual({ kind: 'topic', topic: 'evaluation_steps', thenFlow: true });
  });
});

describe('set L’s classes (first measured 2026-12-02): a question an action or a need claims', () => {
  it('answers "will you notify us?" from the document instead of subscribing, when the document speaks to it', () => {
    // 去年进了池子，今年的评价大概啥时候开始？会通知吗 heard as subscribe, with no topic.
    const notify = { ...base, intent: 'subscribe' as const };
    expect(decide({ ...notify, asksSilence: true })).toEqual({ kind: 'retrieve' });
    expect(decide({ ...notify, clauseAnswers: true })).toEqual({ kind: 'retrieve' });
    expect(decide(notify)).toEqual({ kind: 'flow' });
    expect(decide({ ...notify, question: false, asksSilence: true })).toEqual({ kind: 'flow' });
  });

  it('keeps matchmaking for a need without the procedure’s words, however a topic’s cues score (能帮我们做数字孪生吗)', () => {
    // 被收购了…要走什么手续 reaches the change report by its procedure words (手续、资格), not by a wider rule here.
    const need = { ...base, intent: 'find_supplier' as const, hasNeed: true, procedure: false, seeks: false, topic: { topic: 'manufacturer_use', score: 6 } };
    expect(decide(need)).toEqual({ kind: 'flow' });
    expect(decide({ ...need, procedure: true })).toEqual({ kind: 'topic', topic: 'manufacturer_use' });
  });

  it('lets a retrieved topic answer only where the document would be searched anyway', () => {
    const retrieved = { topic: 'county_role', score: 3, retrieved: true };
    expect(decide({ ...base, intent: 'application_status', topic: retrieved })).toEqual({ kind: 'flow' });
    expect(decide({ ...base, intent: 'how_to_apply', topic: retrieved })).toEqual({ kind: 'flow' });
    expect(decide({ ...base, intent: 'none', topic: retrieved })).toEqual({ kind: 'topic', topic: 'county_role' });
    expect(decide({ ...base, intent: 'find_supplier', seeks: false, topic: retrieved })).toEqual({ kind: 'topic', topic: 'county_role' });
  });
});

describe('set S’s class (first measured 2026-12-03): someone asking the writer to check', () => {
  it('hears "my boss asked me to check" as the writer checking, not a request to look up their record', () => {
    expect(asksToCheck('My boss asked me to check: do pool suppliers make us buy servers?')).toBe(false);
    expect(asksToCheck('领导让我查一下，池里的供应商是不是要我们买服务器')).toBe(false);
    expect(asksToCheck('Can you check our status?')).toBe(true);
    expect(asksToCheck('帮我查一下评价结果')).toBe(true);
  });
});
