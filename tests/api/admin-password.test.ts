// Password hashing and the rules for new passwords: PBKDF2-SHA256 within the Workers limit of
// 100,000 iterations, a format that records its parameters, verification, upgrade of weaker hashes.
import { describe, expect, it } from 'vitest';
import {
  hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PBKDF2_ITERATIONS, PBKDF2_MAX_ITERATIONS, passwordProblem, verifyPassword,
} from '../../functions/auth/password.ts';
import { generatePassword } from '../../functions/auth/generated-password.ts';

describe('hashPassword', () => {
  it('stays within the Workers production limit of 100,000 PBKDF2 iterations', () => {
    expect(PBKDF2_MAX_ITERATIONS).toBeLessThanOrEqual(100_000);
    expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(100_000);
  });

  it('refuses to derive with more iterations than production allows (local workerd would not)', async () => {
    await expect(hashPassword('mot-cau-mat-khau', 100_001)).rejects.toThrow(/100000|limit/);
    const forged = `pbkdf2-sha256$200000$${btoa('0123456789abcdef')}$${btoa('x'.repeat(32))}`;
    await expect(verifyPassword('mot-cau-mat-khau', forged)).rejects.toThrow();
  });

  it('records scheme, iterations, salt and hash in the stored string', async () => {
    const stored = await hashPassword('Đồng Hỷ mùa lúa chín');
    const [scheme, iterations, salt, hash, ...rest] = stored.split('$');
    expect(scheme).toBe('pbkdf2-sha256');
    expect(Number(iterations)).toBe(PBKDF2_ITERATIONS);
    expect(atob(salt!).length).toBe(16);
    expect(atob(hash!).length).toBe(32);
    expect(rest).toEqual([]);
  });

  it('salts every hash: the same password never gives the same string', async () => {
    expect(await hashPassword('cung-mot-mat-khau')).not.toBe(await hashPassword('cung-mot-mat-khau'));
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('con đường làng mới');
    expect(await verifyPassword('con đường làng mới', stored)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword('con duong lang moi', stored)).toEqual({ ok: false, needsRehash: false });
    expect(await verifyPassword('', stored)).toEqual({ ok: false, needsRehash: false });
  });

  it('treats NFC and NFD spellings of a Vietnamese password alike', async () => {
    const stored = await hashPassword('mật khẩu tiếng Việt'.normalize('NFD'));
    expect((await verifyPassword('mật khẩu tiếng Việt'.normalize('NFC'), stored)).ok).toBe(true);
  });

  it('asks for a rehash when the stored hash used fewer iterations, only after a match', async () => {
    const weak = await hashPassword('mat-khau-cu-yeu', 10_000);
    expect(weak.split('$')[1]).toBe('10000');
    expect(await verifyPassword('mat-khau-cu-yeu', weak)).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword('sai-mat-khau', weak)).toEqual({ ok: false, needsRehash: false });
  });

  it('refuses malformed or foreign stored strings without throwing', async () => {
    for (const stored of ['', 'plain', 'bcrypt$10$abc$def', 'pbkdf2-sha256$x$abc$def', 'pbkdf2-sha256$1000$$']) {
      expect(await verifyPassword('anything', stored), stored).toEqual({ ok: false, needsRehash: false });
    }
  });
});

describe('passwordProblem', () => {
  it('refuses passwords shorter than 8 characters (counted as characters, not bytes)', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(8);
    expect(passwordProblem('ngắn7ký')).toBe('Mật khẩu cần ít nhất 8 ký tự.');
    expect(passwordProblem('đủ8kýtự!')).toBeNull();
  });

  it('accepts 64 characters and more, up to the maximum, with no composition rules', () => {
    expect(passwordProblem('a'.repeat(63) + 'b')).toBeNull();
    expect(passwordProblem('chỉ toàn chữ thường và dấu cách thôi')).toBeNull();
    expect(MAX_PASSWORD_LENGTH).toBeGreaterThanOrEqual(64);
    expect(passwordProblem('x'.repeat(MAX_PASSWORD_LENGTH - 1) + 'y')).toBeNull();
    expect(passwordProblem('x'.repeat(MAX_PASSWORD_LENGTH) + 'y')).toMatch(/tối đa/);
  });

  it('refuses common passwords, whatever their case, and runs of one character', () => {
    for (const common of ['12345678', 'password', 'PASSWORD123', 'matkhau123', 'anhyeuem', 'qwertyuiop', '11111111', 'zzzzzzzzzz']) {
      expect(passwordProblem(common), common).toBe('Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.');
    }
  });

  it('refuses a password containing the account name of the e-mail', () => {
    expect(passwordProblem('bientap2026!', 'bientap@dongy.gov.vn')).toBe('Mật khẩu không được chứa tên đăng nhập.');
    expect(passwordProblem('xxBIENTAPxx', 'BienTap@dongy.gov.vn')).toBe('Mật khẩu không được chứa tên đăng nhập.');
    expect(passwordProblem('bientap2026!', 'other@dongy.gov.vn')).toBeNull();
  });

  it('accepts the passwords the admin generates', () => {
    for (let i = 0; i < 20; i++) {
      const password = generatePassword();
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
      expect(passwordProblem(password, 'moi@dongy.gov.vn')).toBeNull();
    }
  });
});
