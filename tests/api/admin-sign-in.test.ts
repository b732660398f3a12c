// Signing in against real D1 and the real LoginLimiter Durable Objects: one generic answer for a wrong
// e-mail or password, 5 failures in 15 minutes lock the account and the client (Vietnamese message
// with the retry time), success resets the account; the login form's outcome, cookie and `next`.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashPassword, PBKDF2_ITERATIONS } from '../../functions/auth/password.ts';
import { lockedMessage, signIn, WRONG_CREDENTIALS } from '../../functions/auth/sign-in.ts';
import { FAILURE_WINDOW_MS } from '../../functions/auth/login-limiter.ts';
import { database } from '../../functions/data/db.ts';
import { readSession } from '../../functions/data/sessions.ts';
import { createUser, setDisabled } from '../../functions/data/users.ts';
import { users } from '../../schema/tables.ts';
import { attemptLogin, safeNext } from '../../site/admin/login.ts';
import { unique } from '../support/api.ts';

const db = database(env.DB);
const PASSWORD = 'lua-chin-vang-dong';

async function account(role: 'admin' | 'editor' | 'contributor' = 'editor') {
  const email = `${unique('u')}@dongy.gov.vn`;
  const id = await createUser(db, { email, name: 'Người thử', role, password: PASSWORD });
  return { id, email };
}
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const MIN = 60_000;

describe('signIn', () => {
  it('gives the same generic answer for an unknown e-mail and for a wrong password', async () => {
    const { email } = await account();
    const now = new Date();
    const unknown = await signIn(env, db, { email: `${unique('khong-co')}@dongy.gov.vn`, password: PASSWORD, ip: ip() }, now);
    const wrong = await signIn(env, db, { email, password: 'sai-mat-khau-roi', ip: ip() }, now);
    expect(unknown).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(wrong).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(WRONG_CREDENTIALS).toBe('Email hoặc mật khẩu không đúng.');
  });

  it('signs in with the right password (any case and spacing of the e-mail) and opens a session', async () => {
    const { id, email } = await account();
    const now = new Date();
    const result = await signIn(env, db, { email: `  ${email.toUpperCase()} `, password: PASSWORD, ip: ip() }, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await readSession(db, result.sessionId, now);
    expect(session?.user.id).toBe(id);
  });

  it('refuses a disabled account with the same generic answer', async () => {
    const { id, email } = await account();
    await setDisabled(db, id, true, new Date());
    expect(await signIn(env, db, { email, password: PASSWORD, ip: ip() }, new Date())).toEqual({ ok: false, message: WRONG_CREDENTIALS });
  });

  it('locks the account after 5 failures within 15 minutes, from any clients, with a Vietnamese retry time', async () => {
    const { email } = await account();
    const start = new Date('2026-11-20T01:00:00Z');
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await signIn(env, db, { email, password: `sai-${i}-mat-khau`, ip: ip() }, at(start, i * MIN)));
    expect(results.slice(0, 4).every((r) => !r.ok && r.message === WRONG_CREDENTIALS)).toBe(true);
    const retryAt = start.getTime() + FAILURE_WINDOW_MS;
    expect(results[4]).toEqual({ ok: false, message: lockedMessage(retryAt), retryAt });
    // 01:15 UTC is 08:15 in Vietnam.
    expect(lockedMessage(retryAt)).toBe('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 20/11/2026 08:15 (giờ Việt Nam).');

    // Even the right password, from a fresh client, waits until the oldest failure is 15 minutes old.
    const locked = await signIn(env, db, { email, password: PASSWORD, ip: ip() }, at(start, 10 * MIN));
    expect(locked).toEqual({ ok: false, message: lockedMessage(retryAt), retryAt });
    const after = await signIn(env, db, { email, password: PASSWORD, ip: ip() }, at(start, 15 * MIN + 1000));
    expect(after.ok).toBe(true);
  });

  it('does not lock for 5 failures spread over more than 15 minutes', async () => {
    const { email } = await account();
    const start = new Date('2026-11-20T02:00:00Z');
    for (let i = 0; i < 5; i++) {
      const r = await signIn(env, db, { email, password: 'sai-mat-khau-nua', ip: ip() }, at(start, i * 4 * MIN));
      expect(r, `failure ${i + 1}`).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    }
    expect((await signIn(env, db, { email, password: PASSWORD, ip: ip() }, at(start, 17 * MIN))).ok).toBe(true);
  });

  it('locks the client after 5 failures on different accounts, for every account', async () => {
    const client = ip();
    const { email } = await account();
    const start = new Date('2026-11-20T03:00:00Z');
    for (let i = 0; i < 5; i++) {
      await signIn(env, db, { email: `${unique('doan')}@dongy.gov.vn`, password: 'doan-mo-mat-khau', ip: client }, at(start, i * MIN));
    }
    const blocked = await signIn(env, db, { email, password: PASSWORD, ip: client }, at(start, 6 * MIN));
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) expect(blocked.message).toMatch(/^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau .* \(giờ Việt Nam\)\.$/);
    // The same account from another client is fine: the lock was the client's, not the account's.
    expect((await signIn(env, db, { email, password: PASSWORD, ip: ip() }, at(start, 6 * MIN))).ok).toBe(true);
  });

  it('resets the account\'s failures on success', async () => {
    const { email } = await account();
    const start = new Date('2026-11-20T04:00:00Z');
    for (let i = 0; i < 4; i++) await signIn(env, db, { email, password: 'sai-truoc-khi-dung', ip: ip() }, at(start, i * 1000));
    expect((await signIn(env, db, { email, password: PASSWORD, ip: ip() }, at(start, 5000))).ok).toBe(true);
    for (let i = 0; i < 4; i++) {
      const r = await signIn(env, db, { email, password: 'sai-sau-khi-dung', ip: ip() }, at(start, 6000 + i * 1000));
      expect(r, `failure ${i + 1} after the reset`).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    }
    expect((await signIn(env, db, { email, password: PASSWORD, ip: ip() }, at(start, 11_000))).ok).toBe(true);
  });

  it('upgrades a hash made with fewer iterations after a successful sign-in', async () => {
    const { id, email } = await account();
    await db.update(users).set({ passwordHash: await hashPassword(PASSWORD, 20_000) }).where(eq(users.id, id));
    expect((await signIn(env, db, { email, password: PASSWORD, ip: ip() }, new Date())).ok).toBe(true);
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
    expect(row!.hash.split('$')[1]).toBe(String(PBKDF2_ITERATIONS));
    expect((await signIn(env, db, { email, password: PASSWORD, ip: ip() }, new Date())).ok).toBe(true);
  });
});

