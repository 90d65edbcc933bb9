/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters; the 18th is a check character computed from the first 17.
 * A CreditCode can only be constructed from a valid code, so code holding one never re-validates.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

export type CreditCodeProblem = 'length' | 'characters' | 'check';

export type CreditCodeCheck =
  | { ok: true; code: CreditCode }
  | { ok: false; problem: CreditCodeProblem; normalized: string };

/** The check character the first 17 characters call for, or null if any of them is outside the alphabet. */
export function checkCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check]!;
}

export class CreditCode {
  private constructor(readonly value: string) {}

  /** Full-width characters, spaces and lower case are what people type; they are normalised, not rejected. */
  static normalize(raw: string): string {
    return raw
      .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
      .replace(/[\s-]/g, '')
      .toUpperCase();
  }

  static check(raw: string): CreditCodeCheck {
    const normalized = CreditCode.normalize(raw);
    if (normalized.length !== 18) return { ok: false, problem: 'length', normalized };
    if (![...normalized].every((ch) => ALPHABET.includes(ch))) return { ok: false, problem: 'characters', normalized };
    if (checkCharacter(normalized.slice(0, 17)) !== normalized[17]) return { ok: false, problem: 'check', normalized };
    return { ok: true, code: new CreditCode(normalized) };
  }

  /** For data already known to be valid (imports validate first); throws on an invalid code. */
  static parse(raw: string): CreditCode {
    const result = CreditCode.check(raw);
    if (!result.ok) throw new InvalidCreditCode(result.normalized, result.problem);
    return result.code;
  }

  toString(): string {
    return this.value;
  }
}

export class InvalidCreditCode extends Error {
  constructor(readonly normalized: string, readonly problem: CreditCodeProblem) {
    super(`invalid credit code (${problem})`);
    this.name = 'InvalidCreditCode';
  }
}
