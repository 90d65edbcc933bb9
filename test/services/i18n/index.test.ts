import { chooseLocale, localeFromTag, t } from '../../../services/i18n';
import { enUS } from '../../../services/i18n/en-US';
import { zhCN } from '../../../services/i18n/zh-CN';

describe('language of the answer', () => {
  it.each([
    ['你好，你能做什么？', undefined, 'zh-CN'],
    ['Hello, what can you do?', undefined, 'en-US'],
    ['help', 'zh-CN', 'en-US'],
    ['想找做MES的服务商', 'en-US', 'zh-CN'],
    ['MES', 'en-US', 'en-US'],
    ['MES', undefined, 'zh-CN'],
    ['91440600K0TG2116W9', undefined, 'zh-CN'],
    ['', 'en-GB', 'en-US'],
  ])('%j with channel locale %s → %s', (text, locale, expected) => {
    expect(chooseLocale(text, locale)).toBe(expected);
  });

  it('keeps the conversation’s language for a one-word answer to a question (a code, a name)', () => {
    expect(chooseLocale('whatever', undefined, 'zh-CN', true)).toBe('zh-CN');
    expect(chooseLocale('what is this', undefined, 'zh-CN', true)).toBe('en-US');
    expect(chooseLocale('help', undefined, 'zh-CN', false)).toBe('en-US');
  });

  it('keeps the conversation’s language when the message says nothing', () => {
    expect(chooseLocale('12345', undefined, 'en-US')).toBe('en-US');
  });

  it('maps BCP-47 tags', () => {
    expect(localeFromTag('zh-Hans-CN')).toBe('zh-CN');
    expect(localeFromTag('fr-FR')).toBeNull();
  });
});

describe('localization catalogs', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
    for (const value of [...Object.values(enUS), ...Object.values(zhCN)]) expect(value.trim()).not.toBe('');
  });

  it('fill placeholders from parameters and from other keys', () => {
    expect(t('zh-CN', 'welcome')).toContain('广东省工业互联网产业生态供给资源池');
    expect(t('en-US', 'turnError', { correlationId: 'abc-123' })).toContain('abc-123');
    expect(t('en-US', 'welcome')).not.toMatch(/\{\w+\}/);
  });
});
