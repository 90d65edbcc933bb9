import { checkCharacter, CreditCode, InvalidCreditCode } from '../../../services/identity/creditCode';

describe('CreditCode (GB 32100-2015)', () => {
  const valid = ['91440600K0TG2116W9', '91440100B2H6XDW0EN', '914419003QE7NCEX54'];

  it.each(valid)('accepts %s, whose check character is right', (code) => {
    const result = CreditCode.check(code);
    expect(result.ok && result.code.toString()).toBe(code);
  });

  it('computes the check character from the first 17', () => {
    expect(checkCharacter('91440600K0TG2116W')).toBe('9');
  });

  it('reports a one-character typo as a wrong check, not as unknown', () => {
    expect(CreditCode.check('91440600K0TG2116W8')).toEqual({ ok: false, problem: 'check', normalized: '91440600K0TG2116W8' });
  });

  it('reports a wrong length', () => {
    expect(CreditCode.check('91440600K0TG2116W')).toMatchObject({ ok: false, problem: 'length' });
  });

  it('reports letters outside the alphabet (O for 0, I, S, V, Z)', () => {
    expect(CreditCode.check('9144O600K0TG2116W9')).toMatchObject({ ok: false, problem: 'characters' });
  });

  it('normalises what people type: full-width digits, lower case, spaces and dashes', () => {
    const result = CreditCode.check(' ９１４４０６００k0tg-2116 w9 ');
    expect(result.ok && result.code.value).toBe('91440600K0TG2116W9');
  });

  it('cannot be constructed from an invalid string', () => {
    expect(() => CreditCode.parse('91440600K0TG2116W8')).toThrow(InvalidCreditCode);
  });
});
