import { loadUnderstandingData } from '../../../data/understanding/load';
import { parseBudget, parseNeed, parseUrgency } from '../../../services/matching/need';
import { EntityExtractor } from '../../../services/understanding/entities';
import { normalize } from '../../../services/understanding/normalize';

const extractor = new EntityExtractor(loadUnderstandingData().domain);

describe('reading a need', () => {
  it('finds categories, industry and city from a pain, in Chinese', () => {
    expect(parseNeed(extractor, '我们是佛山的陶瓷厂，窑炉用电用气太多，预算10万以内，一个月内上线')).toMatchObject({
      serviceCategories: ['能耗管理'], industry: '陶瓷建材', city: '佛山', budgetWan: 10, withinDays: 30, locale: 'zh-CN',
    });
  });

  it('reads English needs and answers in English', () => {
    expect(parseNeed(extractor, 'Our injection moulding machines keep breaking down, budget 50k')).toMatchObject({
      serviceCategories: ['设备运维与预测性维护'], industry: '塑料与模具', budgetWan: 5, locale: 'en-US',
    });
  });

  it('lets an explicit city (from the portal) take precedence', () => {
    expect(parseNeed(extractor, '佛山陶瓷厂想做能耗监测', '东莞').city).toBe('东莞');
  });

  it.each([
    ['预算十万左右', 10],
    ['不超过五万', 5],
    ['预算3.5万', 3.5],
    ['budget 200k', 20],
    ['我们有20台设备', null],
  ])('budget in %s → %s 万元', (text, wan) => {
    expect(parseBudget(normalize(text))).toBe(wan);
  });

  it.each([
    ['两周内上线', 14],
    ['三个月内完成', 90],
    ['尽快', 30],
    ['within 10 days', 10],
    ['去年上了ERP', null],
  ])('urgency in %s → %s days', (text, days) => {
    expect(parseUrgency(normalize(text))).toBe(days);
  });
});
