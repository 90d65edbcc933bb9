import { lexiconRecognizer } from '../../support/recognizer';

const entities = (text: string) => lexiconRecognizer.understandNow(text).entities;

describe('entities', () => {
  it('take a credit code only when its check character is right', () => {
    expect(entities('绑定信用代码91440600K0TG2116W9')).toEqual({ creditCode: '91440600K0TG2116W9' });
    expect(entities('code 91440600k0tg2116w9 please').creditCode).toBe('91440600K0TG2116W9');
  });

  it('report a near code separately: wrong check, wrong length, the letter O for 0', () => {
    expect(entities('91440600K0TG2116W8')).toMatchObject({ nearCreditCode: { text: '91440600K0TG2116W8', problem: 'check' } });
    expect(entities('91440600K0TG2116W').nearCreditCode).toMatchObject({ problem: 'length' });
    const withO = entities('我们的代码是9144O600K0TG2116W9');
    expect(withO.creditCode).toBeUndefined();
    expect(withO.nearCreditCode).toEqual({ text: '9144O600K0TG2116W9', problem: 'characters', suggestion: '91440600K0TG2116W9' });
  });

  it('do not read phone numbers or short numbers as codes', () => {
    expect(entities('电话13812345678，2026年申报')).not.toHaveProperty('nearCreditCode');
  });

  it('find the city, also from a district or in English, never filtering anything', () => {
    expect(entities('我们是顺德的家电厂').city).toBe('佛山');
    expect(entities('松山湖的电子企业').city).toBe('东莞');
    expect(entities('a ceramics plant in Foshan').city).toBe('佛山');
  });

  it('find industry and service categories from products and pains', () => {
    expect(entities('陶瓷厂窑炉用气太多想省电费')).toMatchObject({ industry: '陶瓷建材', serviceCategories: ['能耗管理'] });
    expect(entities('注塑机经常突然坏')).toMatchObject({ industry: '塑料与模具', serviceCategories: ['设备运维与预测性维护'] });
    expect(entities('设备上云').serviceCategories).toEqual(['设备联网与数据采集']); // not also 上云迁移
    expect(entities('our machines keep breaking down').serviceCategories).toEqual(['设备运维与预测性维护']);
  });

  it('do not read the programme name 上云上平台 as a request for a platform', () => {
    expect(entities('上云上平台试点怎么参加').serviceCategories).toBeUndefined();
  });

  it('resolve years, including 今年 and 去年 in Asia/Shanghai', () => {
    expect(entities('2025年度评价结果').year).toBe(2025);
    expect(entities('今年评价结果').year).toBe(2026);
    expect(entities('去年的评级').year).toBe(2025);
  });
});
