// The signed-in editor behind a request (session cookie), and the CSRF rule for their writes.
import { database } from '../data/db.ts';
import { readSession, type Session } from '../data/sessions.ts';
import { readSessionCookie } from './cookies.ts';

export async function currentSession(request: Request, env: Env, now: Date): Promise<Session | null> {
  const id = readSessionCookie(request);
  return id ? readSession(database(env.DB), id, now) : null;
}

function sameValue(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The origin of an Origin or Referer header, or null when absent or not a URL ("%", "http://[x"). */
function originOf(header: string | null): string | null {
  if (!header) return null;
  try {
    return new URL(header).origin;
  } catch {
    return null;
  }
}

/**
 * A state-changing request from a session must come from our own origin (Origin, else Referer) and
 * carry the session's CSRF token (form field `_csrf` or header `X-CSRF-Token`). `form` is the body
 * already parsed by the caller (the middleware reads it once); otherwise a form body is parsed here.
 */
export async function csrfProblem(request: Request, session: Session, form: FormData | null = null): Promise<string | null> {
  const origin = new URL(request.url).origin;
  const claimed = request.headers.get('Origin') ?? originOf(request.headers.get('Referer'));
  if (claimed !== origin) return 'Yêu cầu đến từ trang khác, đã bị từ chối.';
  let token = request.headers.get('X-CSRF-Token');
  const type = request.headers.get('Content-Type') ?? '';
  if (!token && (form || type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
    const parsed = form ?? (await request.clone().formData().catch(() => null));
    const value = parsed?.get('_csrf');
    token = typeof value === 'string' ? value : null;
  }
  if (!token || !sameValue(token, session.csrfToken)) return 'Phiên làm việc đã thay đổi. Vui lòng tải lại trang và thử lại.';
  return null;
}