describe('the login form (attemptLogin)', () => {
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const request = (origin = 'http://cms.test', client = ip()) =>
    new Request(`${origin}/admin/login`, { method: 'POST', headers: { 'CF-Connecting-IP': client } });

  it('sets an HttpOnly, SameSite=Lax session cookie for the absolute lifetime and goes to `next`', async () => {
    const { email } = await account();
    const outcome = await attemptLogin(env, db, request(), form({ email, password: PASSWORD, next: '/admin/bai-viet?trang-thai=nhap' }), new Date());
    expect(outcome).toMatchObject({ kind: 'signed-in', location: '/admin/bai-viet?trang-thai=nhap' });
    if (outcome.kind !== 'signed-in') return;
    expect(outcome.cookie).toMatch(/^bt_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
  });

  it('uses the __Host- cookie with Secure over https', async () => {
    const { email } = await account();
    const outcome = await attemptLogin(env, db, request('https://cms.test'), form({ email, password: PASSWORD }), new Date());
    if (outcome.kind !== 'signed-in') throw new Error('not signed in');
    expect(outcome.cookie).toMatch(/^__Host-bt_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/);
    expect(outcome.location).toBe('/admin');
  });

  it('answers 401 with the generic message and keeps the e-mail (never the password)', async () => {
    const { email } = await account();
    const outcome = await attemptLogin(env, db, request(), form({ email, password: 'khong-dung-dau', next: '/admin/nguoi-dung' }), new Date());
    expect(outcome).toEqual({ kind: 'refused', status: 401, message: WRONG_CREDENTIALS, email, next: '/admin/nguoi-dung' });
  });

  it('answers 429 with Retry-After once the account is locked', async () => {
    const { email } = await account();
    const now = new Date();
    let outcome;
    for (let i = 0; i < 5; i++) outcome = await attemptLogin(env, db, request(), form({ email, password: `sai-lan-${i}-nhe` }), now);
    expect(outcome).toMatchObject({ kind: 'refused', status: 429, email, retryAfterSeconds: FAILURE_WINDOW_MS / 1000 });
    if (outcome?.kind === 'refused') expect(outcome.message).toMatch(/^Đăng nhập sai quá nhiều lần/);
  });

  it('asks for both fields (400) without counting a failure', async () => {
    const { email } = await account();
    const client = ip();
    for (let i = 0; i < 6; i++) {
      expect(await attemptLogin(env, db, request(undefined, client), form({ email, password: '' }), new Date())).toMatchObject({ kind: 'refused', status: 400, message: 'Vui lòng nhập email và mật khẩu.' });
    }
    expect((await attemptLogin(env, db, request(undefined, client), form({ email, password: PASSWORD }), new Date())).kind).toBe('signed-in');
  });

  it.each([
    ['/admin/bai-viet/5', '/admin/bai-viet/5'],
    ['/admin?x=1', '/admin?x=1'],
    ['/admin', '/admin'],
    [null, '/admin'],
    ['', '/admin'],
    ['https://evil.example/admin', '/admin'],
    ['//evil.example/admin', '/admin'],
    ['/\\evil.example', '/admin'],
    ['/admin/../bai-viet/x', '/admin'],
    ['/administrator', '/admin'],
    ['/bai-viet/tin-moi', '/admin'],
    ['/admin/login', '/admin'],
    ['/admin/logout', '/admin'],
    ['/admin/%0d%0aSet-Cookie:x', '/admin/%0d%0aSet-Cookie:x'],
    ['/admin/\r\nLocation: x', '/admin'],
    ['javascript:alert(1)', '/admin'],
  ])('safeNext(%j) is %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
