// Signing in: one generic answer for a wrong e-mail or password, failures limited per account and per
// client (LoginLimiter Durable Objects), quiet upgrade of old password hashes, a new session on success.
import { formatVietnamDateTime } from '../content/dates.ts';
import type { Db } from '../data/db.ts';
import { createSession } from '../data/sessions.ts';
import { sha256Hex } from '../data/tokens.ts';
import { storePasswordHash, userForSignIn } from '../data/users.ts';
import type { LimitState } from './login-limiter.ts';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from './password.ts';
import { startSecondFactor } from './second-factor.ts';

export const WRONG_CREDENTIALS = 'Email hoặc mật khẩu không đúng.';

export type SignInResult =
  | { ok: true; sessionId: string }
  /** The password was right and the account has a second factor: the code form carries pendingToken (second-factor.ts). */
  | { ok: 'needs-second-factor'; pendingToken: string }
  | { ok: false; message: string; retryAt?: number };

/** Limiter keys are salted hashes: neither the e-mail nor the IP is stored in the objects. */
async function limiterKeys(env: Env, email: string, ip: string) {
  const salt = env.STATS_SALT ?? '';
  return {
    account: `account:${await sha256Hex(`${salt}|login|${email.trim().toLowerCase()}`)}`,
    client: `client:${await sha256Hex(`${salt}|login|${ip}`)}`,
  };
}

export function lockedMessage(retryAt: number): string {
  return `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${formatVietnamDateTime(new Date(retryAt))} (giờ Việt Nam).`;
}

/** Compared against when the account does not exist, so both failures take the same time. */
let decoy: Promise<string> | undefined;

export async function signIn(env: Env, db: Db, input: { email: string; password: string; ip: string }, now: Date): Promise<SignInResult> {
  const keys = await limiterKeys(env, input.email, input.ip);
  const account = env.LOGIN_LIMITER.getByName(keys.account);
  const client = env.LOGIN_LIMITER.getByName(keys.client);
  const t = now.getTime();
  const locked = (states: LimitState[]) => {
    const retryAt = Math.max(...states.map((s) => (s.allowed ? 0 : s.retryAt ?? 0)));
    return retryAt > 0 ? retryAt : null;
  };
  const before = locked(await Promise.all([account.check(t), client.check(t)]));
  if (before) return { ok: false, message: lockedMessage(before), retryAt: before };

  const found = await userForSignIn(db, input.email);
  decoy ??= hashPassword('decoy password, never matches');
  const verdict = await verifyPassword(input.password, found?.passwordHash ?? (await decoy));
  if (!found || !verdict.ok) {
    const after = locked(await Promise.all([account.fail(t), client.fail(t)]));
    return after ? { ok: false, message: lockedMessage(after), retryAt: after } : { ok: false, message: WRONG_CREDENTIALS };
  }
  await account.reset();
  if (verdict.needsRehash) await storePasswordHash(db, found.user.id, await hashPassword(input.password, PBKDF2_ITERATIONS));
  const pendingToken = await startSecondFactor(db, found.user.id, now);
  if (pendingToken) return { ok: 'needs-second-factor', pendingToken };
  const { id } = await createSession(db, found.user.id, now);
  return { ok: true, sessionId: id };
}
