// Two-factor sign-in against real D1 and the real sign-in path: TOTP as RFC 6238 defines it (the
// appendix B vectors, controlled time, ±1 step), the secret encrypted at rest, enrolment confirmed by
// a code, the second step after the password, replays refused, recovery codes used once, attempts
// limited per pending sign-in and per account (under concurrency), require-2FA and the admin's reset.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceOf } from '../../functions/auth/device-cookie.ts';
import { completeSecondFactor, SECOND_FACTOR_MESSAGE } from '../../functions/auth/second-factor.ts';
import { open, seal } from '../../functions/auth/secret-box.ts';
import { signIn } from '../../functions/auth/sign-in.ts';
import { matchTotp, totpCode, totpStep, totpUri } from '../../functions/auth/totp.ts';
import { database } from '../../functions/data/db.ts';
import { PENDING_MAX_ATTEMPTS } from '../../functions/data/pending-sign-ins.ts';
import { createSession, readSession, type Session } from '../../functions/data/sessions.ts';
import { TWO_FACTOR_REQUIRED } from '../../functions/data/settings.ts';
import { mustEnrolTwoFactor, SECOND_FACTOR_MAX_ATTEMPTS, SECOND_FACTOR_WINDOW_MS, totpState } from '../../functions/data/two-factor.ts';
import { createUser, readUser, type User } from '../../functions/data/users.ts';
import { recoveryCodes, settings, totpCredentials } from '../../schema/tables.ts';
import { usersAction } from '../../site/admin/accounts.ts';
import { attemptLogin } from '../../site/admin/login.ts';
import { attemptSecondFactorLogin } from '../../site/admin/login-second-factor.ts';
import { securityAction, securityView } from '../../site/admin/security.ts';
import { twoFactorGate } from '../../site/admin/two-factor-gate.ts';
import { unique } from '../support/api.ts';
import { firstSiteId } from '../support/people.ts';
import { envWith } from '../support/stats.ts';

const db = database(env.DB);
const PASSWORD = 'song-cau-nuoc-xanh-trong';
const KEY = env.TOTP_ENCRYPTION_KEY;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
let ips = 0;
const ip = () => `10.77.${Math.floor(++ips / 250)}.${ips % 250}`;
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

async function person(role: 'admin' | 'editor' | 'contributor' = 'editor'): Promise<User> {
  const id = await createUser(db, { email: `${unique(role)}@dongy.gov.vn`, name: 'Người thử', role, password: PASSWORD });
  return (await readUser(db, id))!;
}
async function sessionOf(user: User, now: Date): Promise<Session> {
  const { id } = await createSession(db, user.id, now);
  return (await readSession(db, id, now))!;
}
/** Enrols through the security page as a person does; returns the base32 secret and the recovery codes. */
async function enrolled(user: User, now: Date): Promise<{ secret: string; codes: string[] }> {
  const session = await sessionOf(user, now);
  expect(await securityAction(env, db, session, form({ action: 'start' }), now)).toMatchObject({ ok: true });
  const view = await securityView(env, db, session);
  const secret = view.enrolment!.secret.replaceAll(' ', '');
  const confirmed = await securityAction(env, db, session, form({ action: 'confirm', code: totpCode(secret, now) }), now);
  if (!confirmed.ok || !confirmed.recoveryCodes) throw new Error(`not enrolled: ${JSON.stringify(confirmed)}`);
  return { secret, codes: confirmed.recoveryCodes };
}
async function pendingFor(user: User, now: Date): Promise<string> {
  const result = await signIn(env, db, { email: user.email, password: PASSWORD, ip: ip() }, now);
  if (result.ok !== 'needs-second-factor') throw new Error(`expected a second step, got ${JSON.stringify(result)}`);
  return result.pendingToken;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete(settings).where(eq(settings.key, TWO_FACTOR_REQUIRED));
});

