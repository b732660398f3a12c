// Where a site's uploads live in the one R2 bucket: the platform's first site keeps the keys of the
// one-site deployment it was ("2026/11/<file>", so nothing moves on upgrade), every other site has its
// own prefix ("sites/<id>/2026/11/<file>"). URLs never show it: /media/<key> on the site's own host.
import { isMediaKey } from './serve.ts';

/** The site whose objects carry no prefix (functions/cache/generation.ts keeps its object names the same way). */
const FIRST_SITE_ID = 1;
const PREFIX = /^sites\/([1-9]\d{0,9})\/(.*)$/s;

/** The R2 object key of a site's media key. */
export const mediaObjectKey = (siteId: number, key: string): string => (siteId === FIRST_SITE_ID ? key : `sites/${siteId}/${key}`);

/** The site and media key an R2 object key stands for, or null for anything an upload did not make. */
export function mediaOfObject(objectKey: string): { siteId: number; key: string } | null {
  const prefixed = PREFIX.exec(objectKey);
  const siteId = prefixed ? Number(prefixed[1]) : FIRST_SITE_ID;
  const key = prefixed ? prefixed[2]! : objectKey;
  // A prefixed key of the first site would be a second name for its objects: not one we make.
  if (prefixed && siteId === FIRST_SITE_ID) return null;
  return isMediaKey(key) ? { siteId, key } : null;
}
