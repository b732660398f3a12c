// The admin's cookies: the session and the device cookie (see device-cookie.ts). Both HttpOnly,
// Secure and __Host- prefixed over https (plain http only on 127.0.0.1 during local development,
// where browsers refuse Secure cookies).
export const COOKIE_HTTPS = '__Host-bt_session';
export const COOKIE_HTTP = 'bt_session';
export const DEVICE_COOKIE_HTTPS = '__Host-bt_device';
export const DEVICE_COOKIE_HTTP = 'bt_device';
/** A device stays known for 180 days after its last sign-in (each sign-in issues a new cookie). */
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 3600;

const isHttps = (request: Request) => new URL(request.url).protocol === 'https:';

function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}

export function sessionCookieName(request: Request): string {
  return isHttps(request) ? COOKIE_HTTPS : COOKIE_HTTP;
}

export function readSessionCookie(request: Request): string | null {
  return readCookie(request, sessionCookieName(request));
}

export function sessionCookie(request: Request, value: string, maxAgeSeconds: number): string {
  const secure = isHttps(request) ? '; Secure' : '';
  return `${sessionCookieName(request)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export function clearedSessionCookie(request: Request): string {
  return sessionCookie(request, '', 0);
}

export function readDeviceCookie(request: Request): string | null {
  return readCookie(request, isHttps(request) ? DEVICE_COOKIE_HTTPS : DEVICE_COOKIE_HTTP);
}

/** Sent only with our own sign-in form's posts (Strict): no other site can make a browser use it. */
export function deviceCookie(request: Request, value: string): string {
  const secure = isHttps(request) ? '; Secure' : '';
  const name = isHttps(request) ? DEVICE_COOKIE_HTTPS : DEVICE_COOKIE_HTTP;
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${DEVICE_COOKIE_MAX_AGE_S}${secure}`;
}
