// A cover may only name media that exists: a key of the served shape AND an object in R2. Otherwise
// `a/../../admin/logout` would be rendered as the page's <img src> and og:image.
import { HttpError } from '../http/problem.ts';
import { isMediaKey } from './serve.ts';

/** Whether the key names an image we store (one R2 head(), metadata only). */
export async function mediaExists(bucket: R2Bucket, key: string): Promise<boolean> {
  return isMediaKey(key) && (await bucket.head(key)) !== null;
}

/**
 * 422 on `cover.key` unless the cover names stored media. A key the article already has is not
 * asked again (it was checked when it was set, and the orphan sweep keeps what articles reference).
 */
export async function assertCoverExists(bucket: R2Bucket, cover: { key: string } | null | undefined, currentKey?: string | null): Promise<void> {
  if (!cover || cover.key === currentKey) return;
  if (await mediaExists(bucket, cover.key)) return;
  const message = 'No uploaded image has this key.';
  throw new HttpError(422, 'validation-failed', `Invalid body: cover.key: ${message}`, { errors: [{ field: 'cover.key', message }] });
}
