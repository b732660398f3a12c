// A cover may only name media that exists: a key of the served shape AND an object of the same site in
// R2. Otherwise `a/../../admin/logout` would be rendered as the page's <img src> and og:image, or another
// site's image as a cover its host cannot serve.
import { invalidField } from '../articles/errors.ts';
import { mediaObjectKey } from './object-key.ts';
import { isMediaKey } from './serve.ts';

/** Whether the key names an image the site stores (one R2 head(), metadata only). */
export async function mediaExists(bucket: R2Bucket, siteId: number, key: string): Promise<boolean> {
  return isMediaKey(key) && (await bucket.head(mediaObjectKey(siteId, key))) !== null;
}

/**
 * InvalidFields on `cover.key` (422 through the API) unless the cover names stored media. A key the article already has is not
 * asked again (it was checked when it was set, and the orphan sweep keeps what articles reference).
 */
export async function assertCoverExists(bucket: R2Bucket, siteId: number, cover: { key: string } | null | undefined, currentKey?: string | null): Promise<void> {
  if (!cover || cover.key === currentKey) return;
  if (await mediaExists(bucket, siteId, cover.key)) return;
  throw invalidField('cover.key', 'No uploaded image has this key.');
}
