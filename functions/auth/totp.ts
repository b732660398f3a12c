// TOTP (RFC 6238) as every authenticator app speaks it: HMAC-SHA-1, 6 digits, 30-second steps, codes
// of the previous, current and next step accepted (clock drift). The arithmetic is the `otpauth`
// library's; this module fixes the parameters and tells which step a code belongs to, for replay checks.
import { Secret, TOTP, URI } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted on either side of the current one. */
export const TOTP_WINDOW = 1;
const ALGORITHM = 'SHA1';

/** A new shared secret: 160 random bits (RFC 4226's recommended length), as base32 for the apps. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The 30-second step an instant falls in (T in RFC 6238). */
export function totpStep(now: Date): number {
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: now.getTime() });
}

/** The code for the step `now` falls in (digits: 8 only for the RFC's test vectors). */
export function totpCode(base32: string, now: Date, digits = TOTP_DIGITS): string {
  return TOTP.generate({ secret: Secret.fromBase32(base32), algorithm: ALGORITHM, digits, period: TOTP_PERIOD_SECONDS, timestamp: now.getTime() });
}

/** The step of the matching code within the window around `now`, or null if the code matches none. */
export function matchTotp(base32: string, code: string, now: Date, digits = TOTP_DIGITS): number | null {
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return null;
  const delta = TOTP.validate({
    token: code, secret: Secret.fromBase32(base32), algorithm: ALGORITHM, digits,
    period: TOTP_PERIOD_SECONDS, timestamp: now.getTime(), window: TOTP_WINDOW,
  });
  return delta === null ? null : totpStep(now) + delta;
}

/** The otpauth:// URI authenticator apps import (the QR code carries it). */
export function totpUri(base32: string, issuer: string, account: string): string {
  return URI.stringify(new TOTP({ issuer, label: account, secret: base32, algorithm: ALGORITHM, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS }));
}

/** What a person typed, without spaces (apps show "123 456"). */
export const normalizeCode = (typed: string) => typed.replace(/[\s-]/g, '');
