// Smaller copies of an uploaded photo, made once at upload (never per request): WebP at a few widths,
// stored next to the original under keys derived from its key ("<key>.w640.webp"), served by the same
// /media route with the same immutable headers, listed in the original's metadata and in a gallery's
// rows so pages can write srcset without asking R2.
import { decodeImage, webpEncoder, type DecodableFormat } from './codecs.ts';
import { copyWidthsFor } from './copy-keys.ts';
import { downscale } from './downscale.ts';

/** Emscripten throws its exit status objects, not Errors. */
const describe = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'object' && error !== null ? JSON.stringify(error) : String(error);

export interface CopyTarget {
  bucket: R2Bucket;
  /** The R2 object key of a copy of the given width (the site's prefix applied). */
  objectKey: (width: number) => string;
  uploadedAt: string;
}

/**
 * Makes and stores the copies; returns their widths. A picture the codec cannot decode (corrupt past
 * its header, an unsupported variant) gets no copies: the original is still kept, and it is logged.
 */
export async function makeCopies(target: CopyTarget, format: DecodableFormat, bytes: ArrayBuffer, size: { width: number; height: number }): Promise<number[]> {
  const widths = copyWidthsFor(size.width);
  if (widths.length === 0) return [];
  const made: number[] = [];
  try {
    const pixels = await decodeImage(format, bytes);
    const encodeWebp = await webpEncoder();
    // Largest first; each copy is made from the full picture (one area-average pass each).
    for (const width of [...widths].reverse()) {
      const height = Math.max(1, Math.round((pixels.height * width) / pixels.width));
      const webp = encodeWebp(downscale(pixels, width, height));
      await target.bucket.put(target.objectKey(width), webp, {
        httpMetadata: { contentType: 'image/webp', cacheControl: 'public, max-age=31536000, immutable' },
        customMetadata: { width: String(width), height: String(height), uploadedAt: target.uploadedAt },
      });
      made.push(width);
    }
  } catch (error) {
    // Not R2's failures alone: a codec's (a corrupt body behind a good header) keeps the upload without copies.
    console.warn(`media: ${made.length === 0 ? 'no' : 'only some'} copies of a ${format} upload (${size.width}x${size.height}): ${describe(error)}`);
  }
  return made.sort((a, b) => a - b);
}

