import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Intent } from '../../../services/understanding/intents';
import { loadUnderstandingData } from '../../../data/understanding/load';
import { LexiconRecognizer } from '../../../services/understanding/lexiconRecognizer';
import { lexiconRecognizer as recognizer } from '../../support/recognizer';

const understand = (text: string) => recognizer.understandNow(text);

describe('intents, in the ways people write', () => {
  const cases: [Intent, string[]][] = [
    ['application_status', ['我们报的资源池认定审到哪一步了', '申报材料交上去了有没有消息', 'where is our recognition application now?', '申報進度點樣']],
    ['evaluation_status', ['今年年度评价结果出来了没', '我们这次评上优秀了吗', 'did we get an excellent rating this year']],
    ['bind_enterprise', ['帮我绑定企业', '把我账号和公司关联起来', 'link my company to this chat']],
    ['find_supplier', ['空压机老是半夜停机想提前预警', '布料出厂前靠人眼挑疵点', '想找做WMS的服务商', 'we need a vendor for energy monitoring', '搵间做MES嘅']],
    ['publicity', ['最近公示了哪些企业', '公示期到哪天', 'is there a publicity list right now']],
    ['objection', ['我要对公示名单提异议', '举报名单上一家企业材料造假', 'how can we object to a listed company']],
    ['recusal', ['申请评审专家回避', '评审专家是我们竞争对手的顾问能换吗', 'an expert has a conflict of interest']],
    ['change_report', ['公司改名了要报备吗', '股东变了怎么处理', 'we changed our company name']],
    ['how_to_apply', ['怎么申报资源池', '东莞企业申报材料交到哪', 'what documents do we need to apply']],
    ['benefits', ['服务券怎么用', '评上优秀有什么好处', 'what support do excellent suppliers get']],
    ['events', ['最近有对接会吗', '下个月有推介活动吗', 'any matchmaking events coming up']],
    ['subscribe', ['订阅公示通知', '有新通知推送给我', 'notify me about new calls']],
    ['unsubscribe', ['不要再推送了', '取消订阅', '关掉提醒', '唔好再发啦', 'stop sending me notifications']],
    ['contact_staff', ['转人工', '客服电话多少', 'I want to talk to a real person']],
    ['help', ['你好', '你能做什么', 'what can you do?', '你系边个，识做乜']],
    ['none', ['今天天气怎么样', '给我讲个笑话', "what's the price of bitcoin", '你吃饭了吗']],
  ];
  for (const [intent, texts] of cases) {
    it.each(texts)(`${intent}: %s`, (text) => {
      expect(understand(text).intent).toBe(intent);
    });
  }

  it('does not mistake manual work (靠人工) for asking for a person', () => {
    expect(understand('质检全靠人工看，漏检严重').intent).toBe('find_supplier');
  });

  it('does not take a sentence-final 了吗 alone for a status question', () => {
    expect(understand('你下班了吗').intent).not.toBe('application_status');
  });

  it('is sure of clear messages and unsure of vague ones', () => {
    expect(understand('我要对公示名单提异议').score).toBeGreaterThan(0.8);
    expect(understand('那个东西').score).toBeLessThan(0.55);
  });
});

describe('held-out wording (team-written sets never used for training)', () => {
  const fixtures = ['understanding-holdout.json', 'understanding-holdout-2.json', 'understanding-holdout-3.json', 'understanding-final-holdout.json', 'understanding-unseen-estimate.json'];
  it.each(fixtures)('%s: at least 95%% right', (file) => {
    const { utterances } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', file), 'utf8')) as { utterances: { text: string; intent: Intent }[] };
    const right = utterances.filter((u) => understand(u.text).intent === u.intent).length;
    expect(right / utterances.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe('repeated messages', () => {
  it('are understood the same way again, and "this year" moves on with the calendar', async () => {
    let now = new Date('2026-12-31T15:00:00Z'); // 23:00 in Shanghai
    const recognizer = new LexiconRecognizer(loadUnderstandingData(), () => now);
    const first = await recognizer.understand('今年评价结果出来了吗');
    expect(first).toMatchObject({ intent: 'evaluation_status', entities: { year: 2026 } });
    expect(await recognizer.understand('今年评价结果出来了吗')).toEqual(first);
    now = new Date('2026-12-31T16:30:00Z'); // past midnight in Shanghai: 2027 there
    expect((await recognizer.understand('今年评价结果出来了吗')).entities.year).toBe(2027);
  });

  it('cannot be changed by one caller for the next', async () => {
    const recognizer = new LexiconRecognizer(loadUnderstandingData());
    const first = await recognizer.understand('想找做WMS的服务商');
    expect(() => {
      (first.entities as { industry?: string }).industry = 'changed';
    }).toThrow(TypeError);
    expect((await recognizer.understand('想找做WMS的服务商')).entities.industry).toBeUndefined();
  });
});
