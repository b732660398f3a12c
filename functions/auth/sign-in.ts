// Signing in: one generic answer for a wrong e-mail or password, attempts limited per account, device
// and client before any password is checked (sign-in-limits.ts), 503 when the limiter fails, quiet
// upgrade of old password hashes, a new session and a new device cookie on success.
import { formatVietnamDateTime } from '../content/dates.ts';
import type { Db } from '../data/db.ts';
import { createSession } from '../data/sessions.ts';
import { storePasswordHash, userForSignIn } from '../data/users.ts';
import { deviceOf, newDevice } from './device-cookie.ts';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from './password.ts';
import { startSecondFactor } from './second-factor.ts';
import { enterSignIn, limiterKeys, type Gate } from './sign-in-limits.ts';

export const WRONG_CREDENTIALS = 'Email hoặc mật khẩu không đúng.';
export const SIGN_IN_UNAVAILABLE = 'Hệ thống đăng nhập đang tạm thời gián đoạn. Vui lòng thử lại sau ít phút.';

export type SignInResult =
  /** `device`: a new device cookie value for this account (null when no DEVICE_COOKIE_SECRET is set). */
  | { ok: true; sessionId: string; device: string | null }
  /** The password was right and the account has a second factor: the code form carries pendingToken (second-factor.ts). */
  | { ok: 'needs-second-factor'; pendingToken: string }
  | { ok: false; message: string; retryAt?: number; unavailable?: true };

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
  if (!gate.ok) return { ok: false, message: lockedMessage(gate.retryAt), retryAt: gate.retryAt };

  const found = await userForSignIn(db, input.email);
  decoy ??= hashPassword('decoy password, never matches');
  const verdict = await verifyPassword(input.password, found?.passwordHash ?? (await decoy));
  try {
    if (!found || !verdict.ok) {
      const retryAt = await gate.failed(found?.user.id ?? null);
      return retryAt ? { ok: false, message: lockedMessage(retryAt), retryAt } : { ok: false, message: WRONG_CREDENTIALS };
    }
    await gate.succeeded();
  } catch (error) {
    return unavailable(error);
  }
  if (verdict.needsRehash) await storePasswordHash(db, found.user.id, await hashPassword(input.password, PBKDF2_ITERATIONS));
  const pendingToken = await startSecondFactor(db, found.user.id, now);
  if (pendingToken) return { ok: 'needs-second-factor', pendingToken };
  const { id } = await createSession(db, found.user.id, now);
  return { ok: true, sessionId: id, device: await newDevice(env.DEVICE_COOKIE_SECRET, input.email) };
}
