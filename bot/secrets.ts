/**
 * A conservative estimate of how many bits of randomness a secret holds: the lesser of (length × log2 of the
 * alphabet its character classes span) and (length × the Shannon entropy of its characters). "aaaaaaaaaaaaaaaa"
 * scores 0, a word-like token scores low, `openssl rand -base64 32` about 190. Written by hand: the npm
 * estimators (zxcvbn and the like) judge passwords people remember, not tokens, and bring dictionaries along.
 */
export function secretStrengthBits(secret: string): number {
  const chars = [...secret];
  if (!chars.length) return 0;
  let pool = 0;
  if (/[a-z]/.test(secret)) pool += 26;
  if (/[A-Z]/.test(secret)) pool += 26;
  if (/[0-9]/.test(secret)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(secret)) pool += 32;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let shannon = 0;
  for (const n of counts.values()) shannon -= (n / chars.length) * Math.log2(n / chars.length);
  return chars.length * Math.min(Math.log2(pool), shannon);
}
