import { loadUnderstandingData } from '../../../data/understanding/load';
import { IntentFamilies } from '../../../services/understanding/families';
import { normalize } from '../../../services/understanding/normalize';
import { lexiconRecognizer } from '../../support/recognizer';

const families = new IntentFamilies(loadUnderstandingData().families!);
const polarity = (text: string) => families.subscription(normalize(text));
const intent = (text: string) => lexiconRecognizer.understandNow(text).intent;

describe('subscribe vs unsubscribe: the scope of the negation, and the last clause', () => {
  it('reads a negated wish to receive as a wish to stop', () => {
    expect(polarity('以后公示消息就别再推送给我了')).toBe('unsubscribe');
    expect(polarity('Please do not send me any more notices')).toBe('unsubscribe');
    expect(polarity('我们不需要再接收这类通知')).toBe('unsubscribe');
    expect(polarity('这些提醒没什么用，帮我停掉')).toBe('unsubscribe');
  });

  it('reads a negated stop as a wish to keep receiving', () => {
    expect(polarity('请不要取消我的订阅')).toBe('subscribe');
    expect(polarity("don't stop the notifications")).toBe('subscribe');
  });

  it('reads a word of receiving right before a stop as what is stopped', () => {
    expect(polarity('推送全部停掉')).toBe('unsubscribe');
  });

  it('lets the last clause decide: what was done before is not what is wanted now', () => {
    expect(polarity('上个月关掉了提醒，现在想恢复接收')).toBe('subscribe');
    expect(polarity('I subscribed last year but now I want to stop these messages')).toBe('unsubscribe');
  });

  it('says nothing when the message is not about notices', () => {
    expect(polarity('我要取消绑定')).toBeNull();
    expect(polarity('How do I get rated excellent')).toBeNull();
  });

  it('decides the intent, whatever words the two share', () => {
    expect(intent('以后公示消息就别再推送给我了')).toBe('unsubscribe');
    expect(intent('上个月关掉了提醒，现在想恢复接收')).toBe('subscribe');
    expect(intent('Please do not send me any more notices')).toBe('unsubscribe');
  });
});

describe('a how-to question belongs to the procedure it asks about', () => {
  it('gives asking how to object to objection, and asking how to apply to how_to_apply', () => {
    expect(intent('对公示名单有异议的话要准备什么材料')).toBe('objection');
    expect(intent('申请专家回避的流程是怎样的')).toBe('recusal');
    expect(intent('入池申报需要准备什么材料')).toBe('how_to_apply');
  });
});

describe('families told by structure, not by a listed phrase', () => {
  it('reads a supplier asking about the pool as a procedure question, not as looking for its own service', () => {
    expect(intent('我们是做WMS的服务商，怎样才能进入资源池')).toBe('how_to_apply');
    expect(intent('我司提供能耗管理平台，年度评价的评分标准是什么')).not.toBe('find_supplier');
    expect(intent('我们做机器视觉，评为优秀有哪些好处')).toBe('benefits');
    // The same service words with someone sought stay a need.
    expect(intent('想找一家做WMS的服务商')).toBe('find_supplier');
  });

  it('reads replacing or avoiding a reviewer as a recusal, however it is asked', () => {
    expect(intent('下周来现场核查的那位老师是我们对手的顾问，可以换一个吗')).toBe('recusal');
    expect(intent('The assessor visiting us used to work for our competitor, can we ask for someone else?')).toBe('recusal');
  });

  it('reads reporting another enterprise as an objection, not a change report of ones own', () => {
    expect(intent('名单上有家企业地址早就搬了，材料不实，我要反映')).toBe('objection');
    expect(intent('我们公司地址搬了，要报备吗')).toBe('change_report');
  });

  it('keeps a denied stop and a wish to go on receiving together as a wish to receive', () => {
    expect(intent('不是想退订，我还想继续收公示的消息')).toBe('subscribe');
  });
});

describe('a shop floor told with no word of the pool is a need', () => {
  it('does not take the pain for the procedure word it shares', () => {
    expect(intent('我们的客户投诉包装盒印刷有色差，人工挑不过来')).toBe('find_supplier');
    expect(intent('生产计划排到哪了车间说不清，订单老是延期')).toBe('find_supplier');
  });

  it('keeps a procedure question a procedure question', () => {
    expect(intent('我们的申报到哪一步了')).toBe('application_status');
    expect(intent('对公示名单里的一家企业有异议')).toBe('objection');
  });
});

describe('seeking with nothing of industry to seek', () => {
  it('is no need; seeking a supplier, a system or someone who does something is', () => {
    expect(intent('推荐一家深圳好喝的奶茶店')).toBe('none');
    expect(intent('帮我推荐几家靠谱的服务商')).toBe('find_supplier');
    expect(intent('想找个做这块的')).toBe('find_supplier');
  });
});
