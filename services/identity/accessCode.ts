import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
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
