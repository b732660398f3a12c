// Preview links for unpublished articles: /xem-truoc/<id>-<version>-<expiry>-<HMAC>. Unguessable
// without the secret, valid for one version of the article (a later save needs a new link) and
// at most PREVIEW_TTL_MS; nothing is stored, so there is nothing to leak or clean up.

export const PREVIEW_TTL_MS = 7 * 24 * 60 * 60_000;
export const PREVIEW_PREFIX = '/xem-truoc/';

const TOKEN = /^([1-9]\d{0,9})-([1-9]\d{0,9})-([0-9a-z]{1,12})-([0-9a-f]{32})$/;
const encoder = new TextEncoder();

/**
 * The key: HMAC-SHA256 under a secret of its own (PREVIEW_SECRET), so rotating it ends every preview
 * link and nothing else; the label keeps its values apart from any other use of the same bytes.
 */
async function key(secret: string): Promise<CryptoKey> {
  if (!secret) throw new Error('No secret for preview links: set PREVIEW_SECRET (wrangler secret put PREVIEW_SECRET).');
  return crypto.subtle.importKey('raw', encoder.encode(`bientap-preview-v1\u0000${secret}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

async function mac(secret: string, id: number, version: number, expires: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await key(secret), encoder.encode(`preview\u0000${id}\u0000${version}\u0000${expires}`));
  return [...new Uint8Array(signature).subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function previewToken(secret: string, article: { id: number; version: number }, now: Date): Promise<string> {
  const expires = Math.floor((now.getTime() + PREVIEW_TTL_MS) / 1000).toString(36);
  return `${article.id}-${article.version}-${expires}-${await mac(secret, article.id, article.version, expires)}`;
}

export const previewPath = (token: string) => PREVIEW_PREFIX + token;

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The article and version a token grants a preview of, or null (malformed, forged or expired). */
export async function readPreviewToken(secret: string, token: string, now: Date): Promise<{ id: number; version: number } | null> {
  const m = TOKEN.exec(token);
  if (!m || !secret) return null;
  const [, idText, versionText, expires, given] = m as unknown as [string, string, string, string, string];
  const id = Number(idText);
  const version = Number(versionText);
  if (!sameText(await mac(secret, id, version, expires), given)) return null;
  if (Number.parseInt(expires, 36) * 1000 <= now.getTime()) return null;
  return { id, version };
}
