// Password hashing: PBKDF2-SHA256 with a per-user salt. The stored string records its parameters
// ("pbkdf2-sha256$<iterations>$<salt>$<hash>") so the cost can be raised later and old hashes upgraded.

/** Cloudflare Workers refuse more than 100,000 PBKDF2 iterations per call in production. */
export const PBKDF2_MAX_ITERATIONS = 100_000;
export const PBKDF2_ITERATIONS = PBKDF2_MAX_ITERATIONS;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

const encoder = new TextEncoder();

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  if (iterations > PBKDF2_MAX_ITERATIONS) throw new Error(`PBKDF2 iterations above the Workers limit (${PBKDF2_MAX_ITERATIONS})`);
  const key = await crypto.subtle.importKey('raw', encoder.encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${iterations}$${b64(salt)}$${b64(await derive(password, salt, iterations))}`;
}

/** Constant-time comparison of two byte strings of equal length. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export interface Verification {
  ok: boolean;
  /** True when the hash was made with weaker parameters than today's: store a fresh one. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<Verification> {
  const [scheme, iterText, saltText, hashText] = stored.split('$');
  const iterations = Number(iterText);
  if (scheme !== 'pbkdf2-sha256' || !Number.isInteger(iterations) || !saltText || !hashText) return { ok: false, needsRehash: false };
  const ok = sameBytes(await derive(password, unb64(saltText), iterations), unb64(hashText));
  return { ok, needsRehash: ok && iterations < PBKDF2_ITERATIONS };
}

/**
 * Well-known passwords refused outright (NIST SP 800-63B: check against commonly used values;
 * no composition rules). A short list of the most used, plus Vietnamese favourites.
 */
const COMMON = new Set([
  '12345678', '123456789', '1234567890', 'password', 'password1', 'password123', 'qwertyui', 'qwerty123',
  '11111111', '00000000', '88888888', '66666666', '12341234', '87654321', 'iloveyou', 'abc12345', 'abcd1234',
  'admin123', 'administrator', 'welcome1', 'matkhau', 'matkhau123', 'matkhau1', 'anhyeuem', 'emyeuanh',
  'vietnam1', 'vietnam123', 'hanoi123', 'saigon123', 'changeme', 'letmein1', 'football', 'baseball', 'sunshine',
  'princess', 'dragon12', 'monkey12', 'trustno1', '1q2w3e4r', '1qaz2wsx', 'zaq12wsx', 'passw0rd', 'p@ssw0rd',
  'qwertyuiop', 'asdfghjk', 'zxcvbnm1', '123123123', '147258369', '159753456', 'a1234567', 'aa123456',
]);

/** Why a new password is refused, in Vietnamese for the form, or null when it is acceptable. */
export function passwordProblem(password: string, email = ''): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  if (length > MAX_PASSWORD_LENGTH) return `Mật khẩu dài tối đa ${MAX_PASSWORD_LENGTH} ký tự.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.';
  const local = email.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'Mật khẩu không được chứa tên đăng nhập.';
  return null;
}
