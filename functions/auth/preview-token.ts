// Preview links for unpublished articles: /xem-truoc/<site>-<id>-<version>-<expiry>-<HMAC>, opened on
// the site's own host. Unguessable without the secret, valid for one article of one site (the link names
// the site, and another site's host answers 404), for one version of it (a later save needs a new link)
// and at most PREVIEW_TTL_MS; nothing is stored, so there is nothing to leak or clean up. Links made
// before sites existed (<id>-<version>-<expiry>-<HMAC>) are the first site's, and keep working until
// they expire.

export const PREVIEW_TTL_MS = 7 * 24 * 60 * 60_000;
export const PREVIEW_PREFIX = '/xem-truoc/';

const TOKEN = /^(?:([1-9]\d{0,9})-)?([1-9]\d{0,9})-([1-9]\d{0,9})-([0-9a-z]{1,12})-([0-9a-f]{32})$/;
/** The site of a link made before sites existed: the one-site deployment became the first site. */
const FIRST_SITE_ID = 1;
const encoder = new TextEncoder();

/** What a preview link grants: one version of one article of one site. */
export interface PreviewGrant {
  siteId: number;
  id: number;
  version: number;
}

/**
 * The key: HMAC-SHA256 under a secret of its own (PREVIEW_SECRET), so rotating it ends every preview
 * link and nothing else; the label keeps its values apart from any other use of the same bytes.
 */
async function key(secret: string): Promise<CryptoKey> {
  if (!secret) throw new Error('No secret for preview links: set PREVIEW_SECRET (wrangler secret put PREVIEW_SECRET).');
  return crypto.subtle.importKey('raw', encoder.encode(`bientap-preview-v1\u0000${secret}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** The signature; `siteId` null: a link of the one-site format, which signed no site. */
async function mac(secret: string, siteId: number | null, id: number, version: number, expires: string): Promise<string> {
  const message = siteId === null ? `preview\u0000${id}\u0000${version}\u0000${expires}` : `preview-site\u0000${siteId}\u0000${id}\u0000${version}\u0000${expires}`;
  const signature = await crypto.subtle.sign('HMAC', await key(secret), encoder.encode(message));
  return [...new Uint8Array(signature).subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function previewToken(secret: string, siteId: number, article: { id: number; version: number }, now: Date): Promise<string> {
  const expires = Math.floor((now.getTime() + PREVIEW_TTL_MS) / 1000).toString(36);
  return `${siteId}-${article.id}-${article.version}-${expires}-${await mac(secret, siteId, article.id, article.version, expires)}`;
}

export const previewPath = (token: string) => PREVIEW_PREFIX + token;

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The site, article and version a token grants a preview of, or null (malformed, forged or expired). */
export async function readPreviewToken(secret: string, token: string, now: Date): Promise<PreviewGrant | null> {
  const m = TOKEN.exec(token);
  if (!m || !secret) return null;
  const [, siteText, idText, versionText, expires, given] = m as unknown as [string, string | undefined, string, string, string, string];
  const signedSite = siteText === undefined ? null : Number(siteText);
  const id = Number(idText);
  const version = Number(versionText);
  if (!sameText(await mac(secret, signedSite, id, version, expires), given)) return null;
  if (Number.parseInt(expires, 36) * 1000 <= now.getTime()) return null;
  return { siteId: signedSite ?? FIRST_SITE_ID, id, version };
}
