import { describe, expect, it } from 'vitest';
import { hashPassword, isCommonPassword, passwordProblem, verifyPasswordHash, verifyPasswordOrWaste } from './password.server';

describe('password policy', () => {
  it('asks for twelve characters, counted as people see them', () => {
    expect(passwordProblem('court')).toBe('auth.errors.passwordTooShort');
    expect(passwordProblem('ÉléphantÉ')).toBe('auth.errors.passwordTooShort');
    expect(passwordProblem('chat qui dor')).toBeNull();
    expect(passwordProblem('ÉléphantÉlé')).toBe('auth.errors.passwordTooShort');
    expect(passwordProblem('ÉléphantÉléph')).toBeNull();
    expect(passwordProblem('le chat dort au soleil')).toBeNull();
  });

  it('refuses common passwords, French ones included, whatever the case', () => {
    for (const p of ['motdepasse', 'AZERTYUIOP', 'azerty123456', 'password123', 'marseille13', 'Motdepasse2024', '1234567890']) {
      expect(isCommonPassword(p), p).toBe(true);
      expect(passwordProblem(p), p).toBe('auth.errors.passwordCommon');
    }
  });

  it('has no composition rules', () => {
    expect(passwordProblem('cartable bleu sous la pluie')).toBeNull();
    expect(passwordProblem('947163820571')).toBeNull();
  });

  it('refuses the address itself as a password', () => {
    expect(passwordProblem('jeanne.martin', { email: 'jeanne.martin@ac-aix-marseille.fr' })).toBe('auth.errors.passwordCommon');
  });
});

describe('password hashing', () => {
  it('uses argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('le chat dort au soleil');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPasswordHash(hash, 'le chat dort au soleil')).toBe(true);
    expect(await verifyPasswordHash(hash, 'le chat dort au soleil!')).toBe(false);
    expect(await verifyPasswordHash('not a hash', 'x')).toBe(false);
  });

  it('spends the same work when there is no account', async () => {
    expect(await verifyPasswordOrWaste(null, 'whatever-password')).toBe(false);
  });
});