describe('TOTP (RFC 6238)', () => {
  // Appendix B, SHA-1: the seed "12345678901234567890" (base32 below), 8 digits.
  const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const vectors: [number, string][] = [
    [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
    [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
  ];
  it.each(vectors)('at T=%i s the code is %s', (seconds, code) => {
    const now = new Date(seconds * 1000);
    expect(totpCode(RFC_SECRET, now, 8)).toBe(code);
    expect(matchTotp(RFC_SECRET, code, now, 8)).toBe(Math.floor(seconds / 30));
    // Six digits, as the apps show them, are the last six of the same value.
    expect(totpCode(RFC_SECRET, now)).toBe(code.slice(2));
  });

  it('accepts the previous and next step (clock drift), nothing further, and only digits', () => {
    const now = new Date('2026-11-20T03:00:10Z');
    const step = totpStep(now);
    for (const d of [-1, 0, 1]) expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at(now, d * 30_000)), now)).toBe(step + d);
    for (const d of [-3, -2, 2, 3]) expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at(now, d * 30_000)), now)).toBeNull();
    for (const bad of ['', '12345', '1234567', 'abcdef', ' 12345']) expect(matchTotp(RFC_SECRET, bad, now)).toBeNull();
  });

  it('makes the otpauth:// URI the apps import', () => {
    expect(totpUri(RFC_SECRET, 'Cổng Đồng Hỷ', 'bientap@dongy.gov.vn')).toBe(
      'otpauth://totp/C%E1%BB%95ng%20%C4%90%E1%BB%93ng%20H%E1%BB%B7:bientap%40dongy.gov.vn?issuer=C%E1%BB%95ng%20%C4%90%E1%BB%93ng%20H%E1%BB%B7&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe('the secret at rest', () => {
  it('is stored encrypted, opens only for its owner and under its key, and a missing key fails loudly', async () => {
    const user = await person();
    const { secret } = await enrolled(user, new Date());
    const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id));
    expect(row!.secretSealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(row!.secretSealed).not.toContain(secret);
    expect(await open(KEY, user.id, row!.secretSealed)).toBe(secret);
    expect(await open(KEY, user.id + 1, row!.secretSealed)).toBeNull();
    expect(await open('another-key-of-32-characters-xx', user.id, row!.secretSealed)).toBeNull();
    expect(await open(KEY, user.id, 'v1.garbage')).toBeNull();
    await expect(seal(undefined, user.id, secret)).rejects.toThrow(/TOTP_ENCRYPTION_KEY/);
  });
});

describe('without TOTP_ENCRYPTION_KEY', () => {
  // A deploy that forgot the secret: the pages say so (503) instead of failing with a 500, nothing is
  // stored in clear, no attempt is spent, and the log names the secret to set.
  it.each([['missing', undefined], ['empty', ''], ['too short', 'short-key']])('(%s) answers 503 with a message on the 2FA pages and the second step', async (_name, key) => {
    const noKey = envWith({ TOTP_ENCRYPTION_KEY: key });
    const now = new Date('2026-11-21T07:00:00Z');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const unavailable = { ok: false, status: 503, message: SECOND_FACTOR_MESSAGE.unavailable };

    // Enrolling: refused before a secret is made, so none is stored.
    const fresh = await person();
    const freshSession = await sessionOf(fresh, now);
    expect(await securityAction(noKey, db, freshSession, form({ action: 'start' }), now)).toEqual(unavailable);
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, fresh.id))).toEqual([]);
    expect(await securityView(noKey, db, freshSession)).toMatchObject({ unavailable: true, enrolled: false, enrolment: null });

    // An enrolled account: its page, its changes and its second sign-in step.
    const user = await person();
    const { secret } = await enrolled(user, at(now, -60_000));
    const session = await sessionOf(user, now);
    expect(await securityView(noKey, db, session)).toMatchObject({ unavailable: true, enrolled: true, enrolment: null, unusedCodes: 10 });
    expect(await securityAction(noKey, db, session, form({ action: 'new-codes', code: totpCode(secret, now) }), now)).toEqual(unavailable);
    const request = new Request('http://cms.test/admin/login', { method: 'POST' });
    const pending = await pendingFor(user, now);
    const code = totpCode(secret, now);
    for (let i = 0; i <= Math.max(PENDING_MAX_ATTEMPTS, SECOND_FACTOR_MAX_ATTEMPTS); i++) {
      expect(await attemptSecondFactorLogin(noKey, db, request, form({ pending, code, next: '/admin' }), now)).toEqual({
        kind: 'second-factor', status: 503, pendingToken: pending, next: '/admin', message: SECOND_FACTOR_MESSAGE.unavailable, retryAfterSeconds: 60,
      });
    }
    // Nothing was spent: with the key back, the same pending sign-in and code still sign in.
    expect(await attemptSecondFactorLogin(env, db, request, form({ pending, code, next: '/admin' }), now)).toMatchObject({ kind: 'signed-in' });

    const logged = error.mock.calls.map((c) => c.join(' ')).join('\n');
    expect(logged).toContain('TOTP_ENCRYPTION_KEY');
    expect(logged).not.toContain(secret);
  });
});

