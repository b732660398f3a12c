// Signing in from the login form: the generic answer for a wrong e-mail or password, the lock-out
// message with Retry-After, 503 when the limiter is down, 403 for an account with no site to work on
// (only archived sites, or none), the session and device cookies on success, and where to go next
// (local admin paths only).
import { deviceCookie, readDeviceCookie, sessionCookie } from '../../functions/auth/cookies.ts';
import { signIn } from '../../functions/auth/sign-in.ts';
import type { Db } from '../../functions/data/db.ts';
import { SESSION_ABSOLUTE_MS } from '../../functions/data/sessions.ts';
import { formText } from './request-body.ts';

export const LOGIN_PATH = '/admin/login';
export const LOGOUT_PATH = '/admin/logout';
export const ADMIN_HOME = '/admin';

/**
 * `next` only if it is a path of this admin: never another origin ("//evil", "https://..."), never a
 * backslash trick, never the login or logout page itself.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) return ADMIN_HOME;
  let url: URL;
  try {
    url = new URL(next, 'http://admin.invalid');
  } catch {
    return ADMIN_HOME;
  }
  if (url.origin !== 'http://admin.invalid') return ADMIN_HOME;
  if (url.pathname !== '/admin' && !url.pathname.startsWith('/admin/')) return ADMIN_HOME;
  if (url.pathname === LOGIN_PATH || url.pathname === LOGOUT_PATH) return ADMIN_HOME;
  return url.pathname + url.search;
}

export type LoginOutcome =
  /** `deviceCookie`: a second Set-Cookie, the device cookie (absent without DEVICE_COOKIE_SECRET). */
  | { kind: 'signed-in'; location: string; cookie: string; deviceCookie?: string }
  /** Password right, second factor due: the page shows the code form (login-second-factor.ts handles its POST). */
  | { kind: 'second-factor'; status: 200 | 401 | 429 | 503; pendingToken: string; next: string; message: string | null; retryAfterSeconds?: number }
  | { kind: 'refused'; status: 400 | 401 | 403 | 429 | 503; message: string; email: string; next: string; retryAfterSeconds?: number };

export async function attemptLogin(env: Env, db: Db, request: Request, form: FormData, now: Date): Promise<LoginOutcome> {
  const field = (name: string) => formText(form, name);
  const email = field('email').trim();
  const password = field('password');
  const next = safeNext(field('next'));
  if (!email || !password) {
    return { kind: 'refused', status: 400, message: 'Vui lòng nhập email và mật khẩu.', email, next };
  }
  const ip = request.headers.get('CF-Connecting-IP') ?? '';
  const result = await signIn(env, db, { email, password, ip, deviceCookie: readDeviceCookie(request) }, now);
  if (result.ok === 'needs-second-factor') return { kind: 'second-factor', status: 200, pendingToken: result.pendingToken, next, message: null };
  if (!result.ok) {
    if (result.unavailable) return { kind: 'refused', status: 503, message: result.message, email, next, retryAfterSeconds: 60 };
    if (result.noSite) return { kind: 'refused', status: 403, message: result.message, email, next };
    if (result.retryAt) {
      const retryAfterSeconds = Math.max(1, Math.ceil((result.retryAt - now.getTime()) / 1000));
      return { kind: 'refused', status: 429, message: result.message, email, next, retryAfterSeconds };
    }
    return { kind: 'refused', status: 401, message: result.message, email, next };
  }
  return {
    kind: 'signed-in',
    location: next,
    cookie: sessionCookie(request, result.sessionId, SESSION_ABSOLUTE_MS / 1000),
    ...(result.device ? { deviceCookie: deviceCookie(request, result.device) } : {}),
  };
}
