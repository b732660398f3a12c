// The sign-in form's second step: the code (or a recovery code) for a pending sign-in. Success sets
// the session and device cookies like a password-only sign-in (the device then has its own password
// budget, as any browser that signed in); a wrong code shows the code form again; a pending sign-in
// that expired or ran out of attempts goes back to the password form.
import { deviceCookie, sessionCookie } from '../../functions/auth/cookies.ts';
import { newDevice } from '../../functions/auth/device-cookie.ts';
import { completeSecondFactor } from '../../functions/auth/second-factor.ts';
import type { Db } from '../../functions/data/db.ts';
import { SESSION_ABSOLUTE_MS } from '../../functions/data/sessions.ts';
import { safeNext, type LoginOutcome } from './login.ts';
import { formText } from './request-body.ts';

/** The code form's POST is told apart from the password form's by this field. */
export const PENDING_FIELD = 'pending';

export async function attemptSecondFactorLogin(env: Env, db: Db, request: Request, form: FormData, now: Date): Promise<LoginOutcome> {
  const field = (name: string) => formText(form, name);
  const pendingToken = field(PENDING_FIELD);
  const next = safeNext(field('next'));
  const result = await completeSecondFactor(env, db, { pendingToken, code: field('code') }, now);
  if (result.ok) {
    const device = await newDevice(env.DEVICE_COOKIE_SECRET, result.email);
    return {
      kind: 'signed-in', location: next, cookie: sessionCookie(request, result.sessionId, SESSION_ABSOLUTE_MS / 1000),
      ...(device ? { deviceCookie: deviceCookie(request, device) } : {}),
    };
  }
  if (result.unavailable) {
    return { kind: 'second-factor', status: 503, pendingToken, next, message: result.message, retryAfterSeconds: 60 };
  }
  const retryAfterSeconds = result.retryAt ? Math.max(1, Math.ceil((result.retryAt - now.getTime()) / 1000)) : undefined;
  if (result.restart) {
    return { kind: 'refused', status: retryAfterSeconds ? 429 : 401, message: result.message, email: '', next, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
  }
  return {
    kind: 'second-factor', status: retryAfterSeconds ? 429 : 401, pendingToken, next, message: result.message,
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
  };
}