describe('enrolling', () => {
  it('is off until a code confirms the secret; shows the secret, URI and an SVG QR code meanwhile', async () => {
    const user = await person();
    const session = await sessionOf(user, new Date());
    expect(await securityView(env, db, session)).toMatchObject({ enrolled: false, enrolment: null });
    await securityAction(env, db, session, form({ action: 'start' }), new Date());
    const view = await securityView(env, db, session);
    expect(view.enrolled).toBe(false);
    expect(view.enrolment!.secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(view.enrolment!.uri).toContain(`secret=${view.enrolment!.secret.replaceAll(' ', '')}`);
    expect(view.enrolment!.qrSvg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"><rect[^>]*\/><path fill="black" d="M[\d,hvzM-]+"\/><\/svg>$/);
    // Not on yet: signing in needs no code.
    expect((await signIn(env, db, { email: user.email, password: PASSWORD, ip: ip() }, new Date())).ok).toBe(true);

    const wrong = await securityAction(env, db, session, form({ action: 'confirm', code: '000000' }), new Date());
    expect(wrong).toMatchObject({ ok: false, status: 422, field: 'code' });
    expect(await securityAction(env, db, session, form({ action: 'confirm', code: '' }), new Date()))
      .toMatchObject({ ok: false, status: 422, field: 'code', message: SECOND_FACTOR_MESSAGE.missing });
    const secret = view.enrolment!.secret.replaceAll(' ', '');
    const ok = await securityAction(env, db, session, form({ action: 'confirm', code: totpCode(secret, new Date()) }), new Date());
    expect(ok).toMatchObject({ ok: true, recoveryCodes: expect.arrayContaining([expect.stringMatching(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/)]) });
    if (!ok.ok) return;
    expect(new Set(ok.recoveryCodes).size).toBe(10);
    // Stored hashed only.
    const stored = JSON.stringify(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)));
    for (const code of ok.recoveryCodes!) expect(stored).not.toContain(code);
    expect(await totpState(db, user.id)).toEqual({ enrolled: true, pending: false });
    // A second start cannot replace a confirmed secret.
    expect(await securityAction(env, db, session, form({ action: 'start' }), new Date())).toMatchObject({ ok: false, status: 409 });
  });
});

