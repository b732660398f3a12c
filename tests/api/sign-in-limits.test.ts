// Sign-in limits under attack, in real D1 and real LoginLimiter / LoginLocks Durable Objects:
// attempts are reserved before the password is checked (20 at once check at most 5), device cookies
// give the rightful user's browser a budget of its own (OWASP), each lock is logged and listed for
// admins who can lift it, and a failing limiter object makes sign-in answer 503, not 500.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceOf, newDevice } from '../../functions/auth/device-cookie.ts';
import { FAILURE_WINDOW_MS } from '../../functions/auth/login-limiter.ts';
import { lockedMessage, SIGN_IN_UNAVAILABLE } from '../../functions/auth/sign-in.ts';
import { limiterKeys, UNTRUSTED } from '../../functions/auth/sign-in-limits.ts';
import { database } from '../../functions/data/db.ts';
import { readSession } from '../../functions/data/sessions.ts';
import { createUser } from '../../functions/data/users.ts';
import { sessions } from '../../schema/tables.ts';
import { attemptLogin, type LoginOutcome } from '../../site/admin/login.ts';
import { currentLocks, locksAction } from '../../site/admin/sign-in-locks.ts';
import { LOCKS } from '../../site/admin/strings.ts';
import { unique } from '../support/api.ts';

const db = database(env.DB);
const PASSWORD = 'mat-khau-dung-cua-chu';
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function account(role: 'admin' | 'editor' = 'editor') {
  const email = `${unique('gioi-han')}@dongy.gov.vn`;
  const id = await createUser(db, { email, name: 'Người thử giới hạn', role, password: PASSWORD });
  return { id, email };
}

/** One browser: its address and the cookies it keeps (the device cookie, once it signed in). */
function browser(address = ip()) {
  let device: string | null = null;
  return {
    address,
    get device() {
      return device;
    },
    forget() {
      device = null;
    },
    async signIn(email: string, password: string, now = new Date()): Promise<LoginOutcome> {
      const form = new FormData();
      form.set('email', email);
      form.set('password', password);
      const headers: Record<string, string> = { 'CF-Connecting-IP': address };
      if (device) headers.Cookie = `bt_device=${device}`;
      const outcome = await attemptLogin(env, db, new Request('http://cms.test/admin/login', { method: 'POST', headers }), form, now);
      if (outcome.kind === 'signed-in' && outcome.deviceCookie) device = /^bt_device=([^;]+);/.exec(outcome.deviceCookie)![1]!;
      return outcome;
    },
  };
}
const status = (o: LoginOutcome) => (o.kind === 'signed-in' ? 303 : o.status);

