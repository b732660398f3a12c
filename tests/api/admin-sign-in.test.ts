// Signing in against real D1 and the real LoginLimiter Durable Objects: one generic answer for a wrong
// e-mail or password, 5 failures in 15 minutes lock the account for browsers without a device cookie
// (Vietnamese message with the retry time), 100 lock an address; the login form's outcome, cookies and
// `next`. Concurrency, device cookies, locks and a failing limiter: sign-in-limits.test.ts.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashPassword, PBKDF2_ITERATIONS } from '../../functions/auth/password.ts';
import { lockedMessage, signIn, WRONG_CREDENTIALS } from '../../functions/auth/sign-in.ts';
import { FAILURE_WINDOW_MS } from '../../functions/auth/login-limiter.ts';
import { CLIENT_MAX_FAILURES } from '../../functions/auth/sign-in-limits.ts';
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
    if (result.ok !== true) return;
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

  it('does not lock an address for 5 failures on other accounts (an office behind one address), only after 100', async () => {
    const office = ip();
    const { email } = await account();
    const start = new Date('2026-11-20T03:00:00Z');
    for (let i = 0; i < 5; i++) {
      await signIn(env, db, { email: `${unique('dong-nghiep')}@dongy.gov.vn`, password: 'go-nham-mat-khau', ip: office }, at(start, i * 1000));
    }
    expect((await signIn(env, db, { email, password: PASSWORD, ip: office }, at(start, 6000))).ok, 'a colleague in the same office').toBe(true);

    // Spraying many accounts from one address still meets a limit: 100 failures in the window.
    const sprayer = ip();
    const { email: victim } = await account();
    const tries = Array.from({ length: CLIENT_MAX_FAILURES }, (_, i) =>
      signIn(env, db, { email: `${unique('phun')}@dongy.gov.vn`, password: 'mat-khau-doan-bua', ip: sprayer }, at(start, 10_000 + i)));
    await Promise.all(tries);
    const blocked = await signIn(env, db, { email: victim, password: PASSWORD, ip: sprayer }, at(start, 20_000));
    expect(blocked).toEqual({ ok: false, message: lockedMessage(start.getTime() + 10_000 + FAILURE_WINDOW_MS), retryAt: start.getTime() + 10_000 + FAILURE_WINDOW_MS });
  });

  it('gives a success from a stranger\'s browser its place back, but no more guesses to strangers', async () => {
    const { email } = await account();
    const start = new Date('2026-11-20T04:00:00Z');
    for (let i = 0; i < 4; i++) await signIn(env, db, { email, password: 'sai-truoc-khi-dung', ip: ip() }, at(start, i * 1000));
    expect((await signIn(env, db, { email, password: PASSWORD, ip: ip() }, at(start, 5000))).ok).toBe(true);
    expect((await signIn(env, db, { email, password: PASSWORD, ip: ip() }, at(start, 5500))).ok, 'successes take no place').toBe(true);
    // The 5th failure of browsers without a device cookie fills the account's shared budget.
    const fifth = await signIn(env, db, { email, password: 'sai-sau-khi-dung', ip: ip() }, at(start, 6000));
    expect(fifth).toEqual({ ok: false, message: lockedMessage(start.getTime() + FAILURE_WINDOW_MS), retryAt: start.getTime() + FAILURE_WINDOW_MS });
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
    // And a device cookie: HttpOnly, sent only by our own pages, 180 days.
    expect(outcome.deviceCookie).toMatch(/^bt_device=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=15552000$/);
  });

  it('uses the __Host- cookie with Secure over https', async () => {
    const { email } = await account();
    const outcome = await attemptLogin(env, db, request('https://cms.test'), form({ email, password: PASSWORD }), new Date());
    if (outcome.kind !== 'signed-in') throw new Error('not signed in');
    expect(outcome.cookie).toMatch(/^__Host-bt_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/);
    expect(outcome.deviceCookie).toMatch(/^__Host-bt_device=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=15552000; Secure$/);
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
