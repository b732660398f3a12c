// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that signed
// in to an account gets a signed, HttpOnly cookie bound to that account. With it, its failed sign-ins
// count against a budget of its own, so strangers' failures never lock the rightful user out.
// The value is `<nonce>.<HMAC-SHA256(DEVICE_COOKIE_SECRET, e-mail | nonce)>`, base64url: bound to the
// account's e-mail (signed, never sent), not to a salted key, so only DEVICE_COOKIE_SECRET's rotation ends it.
import { base64url, fromBase64url } from './random.ts';

const encoder = new TextEncoder();

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** The message signed: the device belongs to this account only (its e-mail, as sign-in compares it). */
const message = (email: string, nonce: string) => encoder.encode(`device|${email.trim().toLowerCase()}|${nonce}`);

/** A new device cookie value for the account, or null when no secret is configured. */
export async function newDevice(secret: string | undefined, email: string): Promise<string | null> {
  if (!secret) return null;
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), message(email, nonce));
  return `${nonce}.${base64url(new Uint8Array(signature))}`;
}

/** The device's nonce if `value` is a genuine device cookie of this account, else null. */
export async function deviceOf(secret: string | undefined, value: string | null | undefined, email: string): Promise<string | null> {
  if (!secret || !value) return null;
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return null;
  const [, nonce, signature] = match as unknown as [string, string, string];
  // crypto.subtle.verify compares in constant time.
  const ok = await crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), fromBase64url(signature), message(email, nonce));
  return ok ? nonce : null;
}
