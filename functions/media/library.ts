// The media library's rules: every image a site stores is one item. storeAndRegister is the upload
// door the admin's forms use (cover, gallery, logo, body photo, the library's own form): the checks of
// upload.ts, then the row. Alt text is required where an item is made for the body (libraryUpload).
import { database } from '../data/db.ts';
import { mediaByKey, registerMedia, type MediaRow } from '../data/media-library.ts';
import { formatWidths, parseWidths } from './copy-keys.ts';
import { mediaObjectKey } from './object-key.ts';
import { storeImage, type StoredImage, type UploadProblem } from './upload.ts';

/** As the gallery's (functions/articles/gallery.ts): a short description, a sentence or two of caption. */
export const MEDIA_ALT_MAX = 250;
export const MEDIA_CAPTION_MAX = 500;

/** "user:7" -> 7; tokens and the cron are not users. */
const userIdOf = (uploadedBy: string): number | null => {
  const m = /^user:(\d+)$/.exec(uploadedBy);
  return m ? Number(m[1]) : null;
};

export interface LibraryText {
  alt?: string;
  caption?: string;
  /** Where an import took the image from (functions/import/media.ts). */
  sourceUrl?: string;
}

/** Stores the upload (upload.ts's checks) and registers it in the site's library; refusals as storeImage's. */
export async function storeAndRegister(env: { DB: D1Database; MEDIA: R2Bucket }, siteId: number, file: Blob & { name?: string }, uploadedBy: string, now: Date, text: LibraryText = {}): Promise<StoredImage & { item?: MediaRow }> {
  const stored = await storeImage(env.MEDIA, siteId, file, uploadedBy, now);
  if (!stored.ok) return stored;
  const item = await registerMedia(database(env.DB), siteId, {
    key: stored.key, contentType: stored.image.mime, bytes: file.size, width: stored.image.width, height: stored.image.height,
    widths: formatWidths(stored.widths), filename: file.name ?? '', alt: text.alt ?? '', caption: text.caption ?? '',
    sourceUrl: text.sourceUrl ?? null, createdBy: userIdOf(uploadedBy), createdAt: now,
  });
  return { ...stored, item };
}

export type TextProblem = 'alt-required' | 'alt-too-long' | 'caption-too-long';

/** What a library item's text must be: alt text present and short, a caption of bounded length. */
export function textProblem(alt: string, caption: string): TextProblem | null {
  if (alt === '') return 'alt-required';
  if (alt.length > MEDIA_ALT_MAX) return 'alt-too-long';
  if (caption.length > MEDIA_CAPTION_MAX) return 'caption-too-long';
  return null;
}

export type LibraryUpload =
  | { ok: true; item: MediaRow; tooLargeForCopies: boolean }
  | { ok: false; problem: TextProblem | UploadProblem | 'no-file'; message?: string };

/** A photo for the body or the library: alt required (checked before anything is stored), then stored and registered. */
export async function libraryUpload(env: { DB: D1Database; MEDIA: R2Bucket }, siteId: number, file: File | null, text: { alt: string; caption: string }, uploadedBy: string, now: Date): Promise<LibraryUpload> {
  if (!file) return { ok: false, problem: 'no-file' };
  const alt = text.alt.normalize('NFC').trim();
  const caption = text.caption.normalize('NFC').trim();
  const refused = textProblem(alt, caption);
  if (refused) return { ok: false, problem: refused };
  const stored = await storeAndRegister(env, siteId, file, uploadedBy, now, { alt, caption });
  if (!stored.ok) return { ok: false, problem: stored.problem, message: stored.message };
  return { ok: true, item: stored.item!, tooLargeForCopies: stored.tooLargeForCopies };
}

/**
 * Registers an object already stored (a cover once its article is saved): from R2's metadata, with the
 * text the content gives it. Nothing happens if the key is registered already or no such object exists.
 */
export async function registerKey(env: { DB: D1Database; MEDIA: R2Bucket }, siteId: number, key: string, text: LibraryText, uploadedBy: string, now: Date): Promise<void> {
  const db = database(env.DB);
  if (await mediaByKey(db, siteId, key)) return;
  const object = await env.MEDIA.head(mediaObjectKey(siteId, key));
  if (!object) return;
  await registerMedia(db, siteId, {
    ...fieldsOfObject(object, key), alt: text.alt ?? '', caption: text.caption ?? '',
    createdBy: userIdOf(uploadedBy), createdAt: now,
  });
}

/** What R2 knows of a stored original: type, size, the pixel size and copies upload.ts wrote in its metadata. */
export function fieldsOfObject(object: R2Object, key: string) {
  const meta = object.customMetadata ?? {};
  const size = (name: string) => (Number.isInteger(Number(meta[name])) && Number(meta[name]) > 0 ? Number(meta[name]) : null);
  return {
    key, contentType: object.httpMetadata?.contentType ?? 'application/octet-stream', bytes: object.size, width: size('width'), height: size('height'),
    widths: formatWidths(parseWidths(meta['widths'])), filename: key.split('/').at(-1) ?? '',
  };
}
