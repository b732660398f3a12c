// Encryption at rest for small secrets (the TOTP shared secrets, webhook signing secrets): AES-256-GCM
// with a key derived by HKDF from the TOTP_ENCRYPTION_KEY secret binding, the owner as associated data
// (a sealed value copied onto another account or site does not open), stored as
// "v1.<iv base64url>.<ciphertext base64url>".
import { base64url, fromBase64url } from './random.ts';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();


/** The secret binding is set and long enough to derive a key from; callers check this first (second-factor.ts). */
export function keyUsable(secret: string | undefined): secret is string {
  return !!secret && secret.length >= 16;
}

/** Thrown rather than sealing or opening without a real key: a value is never stored in clear. */
export class EncryptionKeyMissing extends Error {
  constructor() {
    super('TOTP_ENCRYPTION_KEY is missing or shorter than 16 characters');
    this.name = 'EncryptionKeyMissing';
  }
}

function aesKey(secret: string | undefined): Promise<CryptoKey> {
  // A missing secret must fail loudly: encrypting under an empty key would look like protection.
  if (!keyUsable(secret)) throw new EncryptionKeyMissing();
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey'])
      .then((material) => crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode('bientap-cms totp secret v1') },
        material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'],
      ));
    keys.set(secret, key);
  }
  return key;
}

/** A user's id (TOTP secrets), or a name of another owner ("webhook-site:3"). */
export type Owner = number | string;

const ownerData = (owner: Owner) => encoder.encode(typeof owner === 'number' ? `user:${owner}` : owner);

export async function seal(secret: string | undefined, owner: Owner, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: ownerData(owner) }, await aesKey(secret), encoder.encode(plaintext),
  );
  return `v1.${base64url(iv)}.${base64url(new Uint8Array(data))}`;
}

/** The plaintext, or null when the value is malformed, was sealed for another owner or under another key. */
export async function open(secret: string | undefined, owner: Owner, sealed: string): Promise<string | null> {
  const [version, iv, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !data) return null;
  const key = await aesKey(secret);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64url(iv), additionalData: ownerData(owner) }, key, fromBase64url(data),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
