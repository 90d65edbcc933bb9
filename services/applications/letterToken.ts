import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secret in an objection letter's download link: 24 random bytes, so the link cannot be guessed; only its
 * SHA-256 is stored (as with access codes, a leaked database does not hand out the letters).
 */
export function newLetterToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashOf(token) };
}

export function letterTokenMatches(token: string, hash: string | undefined): boolean {
  if (!hash || !/^[A-Za-z0-9_-]{32}$/.test(token)) return false;
  return timingSafeEqual(Buffer.from(hashOf(token), 'hex'), Buffer.from(hash, 'hex'));
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
