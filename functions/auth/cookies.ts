// The editors' session cookie: HttpOnly, SameSite=Lax, Secure and __Host- prefixed over https
// (plain http only on 127.0.0.1 during local development, where browsers refuse Secure cookies).
export const COOKIE_HTTPS = '__Host-bt_session';
export const COOKIE_HTTP = 'bt_session';

const isHttps = (request: Request) => new URL(request.url).protocol === 'https:';

export function sessionCookieName(request: Request): string {
  return isHttps(request) ? COOKIE_HTTPS : COOKIE_HTTP;
}

export function readSessionCookie(request: Request): string | null {
  const name = sessionCookieName(request);
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}

export function sessionCookie(request: Request, value: string, maxAgeSeconds: number): string {
  const secure = isHttps(request) ? '; Secure' : '';
  return `${sessionCookieName(request)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export function clearedSessionCookie(request: Request): string {
  return sessionCookie(request, '', 0);
}
