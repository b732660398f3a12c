// Signing in: one generic answer for a wrong e-mail or password, attempts limited per account, device
// and client before any password is checked (sign-in-limits.ts), 503 when the limiter fails, quiet
// upgrade of old password hashes, a new session and a new device cookie on success. An account needs a
// site to work on: a role on an active site, or admin of an archived one, or the platform-admin flag.
import { recordAudit } from '../audit/log.ts';
import { formatVietnamDateTime } from '../content/dates.ts';
import type { Db } from '../data/db.ts';
import { createSession } from '../data/sessions.ts';
import { storePasswordHash, userForSignIn, type SignInAccount } from '../data/users.ts';
import { deviceOf, newDevice } from './device-cookie.ts';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from './password.ts';
import { startSecondFactor } from './second-factor.ts';
import { enterSignIn, limiterKeys, type Gate } from './sign-in-limits.ts';

/** The audit log's who for a sign-in tried with something that is not an email address. */
export const NOT_AN_EMAIL = '(không phải email)';
export const WRONG_CREDENTIALS = 'Email hoặc mật khẩu không đúng.';
export const SIGN_IN_UNAVAILABLE = 'Hệ thống đăng nhập đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút.';
/** Every role of the account is on archived sites, where only admins may sign in. */
export const ONLY_ARCHIVED_SITES = 'Trang thông tin điện tử của bạn đã được lưu trữ (chỉ xem): biên tập viên và cộng tác viên không thể đăng nhập nữa. Vui lòng liên hệ quản trị viên nếu cần được giao việc ở trang khác.';
/** The account holds no role on any site (all were taken away). */
export const NO_SITE = 'Tài khoản của bạn chưa được giao vai trò ở trang nào. Vui lòng liên hệ quản trị viên.';

/**
 * Why the account may not sign in although its password is right, or null. Same rule as the sessions'
 * working site (functions/data/sessions.ts): archived sites are open to their admins only.
 */
export function siteRefusal(account: Pick<SignInAccount, 'user' | 'roles'>): string | null {
  if (account.user.platformAdmin) return null;
  if (account.roles.some((r) => r.status === 'active' || r.role === 'admin')) return null;
  return account.roles.length ? ONLY_ARCHIVED_SITES : NO_SITE;
}

export type SignInResult =
  /** `device`: a new device cookie value for this account (null when no DEVICE_COOKIE_SECRET is set). */
  | { ok: true; sessionId: string; device: string | null }
  /** The password was right and the account has a second factor: the code form carries pendingToken (second-factor.ts). */
  | { ok: 'needs-second-factor'; pendingToken: string }
  /** noSite: the password was right but the account has no site to work on (403, see siteRefusal). */
  | { ok: false; message: string; retryAt?: number; unavailable?: true; noSite?: true };

export function lockedMessage(retryAt: number): string {
  return `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${formatVietnamDateTime(new Date(retryAt))} (giờ Việt Nam).`;
}

/** Compared against when the account does not exist, so both failures take the same time. */
let decoy: Promise<string> | undefined;

/** The limiter failed (its object threw): no password is checked, the form says to come back later. */
function unavailable(error: unknown): SignInResult {
  console.error('sign-in limiter unavailable:', error);
  return { ok: false, message: SIGN_IN_UNAVAILABLE, unavailable: true };
}

export async function signIn(
  env: Env, db: Db, input: { email: string; password: string; ip: string; deviceCookie?: string | null }, now: Date,
): Promise<SignInResult> {
  const [keys, device] = await Promise.all([
    limiterKeys(env, input.email, input.ip), deviceOf(env.DEVICE_COOKIE_SECRET, input.deviceCookie, input.email),
  ]);
  let gate: Gate;
  try {
    gate = await enterSignIn(env, keys, device, now.getTime());
  } catch (error) {
    return unavailable(error);
  }
  // The email as typed (capped), never the password: who tried, for the audit log. Text that is not an
  // email (a password typed into the email field, a common slip) is not kept.
  const label = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email) ? input.email.slice(0, 200) : NOT_AN_EMAIL;
  const failed = (reason: string, userId: number | null = null) => recordAudit(db, {
    siteId: null, actorId: userId, actorLabel: label, action: 'sign-in.failed', detail: { reason }, at: now,
  });
  if (!gate.ok) {
    await failed('locked');
    return { ok: false, message: lockedMessage(gate.retryAt), retryAt: gate.retryAt };
  }

  const found = await userForSignIn(db, input.email);
  decoy ??= hashPassword('decoy password, never matches');
  const verdict = await verifyPassword(input.password, found?.passwordHash ?? (await decoy));
  try {
    if (!found || !verdict.ok) {
      const retryAt = await gate.failed(found?.user.id ?? null);
      await failed(found ? 'wrong-password' : 'unknown-email', found?.user.id ?? null);
      return retryAt ? { ok: false, message: lockedMessage(retryAt), retryAt } : { ok: false, message: WRONG_CREDENTIALS };
    }
    await gate.succeeded();
  } catch (error) {
    return unavailable(error);
  }
  if (verdict.needsRehash) await storePasswordHash(db, found.user.id, await hashPassword(input.password, PBKDF2_ITERATIONS));
  // Only once the password is right: nobody learns from this message which accounts exist or where.
  const refusal = siteRefusal(found);
  if (refusal) return { ok: false, message: refusal, noSite: true };
  const pendingToken = await startSecondFactor(db, found.user.id, now);
  if (pendingToken) return { ok: 'needs-second-factor', pendingToken };
  const { id } = await createSession(db, found.user.id, now);
  await recordAudit(db, { siteId: null, actorId: found.user.id, actorLabel: found.user.email, action: 'sign-in', detail: { secondFactor: false }, at: now });
  return { ok: true, sessionId: id, device: await newDevice(env.DEVICE_COOKIE_SECRET, input.email) };
}
