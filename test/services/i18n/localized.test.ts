import { fill, pick } from '../../../services/i18n';
import { MATCH_REASONS } from '../../../services/i18n/matchReasons';

describe('one zh/en choice', () => {
  test('English when asked for and written, Chinese otherwise', () => {
    expect(pick({ zh: '公示', en: 'Publicity' }, 'en-US')).toBe('Publicity');
    expect(pick({ zh: '公示', en: 'Publicity' }, 'zh-CN')).toBe('公示');
    // A notice staff wrote only in Chinese reads in Chinese to an English user rather than blank.
    expect(pick({ zh: '公示' }, 'en-US')).toBe('公示');
    expect(pick({ zh: '公示', en: '' }, 'en-US')).toBe('公示');
  });

  test('every match reason reads in both languages with the same placeholders', () => {
    for (const [key, text] of Object.entries(MATCH_REASONS)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!.replace('priceK', 'price')).sort();
      expect({ key, en: names(text.en) }).toEqual({ key, en: names(text.zh) });
    }
    expect(fill(pick(MATCH_REASONS.fast, 'zh-CN'), { days: 7 })).toBe('最快约7天可部署');
  });
});
