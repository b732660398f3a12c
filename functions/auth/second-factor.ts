// The second sign-in step: after the right password, an account with TOTP on gets a pending sign-in
// instead of a session; a code from its app (or one unused recovery code) completes it. Every check
// first reserves an attempt of the pending sign-in (5) and of the account (5 per 15 minutes), so no
// concurrency gets more codes checked; a TOTP step is accepted once only. Every outcome is logged.
import { recordAudit } from '../audit/log.ts';
import { formatVietnamDateTime } from '../content/dates.ts';
import type { Db } from '../data/db.ts';
import { createPendingSignIn, finishPendingSignIn, reservePendingAttempt } from '../data/pending-sign-ins.ts';
import { createSession } from '../data/sessions.ts';
import {
  claimTotpStep, clearSecondFactorAttempts, normalizeRecoveryCode, reserveSecondFactorAttempt, totpSecret, totpState, useRecoveryCode,
} from '../data/two-factor.ts';
import { readUser } from '../data/users.ts';
import { keyUsable } from './secret-box.ts';
import { matchTotp, normalizeCode } from './totp.ts';

export const SECOND_FACTOR_MESSAGE = {
  missing: 'Vui lòng nhập mã 6 chữ số từ ứng dụng xác thực, hoặc một mã khôi phục.',
  wrong: 'Mã xác thực không đúng.',
  replayed: 'Mã này vừa được dùng. Vui lòng chờ ứng dụng hiện mã mới rồi nhập lại.',
  restart: 'Phiên đăng nhập đã hết hạn hoặc đã nhập sai mã quá nhiều lần. Vui lòng đăng nhập lại.',
  unavailable: 'Xác thực hai bước tạm thời không dùng được. Vui lòng thử lại sau ít phút hoặc báo quản trị viên.',
  locked: (retryAt: number) => `Nhập sai mã xác thực quá nhiều lần. Vui lòng thử lại sau ${formatVietnamDateTime(new Date(retryAt))} (giờ Việt Nam).`,
} as const;

export function logAuth(event: string, fields: Record<string, string | number | boolean>): void {
  console.log(`auth: ${event}`, JSON.stringify(fields));
}

/**
 * True when TOTP_ENCRYPTION_KEY is missing or too short, logged naming the secret. Checked before a
 * secret is made, opened or an attempt spent; callers answer 503 with SECOND_FACTOR_MESSAGE.unavailable.
 */
export function twoFactorUnavailable(env: Env): boolean {
  if (keyUsable(env.TOTP_ENCRYPTION_KEY)) return false;
  console.error('auth: TOTP_ENCRYPTION_KEY is missing or shorter than 16 characters; two-factor pages and sign-in steps answer 503 until it is set (wrangler secret put TOTP_ENCRYPTION_KEY)');
  return true;
}

/** A pending sign-in token when the account has a confirmed second factor, else null (sign in at once). */
export async function startSecondFactor(db: Db, userId: number, now: Date): Promise<string | null> {
  if (!(await totpState(db, userId)).enrolled) return null;
  return createPendingSignIn(db, userId, now);
}

export type CodeCheck =
  | { ok: true; method: 'totp' | 'recovery-code' }
  | { ok: false; reason: 'wrong' | 'replayed' | 'locked' | 'unavailable'; message: string; retryAt?: number };

/**
 * Checks a code typed by the account's owner against its confirmed authenticator or unused recovery
 * codes, within the account's attempt budget. Also used to confirm sensitive changes on the security page.
 */
export async function checkSecondFactor(env: Env, db: Db, userId: number, typed: string, now: Date): Promise<CodeCheck> {
  const budget = await reserveSecondFactorAttempt(db, userId, now);
  if (!budget.ok) {
    logAuth('second-factor locked', { userId });
    return { ok: false, reason: 'locked', message: SECOND_FACTOR_MESSAGE.locked(budget.retryAt), retryAt: budget.retryAt };
  }
  const credential = await totpSecret(db, env.TOTP_ENCRYPTION_KEY, userId);
  if (!credential?.confirmed) {
    // A sealed secret that no longer opens means TOTP_ENCRYPTION_KEY changed: say so in the log, not to the user.
    logAuth('second-factor unavailable', { userId, credential: !!credential });
    return { ok: false, reason: 'unavailable', message: SECOND_FACTOR_MESSAGE.wrong };
  }
  const code = normalizeCode(typed);
  let verdict: CodeCheck;
  const step = /^\d{6}$/.test(code) ? matchTotp(credential.secret, code, now) : null;
  if (step !== null) {
    verdict = (await claimTotpStep(db, userId, step))
      ? { ok: true, method: 'totp' }
      : { ok: false, reason: 'replayed', message: SECOND_FACTOR_MESSAGE.replayed };
  } else {
    const recovery = normalizeRecoveryCode(typed);
    verdict = recovery && (await useRecoveryCode(db, userId, recovery, now))
      ? { ok: true, method: 'recovery-code' }
      : { ok: false, reason: 'wrong', message: SECOND_FACTOR_MESSAGE.wrong };
  }
  if (verdict.ok) await clearSecondFactorAttempts(db, userId);
  logAuth(verdict.ok ? 'second-factor accepted' : 'second-factor refused', { userId, ...(verdict.ok ? { method: verdict.method } : { reason: verdict.reason }) });
  return verdict;
}

export type SecondStepResult =
  | { ok: true; sessionId: string; userId: number; email: string }
  /** restart: the pending sign-in is gone (expired, unknown, out of attempts): the password again. unavailable: no key (503). */
  | { ok: false; message: string; restart: boolean; retryAt?: number; unavailable?: true };

/** Completes a pending sign-in with a code: a session on success. */
export async function completeSecondFactor(env: Env, db: Db, input: { pendingToken: string; code: string }, now: Date): Promise<SecondStepResult> {
  if (!normalizeCode(input.code)) return { ok: false, message: SECOND_FACTOR_MESSAGE.missing, restart: false };
  if (twoFactorUnavailable(env)) return { ok: false, message: SECOND_FACTOR_MESSAGE.unavailable, restart: false, unavailable: true };
  const pending = await reservePendingAttempt(db, input.pendingToken, now);
  if (!pending) return { ok: false, message: SECOND_FACTOR_MESSAGE.restart, restart: true };
  const user = await readUser(db, pending.userId);
  if (!user || user.disabled) {
    await finishPendingSignIn(db, input.pendingToken);
    return { ok: false, message: SECOND_FACTOR_MESSAGE.restart, restart: true };
  }
  const check = await checkSecondFactor(env, db, user.id, input.code, now);
  if (!check.ok) {
    await recordAudit(db, { siteId: null, actorId: user.id, actorLabel: user.email, action: 'second-factor.failed', detail: { reason: check.reason }, at: now });
    const restart = pending.attemptsLeft === 0;
    if (restart) await finishPendingSignIn(db, input.pendingToken);
    return { ok: false, message: restart && check.reason !== 'locked' ? SECOND_FACTOR_MESSAGE.restart : check.message, restart, ...(check.retryAt ? { retryAt: check.retryAt } : {}) };
  }
  await finishPendingSignIn(db, input.pendingToken);
  const { id } = await createSession(db, user.id, now);
  logAuth('signed in with second factor', { userId: user.id, method: check.method });
  await recordAudit(db, { siteId: null, actorId: user.id, actorLabel: user.email, action: 'sign-in', detail: { secondFactor: check.method }, at: now });
  return { ok: true, sessionId: id, userId: user.id, email: user.email };
}
