import { normalize, stem } from '../../../services/understanding/normalize';
import { redactPersonalData } from '../../../services/understanding/redact';

describe('normalize', () => {
  it('maps traditional characters and Cantonese words to simplified Mandarin', () => {
    expect(normalize('申報進度點樣')).toBe('申报进度怎么');
    expect(normalize('有冇人搵我')).toBe('有没有人找我');
  });

  it('folds full-width characters, case and spaces', () => {
    expect(normalize('ＭＥＳ  系统')).toBe('mes 系统');
  });

  it('stems English words the same way on both sides', () => {
    expect(['notify', 'notified', 'notifies'].map(stem)).toEqual(['notify', 'notify', 'notify']);
    expect(stem('breaking')).toBe(stem('breaks'));
  });
});

describe('redactPersonalData', () => {
  it('removes codes, phones, e-mails and access codes, and keeps the words', () => {
    expect(redactPersonalData('代码91440600K0TG2116W9 电话13812345678 座机020-87654321 邮箱a.b@x.cn 查询码GZ-1960 看不懂')).toBe(
      '代码[code] 电话[phone] 座机[phone] 邮箱[email] 查询码[access-code] 看不懂',
    );
  });
});

describe('normalize, Cantonese and traditional shop-floor words', () => {
  it('reads 成日, 几多, 货仓 and traditional characters as Mandarin', () => {
    expect(normalize('啲機器成日壞')).toBe('些机器经常坏');
    expect(normalize('貨倉幾多貨')).toBe('仓库多少货');
    expect(normalize('有冇人搵我')).toBe('有没有人找我');
  });
});

describe('English spelling variants and nouns of doing', () => {
  it('folds British spellings and -ment/-ization nouns onto one stem, as the lexicon is folded', () => {
    expect(normalize('digitalisation')).toBe(normalize('digitalization'));
    expect(normalize('optimised')).toBe(normalize('optimize'));
    expect(normalize('assessment')).toBe(normalize('assess'));
    expect(normalize('enterprise otherwise')).toBe('enterprise otherwise');
  });
});