/** The attempts the account's limiter object recorded (each one a password that was checked). */
async function recorded(email: string) {
  const keys = await limiterKeys(env, email, '');
  return runInDurableObject(env.LOGIN_LIMITER.getByName(keys.account), (_, state) =>
    state.storage.sql.exec<{ bucket: string; failed: number }>('SELECT bucket, failed FROM attempts ORDER BY id').toArray());
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('concurrent sign-ins (issue 8, item 2)', () => {
  it('20 at once on one account (19 wrong, the right one last): at most 5 passwords are checked, the right one is refused', async () => {
    const { id, email } = await account();
    const now = new Date();
    const passwords = [...Array.from({ length: 19 }, (_, i) => `sai-cung-luc-${i}`), PASSWORD];
    // Each from its own address and browser, as a botnet would.
    const outcomes = await Promise.all(passwords.map((p) => browser().signIn(email, p, now)));
    const statuses = outcomes.map(status);

    // Every checked password left a failed attempt in the account's object (a success would have
    // released its place and opened a session): exactly 5, all in the strangers' budget.
    expect(await recorded(email)).toEqual(Array.from({ length: 5 }, () => ({ bucket: UNTRUSTED, failed: 1 })));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
    expect(statuses.every((s) => s === 401 || s === 429), statuses.join(' ')).toBe(true);
    expect(statuses[19], 'the right password, sent last').toBe(429);
    expect(await db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);
  });
});

describe('device cookies (issue 8, item 5)', () => {
  it('strangers\' failures lock strangers out, never the browser that signed in before', async () => {
    const { email } = await account();
    const mine = browser();
    expect(status(await mine.signIn(email, PASSWORD))).toBe(303);
    expect(mine.device).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);

    // Someone else, from several addresses, guesses: the account locks for browsers without a cookie...
    const start = new Date();
    for (let i = 0; i < 5; i++) await browser().signIn(email, `doan-mo-${i}-lan`, start);
    const stranger = await browser().signIn(email, PASSWORD, start);
    expect(stranger).toMatchObject({ kind: 'refused', status: 429 });
    // ...the rightful user's browser, even from the attacker's address, is not.
    expect(status(await mine.signIn(email, PASSWORD, start))).toBe(303);
    const sameAddress = browser(mine.address);
    expect(status(await sameAddress.signIn(email, PASSWORD, start)), 'no cookie: a stranger').toBe(429);
  });

  it('a device that fails 5 times is locked itself; the account\'s other browsers are not', async () => {
    const { email } = await account();
    const laptop = browser();
    const phone = browser();
    expect(status(await laptop.signIn(email, PASSWORD))).toBe(303);
    expect(status(await phone.signIn(email, PASSWORD))).toBe(303);
    const start = new Date();
    const laptopTries = [];
    for (let i = 0; i < 5; i++) laptopTries.push(status(await laptop.signIn(email, `go-nham-${i}-lan`, start)));
    expect(laptopTries).toEqual([401, 401, 401, 401, 429]);
    expect(await laptop.signIn(email, PASSWORD, start)).toMatchObject({
      kind: 'refused', status: 429, message: lockedMessage(start.getTime() + FAILURE_WINDOW_MS), retryAfterSeconds: FAILURE_WINDOW_MS / 1000,
    });
    expect(status(await phone.signIn(email, PASSWORD, start)), 'another device').toBe(303);
    expect(status(await browser().signIn(email, PASSWORD, start)), 'a new browser: the strangers\' budget is untouched').toBe(303);
  });

  it('a proven device starts afresh: its own failures are forgotten when it signs in', async () => {
    const { email } = await account();
    const mine = browser();
    await mine.signIn(email, PASSWORD);
    const start = new Date();
    for (let i = 0; i < 4; i++) expect(status(await mine.signIn(email, `nham-${i}-lan`, start))).toBe(401);
    expect(status(await mine.signIn(email, PASSWORD, start))).toBe(303);
    for (let i = 0; i < 4; i++) expect(status(await mine.signIn(email, `nham-lai-${i}`, start))).toBe(401);
  });

  it('is bound to its account and its signature: another account\'s, a tampered or a foreign one counts as a stranger', async () => {
    const a = await account();
    const b = await account();
    const value = (await newDevice(env.DEVICE_COOKIE_SECRET, a.email))!;
    expect(await deviceOf(env.DEVICE_COOKIE_SECRET, value, a.email)).toBe(value.split('.')[0]);
    expect(await deviceOf(env.DEVICE_COOKIE_SECRET, value, b.email)).toBeNull();
    const flipped = value.slice(0, -2) + (value.at(-2) === 'A' ? 'B' : 'A') + value.at(-1);
    expect(await deviceOf(env.DEVICE_COOKIE_SECRET, flipped, a.email)).toBeNull();
    expect(await deviceOf('another-secret', value, a.email)).toBeNull();
    for (const junk of ['', 'x', `${value}.x`, value.replace('.', '')]) expect(await deviceOf(env.DEVICE_COOKIE_SECRET, junk, a.email), junk).toBeNull();
    expect(await newDevice(undefined, a.email), 'no secret, no device cookies').toBeNull();

    // In a sign-in: A's browser is a stranger to B, and B locked for strangers refuses it.
    const mine = browser();
    await mine.signIn(a.email, PASSWORD);
    const start = new Date();
    for (let i = 0; i < 5; i++) await browser().signIn(b.email, `doan-b-${i}`, start);
    expect(status(await mine.signIn(b.email, PASSWORD, start))).toBe(429);
  });
});

