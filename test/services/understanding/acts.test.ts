import { loadUnderstandingData } from '../../../data/understanding/load';
import { SpeechActs } from '../../../services/understanding/acts';
import { normalize } from '../../../services/understanding/normalize';
import { lexiconRecognizer } from '../../support/recognizer';

const intent = (text: string) => lexiconRecognizer.understandNow(text).intent;

describe('a negated act is no request: it is removed and the rest decides', () => {
  const data = loadUnderstandingData();
  const acts = new SpeechActs(data.families!.acts!, [
    { phrase: '转人工', meaning: 'contact_staff' },
    { phrase: '异议', meaning: 'objection' },
    { phrase: '通知', meaning: 'subscribe' },
  ]);
  // normalize makes the comma half-width; the blanked span is spaces, dropped here to show what is left.
  const left = (text: string) => acts.withoutDenied(normalize(text)).text.replace(/\s+/g, '');

  it('blanks the negator and the act it governs, and keeps the rest', () => {
    expect(left('不用转人工，先说说别的')).toBe(',先说说别的');
    expect(left('我不是要提异议，想看看')).toBe('我,想看看');
  });

  it('leaves a question of the form A-not-A, and an act beyond the clause, alone', () => {
    expect(left('要不要转人工')).toBe('要不要转人工');
    expect(left('不是，我要转人工')).toBe('不是,我要转人工');
  });

  it('negates the word right after the negator, light verbs aside: 不是软件企业 is not a denied application', () => {
    expect(left('不是来转人工')).toBe('');
    expect(intent('不是软件企业可以申报吗')).toBe('how_to_apply');
  });

  it('leaves a negated wish about notices to the subscription family', () => {
    expect(left('不要通知')).toBe('不要通知');
  });

  it('decides the intent by what is left', () => {
    expect(intent('不需要人工客服，先告诉我你有哪些功能')).toBe('help');
    expect(intent('不想转人工，你先介绍下你自己')).toBe('help');
    expect(intent("I don't need a human, just tell me what you can do")).toBe('help');
    expect(intent('我们不想投诉谁，只是看下这批公示到什么时候结束')).toBe('publicity');
    expect(intent("I'm not filing an objection, I just want to see the publicity list")).toBe('publicity');
    expect(intent('我不是找服务商的，问下明天天气')).toBe('none');
    expect(intent('不是查进度，我想问申报要什么条件')).toBe('how_to_apply');
  });

  it('reads not having applied yet as a prospective applicant, not a progress question', () => {
    expect(intent('我们公司还没申请过，要准备哪些材料')).toBe('how_to_apply');
    expect(intent("We haven't applied yet, what are the requirements?")).toBe('how_to_apply');
  });

  it('still reads the plain act', () => {
    expect(intent('机器人说不清楚，我要找工作人员')).toBe('contact_staff');
    expect(intent('有没有做设备联网的服务商')).toBe('find_supplier');
    expect(intent('我们是不是合格')).toBe('evaluation_status');
  });
});

describe('the act outranks the topic it is about', () => {
  it('reads wanting to object to the publicity as an objection', () => {
    expect(intent('我们想对名单上的第三家企业提出异议')).toBe('objection');
    expect(intent('公示的这家企业材料造假，我们要举报')).toBe('objection');
    expect(intent('We disagree with the publicity list and want to appeal')).toBe('objection');
    expect(intent('I want to dispute one company on the publicity list')).toBe('objection');
  });

  it('reads the publicity alone as a publicity question', () => {
    expect(intent('公示名单在哪里看')).toBe('publicity');
    expect(intent('最近有什么公示')).toBe('publicity');
  });

  it('reads an objection only supposed, and asked how, as a question of the procedure', () => {
    expect(intent('假如我们对公示有异议，一般怎么提交？想提前了解')).toBe('how_to_apply');
    expect(intent('万一对公示结果有意见，通常怎么处理？')).toBe('how_to_apply');
    // An objection the user has is filed, however they ask (the contract's dev set: 有异议怎么反映 is an objection).
    expect(intent('我们对公示结果有异议，怎么提交')).toBe('objection');
  });
});

describe('asking whether a step is done is a progress question', () => {
  it('reads completion questions about an application as its status', () => {
    expect(intent('材料交上去了，初审做完了吗')).toBe('application_status');
    expect(intent('Is the city-level review of our application done yet?')).toBe('application_status');
    expect(intent('专家评审还没完成吗')).toBe('application_status');
  });
});

describe('narrated past acts and filters are not the wish about notices', () => {
  it('reads the current wish, not the clause that tells what was done before', () => {
    expect(intent('之前不小心取消了订阅，帮我再开一下通知')).toBe('subscribe');
    expect(intent('I unsubscribed by mistake earlier, please subscribe me again')).toBe('subscribe');
    expect(intent('之前订阅了，现在不想再收到了')).toBe('unsubscribe');
  });

  it('reads not sending a kind of supplier as a filter of a need', () => {
    expect(intent('不要给我推荐不合格的服务商，要做MES的')).toBe('find_supplier');
    expect(intent('Don\'t send me unqualified suppliers, only excellent ones that do MES')).toBe('find_supplier');
    expect(intent('别再给我推消息了')).toBe('unsubscribe');
    expect(intent('不用再给我发通知了')).toBe('unsubscribe');
  });
});

describe('a greeting, a remark and a benefit of the document', () => {
  it('greets only with 你好 ending its clause', () => {
    expect(intent('你好')).toBe('help');
    expect(intent('你好，请问你能做什么')).toBe('help');
    expect(intent('你真好玩哈哈')).toBe('none');
  });

  it('reads the support the document gives excellent suppliers as benefits', () => {
    expect(intent('评上优秀以后能享受哪些支持')).toBe('benefits');
    expect(intent('优秀供应商能不能优先拿到服务券结算')).toBe('benefits');
  });
});
