import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

/**
 * An access code (查询码) as it is stored: a salted scrypt hash, never the code itself.
 * Format: `scrypt$<salt base64>$<hash base64>`.
 */
export async function hashAccessCode(plain: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(plain.trim(), salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Compares in constant time; a malformed stored value never matches. */
export async function verifyAccessCode(plain: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await scryptAsync(plain.trim(), Buffer.from(saltB64, 'base64'), expected.length || KEY_LENGTH);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Crockford's base32 letters: no I, L, O or U, so a code read out over the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new access code: 16 random characters in four groups (`K7QM-3XDP-9HTR-ZW2F`), 80 bits — beyond guessing
 * even at five tries per quarter hour forever, unlike the old `XX-NNNN` codes (10^4 per prefix), which are
 * still accepted until staff rotate them.
 */
export function newAccessCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