describe('signing in with a second factor', () => {
  it('needs a code after the password, and the code signs in once: its replay is refused', async () => {
    const user = await person();
    const now = new Date('2026-11-21T02:00:00Z');
    const { secret } = await enrolled(user, at(now, -60_000));
    const log = vi.spyOn(console, 'log');

    const pending = await pendingFor(user, now);
    const code = totpCode(secret, now);
    const done = await completeSecondFactor(env, db, { pendingToken: pending, code }, now);
    expect(done).toMatchObject({ ok: true, userId: user.id });
    if (!done.ok) return;
    expect((await readSession(db, done.sessionId, now))?.user.id).toBe(user.id);
    // The same pending sign-in is spent.
    expect(await completeSecondFactor(env, db, { pendingToken: pending, code }, now)).toEqual({ ok: false, message: SECOND_FACTOR_MESSAGE.restart, restart: true });
    // The same code in a new sign-in, a second later (same step): refused as a replay.
    const again = await pendingFor(user, at(now, 1000));
    expect(await completeSecondFactor(env, db, { pendingToken: again, code }, at(now, 1000)))
      .toEqual({ ok: false, message: SECOND_FACTOR_MESSAGE.replayed, restart: false });
    // The previous step's code (within the window) is older than the used one: refused too.
    expect((await completeSecondFactor(env, db, { pendingToken: again, code: totpCode(secret, at(now, -30_000)) }, at(now, 1000))).ok).toBe(false);
    // The next step's code works.
    expect((await completeSecondFactor(env, db, { pendingToken: again, code: totpCode(secret, at(now, 30_000)) }, at(now, 30_000))).ok).toBe(true);

    const logged = log.mock.calls.map((c) => c.join(' ')).join('\n');
    expect(logged).toContain(`auth: signed in with second factor {"userId":${user.id},"method":"totp"}`);
    expect(logged).toContain(`auth: second-factor refused {"userId":${user.id},"reason":"replayed"}`);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(pending);
  });

  it('takes each recovery code once, typed in any case and spacing', async () => {
    const user = await person();
    const now = new Date('2026-11-21T03:00:00Z');
    const { codes } = await enrolled(user, now);
    const typed = ` ${codes[3]!.toUpperCase().replaceAll('-', ' ')} `;
    expect((await completeSecondFactor(env, db, { pendingToken: await pendingFor(user, now), code: typed }, now)).ok).toBe(true);
    expect(await completeSecondFactor(env, db, { pendingToken: await pendingFor(user, now), code: codes[3]! }, now))
      .toEqual({ ok: false, message: SECOND_FACTOR_MESSAGE.wrong, restart: false });
    const session = await sessionOf(user, now);
    expect((await securityView(env, db, session)).unusedCodes).toBe(9);
  });

  it('sends the password again after 5 codes for one pending sign-in, or after it expires', async () => {
    const user = await person();
    const now = new Date('2026-11-21T04:00:00Z');
    const { secret } = await enrolled(user, now);
    const pending = await pendingFor(user, now);
    for (let i = 1; i < PENDING_MAX_ATTEMPTS; i++) {
      expect(await completeSecondFactor(env, db, { pendingToken: pending, code: '000000' }, now)).toMatchObject({ ok: false, restart: false });
    }
    expect(await completeSecondFactor(env, db, { pendingToken: pending, code: '000000' }, now)).toEqual({ ok: false, message: SECOND_FACTOR_MESSAGE.restart, restart: true });
    expect(await completeSecondFactor(env, db, { pendingToken: pending, code: totpCode(secret, now) }, now)).toMatchObject({ ok: false, restart: true });

    const later = at(now, SECOND_FACTOR_WINDOW_MS + 1000);
    const old = await pendingFor(user, later);
    expect(await completeSecondFactor(env, db, { pendingToken: old, code: totpCode(secret, at(later, 5 * 60_000)) }, at(later, 5 * 60_000)))
      .toEqual({ ok: false, message: SECOND_FACTOR_MESSAGE.restart, restart: true });
    for (const bad of ['', 'khong-phai-token', 'A'.repeat(43)]) {
      expect(await completeSecondFactor(env, db, { pendingToken: bad, code: '123456' }, later)).toMatchObject({ ok: false, restart: true });
    }
  });

  it('checks at most 5 codes per account per window, however many arrive at once, then tells when to retry', async () => {
    const user = await person();
    const now = new Date('2026-11-21T05:00:00Z');
    const { secret } = await enrolled(user, at(now, -120_000));
    // Pending sign-ins one after another (the password limiter rightly throttles a burst of them).
    const pendings: string[] = [];
    for (let i = 0; i < 8; i++) pendings.push(await pendingFor(user, now));
    const tries = pendings.flatMap((p) => [p, p, p]).map((p, i) => completeSecondFactor(env, db, { pendingToken: p, code: String(100000 + i) }, now));
    const results = await Promise.all(tries);
    const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id));
    expect(row!.attempts).toBe(SECOND_FACTOR_MAX_ATTEMPTS);
    const retryAt = now.getTime() + SECOND_FACTOR_WINDOW_MS;
    expect(results.filter((r) => !r.ok && r.message === SECOND_FACTOR_MESSAGE.locked(retryAt))).toHaveLength(24 - SECOND_FACTOR_MAX_ATTEMPTS);
    // Even the right code waits for the window...
    const fresh = await pendingFor(user, at(now, 60_000));
    expect(await completeSecondFactor(env, db, { pendingToken: fresh, code: totpCode(secret, at(now, 60_000)) }, at(now, 60_000)))
      .toEqual({ ok: false, message: SECOND_FACTOR_MESSAGE.locked(retryAt), restart: false, retryAt });
    // ...and works once it has passed.
    const after = at(now, SECOND_FACTOR_WINDOW_MS + 1000);
    expect((await completeSecondFactor(env, db, { pendingToken: await pendingFor(user, after), code: totpCode(secret, after) }, after)).ok).toBe(true);
  });

  it('through the login form: the code form, a wrong code shows it again, then the session and device cookies for `next`; 429 with Retry-After when locked', async () => {
    const user = await person();
    const now = new Date('2026-11-21T06:00:00Z');
    const { secret } = await enrolled(user, at(now, -60_000));
    const request = new Request('http://cms.test/admin/login', { method: 'POST' });
    const first = await attemptLogin(env, db, request, form({ email: user.email, password: PASSWORD, next: '/admin/bai-viet' }), now);
    expect(first).toMatchObject({ kind: 'second-factor', status: 200, next: '/admin/bai-viet', message: null });
    if (first.kind !== 'second-factor') return;
    const wrong = await attemptSecondFactorLogin(env, db, request, form({ pending: first.pendingToken, code: '000000', next: first.next }), now);
    expect(wrong).toEqual({ kind: 'second-factor', status: 401, pendingToken: first.pendingToken, next: '/admin/bai-viet', message: SECOND_FACTOR_MESSAGE.wrong });
    const ok = await attemptSecondFactorLogin(env, db, request, form({ pending: first.pendingToken, code: totpCode(secret, now), next: first.next }), now);
    expect(ok).toMatchObject({ kind: 'signed-in', location: '/admin/bai-viet', cookie: expect.stringMatching(/^bt_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/) });
    // Like any browser that signed in, it gets a device cookie of this account (its own password budget).
    if (ok.kind !== 'signed-in') return;
    const device = /=([^;]+);/.exec(ok.deviceCookie ?? '')?.[1];
    expect(await deviceOf(env.DEVICE_COOKIE_SECRET, device, user.email)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const gone = await attemptSecondFactorLogin(env, db, request, form({ pending: first.pendingToken, code: '123456', next: '//evil.example' }), now);
    expect(gone).toMatchObject({ kind: 'refused', status: 401, message: SECOND_FACTOR_MESSAGE.restart, next: '/admin' });

    // Five wrong codes spend the account's budget: the next code form answers 429 with Retry-After.
    const t = at(now, 60_000);
    const second = await attemptLogin(env, db, request, form({ email: user.email, password: PASSWORD }), t);
    if (second.kind !== 'second-factor') throw new Error('no code form');
    for (let i = 0; i < SECOND_FACTOR_MAX_ATTEMPTS; i++) await attemptSecondFactorLogin(env, db, request, form({ pending: second.pendingToken, code: '000000' }), t);
    const third = await attemptLogin(env, db, request, form({ email: user.email, password: PASSWORD }), t);
    if (third.kind !== 'second-factor') throw new Error('no code form');
    expect(await attemptSecondFactorLogin(env, db, request, form({ pending: third.pendingToken, code: totpCode(secret, t) }), t)).toEqual({
      kind: 'second-factor', status: 429, pendingToken: third.pendingToken, next: '/admin',
      message: SECOND_FACTOR_MESSAGE.locked(t.getTime() + SECOND_FACTOR_WINDOW_MS), retryAfterSeconds: SECOND_FACTOR_WINDOW_MS / 1000,
    });
  });
});

