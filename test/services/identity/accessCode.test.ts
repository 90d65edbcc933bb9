import { hashAccessCode, verifyAccessCode } from '../../../services/identity/accessCode';

describe('access codes', () => {
  it('are stored as salted hashes that never contain the code', async () => {
    const a = await hashAccessCode('GZ-1960');
    const b = await hashAccessCode('GZ-1960');
    expect(a).not.toContain('GZ-1960');
    expect(a).toMatch(/^scrypt\$/);
    expect(a).not.toBe(b); // a fresh salt each time
  });

  it('verify the right code and reject a wrong one', async () => {
    const stored = await hashAccessCode('FS-7305');
    await expect(verifyAccessCode('FS-7305', stored)).resolves.toBe(true);
    await expect(verifyAccessCode(' FS-7305 ', stored)).resolves.toBe(true);
    await expect(verifyAccessCode('FS-7306', stored)).resolves.toBe(false);
  });

  it('never match a malformed stored value', async () => {
    await expect(verifyAccessCode('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyAccessCode('x', 'scrypt$$')).resolves.toBe(false);
  });
});