describe('locks: logged, listed for platform admins, lifted by platform admins', () => {
  it('logs each lock once without the e-mail or address, lists it with the account, and a platform admin lifts it', async () => {
    const { id, email } = await account();
    const admin = await account('admin');
    const warned: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warned.push(args.join(' ')));
    const attacker = browser();
    const start = new Date();
    for (let i = 0; i < 5; i++) await attacker.signIn(email, `tan-cong-${i}`, start);
    expect(status(await browser().signIn(email, PASSWORD, start))).toBe(429);

    const lines = warned.filter((l) => l.startsWith('sign-in lock:'));
    expect(lines, 'one line for one lock').toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^sign-in lock: account [0-9a-f]{12} user ${id} until \\d{4}-\\d\\d-\\d\\dT`));
    for (const secret of [email, email.split('@')[0]!, attacker.address]) expect(lines[0]).not.toContain(secret);

    const listed = (await currentLocks(env, db, start)).filter((l) => l.who === email);
    expect(listed).toEqual([{ id: expect.any(Number), kind: LOCKS.kindAccount, who: email, since: start, until: new Date(start.getTime() + FAILURE_WINDOW_MS) }]);

    // Only platform admins lift locks (accounts are global): a site's admin is refused like an editor.
    const form = new FormData();
    form.set('action', 'clear');
    form.set('id', String(listed[0]!.id));
    const editorUser = { id, email, name: 'x', role: 'editor' as const, platformAdmin: false, disabled: false, createdAt: new Date() };
    expect(await locksAction(env, editorUser, form)).toMatchObject({ ok: false, status: 403 });
    expect(await locksAction(env, { ...editorUser, role: 'admin' }, form), 'a site admin').toMatchObject({ ok: false, status: 403 });
    const adminUser = { id: admin.id, email: admin.email, name: 'Quản trị', role: 'admin' as const, platformAdmin: true, disabled: false, createdAt: new Date() };
    expect(await locksAction(env, adminUser, form)).toEqual({ ok: true, message: LOCKS.cleared });
    expect(warned.some((l) => l === `sign-in lock cleared: account user ${id} by user ${admin.id}`)).toBe(true);
    expect((await currentLocks(env, db, start)).filter((l) => l.who === email)).toEqual([]);
    expect(await locksAction(env, adminUser, form), 'twice').toEqual({ ok: false, status: 404, message: LOCKS.gone });
    const bad = new FormData();
    bad.set('action', 'clear');
    bad.set('id', 'abc');
    expect(await locksAction(env, adminUser, bad)).toMatchObject({ ok: false, status: 400 });

    // The rightful user, from a new browser, signs in again at once.
    const after = await browser().signIn(email, PASSWORD, start);
    expect(after.kind).toBe('signed-in');
    if (after.kind === 'signed-in') expect(await readSession(db, /bt_session=([^;]+)/.exec(after.cookie)![1]!, start)).not.toBeNull();
  });
});

describe('a failing limiter (issue 8, item 4)', () => {
  it('answers 503 with a Vietnamese message and checks no password when the account\'s object throws', async () => {
    const { id, email } = await account();
    // Break the real object: without its table every RPC throws inside the Durable Object.
    const keys = await limiterKeys(env, email, '');
    await runInDurableObject(env.LOGIN_LIMITER.getByName(keys.account), (_, state) => state.storage.sql.exec('DROP TABLE attempts'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const outcome = await browser().signIn(email, PASSWORD);
    expect(outcome).toEqual({ kind: 'refused', status: 503, message: SIGN_IN_UNAVAILABLE, email, next: '/admin', retryAfterSeconds: 60 });
    expect(SIGN_IN_UNAVAILABLE).toBe('Hệ thống đăng nhập đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút.');
    expect(await db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);
  });

  it('answers 503 when the platform cannot reach the objects at all (the binding throws)', async () => {
    const { email } = await account();
    const failing = { getByName: () => { throw new Error('Durable Object namespace unavailable'); } };
    const broken = new Proxy(env, { get: (target, key) => (key === 'LOGIN_LIMITER' ? failing : Reflect.get(target, key)) });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const form = new FormData();
    form.set('email', email);
    form.set('password', PASSWORD);
    const outcome = await attemptLogin(broken, db, new Request('http://cms.test/admin/login', { method: 'POST' }), form, new Date());
    expect(outcome).toMatchObject({ kind: 'refused', status: 503, message: SIGN_IN_UNAVAILABLE });
  });
});