describe('requiring and resetting a second factor', () => {
  it('an admin requires it of admins and editors: they are sent to enrol first; contributors are not', async () => {
    const [admin, editor, contributor] = [await person('admin'), await person('editor'), await person('contributor')];
    const now = new Date();
    const log = vi.spyOn(console, 'log');
    const site = await firstSiteId();
    expect(await usersAction(db, await sessionOf(admin, now), site, form({ action: 'require-2fa', value: 'on' }), now)).toMatchObject({ ok: true });
    expect(log.mock.calls.map((c) => c.join(' ')).join('\n')).toContain(`auth: two-factor required of admins and editors {"by":${admin.id},"siteId":${site}}`);
    const editorSession = await sessionOf(editor, now);
    expect(await mustEnrolTwoFactor(db, editor)).toBe(true);
    expect(await mustEnrolTwoFactor(db, contributor)).toBe(false);
    expect(await twoFactorGate(db, editorSession, '/admin/bai-viet')).toBe('/admin/bao-mat');
    expect(await twoFactorGate(db, editorSession, '/admin')).toBe('/admin/bao-mat');
    expect(await twoFactorGate(db, editorSession, '/admin/bao-mat')).toBeNull();
    expect(await twoFactorGate(db, editorSession, '/admin/logout')).toBeNull();
    expect(await twoFactorGate(db, await sessionOf(contributor, now), '/admin/bai-viet')).toBeNull();
    expect((await securityView(env, db, editorSession)).required).toBe(true);

    const { secret } = await enrolled(editor, now);
    expect(await twoFactorGate(db, editorSession, '/admin/bai-viet')).toBeNull();
    // Required: the owner cannot turn it off.
    expect(await securityAction(env, db, editorSession, form({ action: 'disable', code: totpCode(secret, at(now, 30_000)) }), at(now, 30_000)))
      .toMatchObject({ ok: false, status: 403 });
    expect(await usersAction(db, await sessionOf(admin, now), site, form({ action: 'require-2fa' }), now)).toMatchObject({ ok: true });
    expect(await mustEnrolTwoFactor(db, admin)).toBe(false);
  });

  it('an admin resets someone\'s second factor: password alone signs in again, old recovery codes are dead', async () => {
    const [admin, editor] = [await person('admin'), await person('editor')];
    const now = new Date();
    await enrolled(editor, now);
    const pending = await pendingFor(editor, now);
    expect(await usersAction(db, await sessionOf(admin, now), await firstSiteId(), form({ action: 'reset-2fa', id: String(editor.id) }), now)).toMatchObject({ ok: true });
    expect(await totpState(db, editor.id)).toEqual({ enrolled: false, pending: false });
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, editor.id))).toEqual([]);
    expect((await completeSecondFactor(env, db, { pendingToken: pending, code: '123456' }, now)).ok).toBe(false);
    expect((await signIn(env, db, { email: editor.email, password: PASSWORD, ip: ip() }, now)).ok).toBe(true);
    expect(await usersAction(db, await sessionOf(admin, now), await firstSiteId(), form({ action: 'reset-2fa', id: String(editor.id) }), now)).toMatchObject({ ok: false, status: 404 });
  });

  it('the owner makes new recovery codes or turns it off with a current code; a wrong code changes nothing', async () => {
    const user = await person();
    const now = new Date('2026-11-21T07:00:00Z');
    const { secret, codes } = await enrolled(user, now);
    const session = await sessionOf(user, now);
    expect(await securityAction(env, db, session, form({ action: 'new-codes', code: '000000' }), now)).toMatchObject({ ok: false, status: 422, field: 'code' });
    const fresh = await securityAction(env, db, session, form({ action: 'new-codes', code: codes[0]! }), now);
    expect(fresh).toMatchObject({ ok: true, recoveryCodes: expect.any(Array) });
    expect(await securityAction(env, db, session, form({ action: 'disable', code: codes[1]! }), now)).toMatchObject({ ok: false, status: 422 });
    const later = at(now, 60_000);
    expect(await securityAction(env, db, session, form({ action: 'disable', code: totpCode(secret, later) }), later)).toMatchObject({ ok: true });
    expect(await totpState(db, user.id)).toEqual({ enrolled: false, pending: false });
    expect(await securityAction(env, db, session, form({ action: 'bogus', code: '1' }), later)).toMatchObject({ ok: false, status: 400 });
  });
});
