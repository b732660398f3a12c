// Sizes of uploaded images: the upload step records width and height as R2 custom metadata, so a page
// can give <img> its width/height (no layout shift) with one metadata read, no image bytes.
import { env } from 'cloudflare:workers';
import { parseWidths } from '../../functions/media/copy-keys.ts';
import { mediaObjectKey } from '../../functions/media/object-key.ts';

export interface ImageSize {
  width: number;
  height: number;
  /** The widths of its resized copies (functions/media/copies.ts), for srcset; empty for none. */
  widths: number[];
}

const dimension = (raw: string | undefined) => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 && n <= 20_000 ? n : null;
};

/** The stored size of a site's image, or null when unknown (older uploads, missing object, R2 unavailable). */
export async function imageSize(siteId: number, key: string): Promise<ImageSize | null> {
  try {
    const object = await env.MEDIA.head(mediaObjectKey(siteId, key));
    const width = dimension(object?.customMetadata?.['width']);
    const height = dimension(object?.customMetadata?.['height']);
    return width && height ? { width, height, widths: parseWidths(object?.customMetadata?.['widths']) } : null;
  } catch (error) {
    console.error('image size unavailable:', error);
    return null;
  }
}
