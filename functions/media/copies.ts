// Smaller copies of an uploaded photo, made once at upload (never per request): WebP at a few widths,
// stored next to the original under keys derived from its key ("<key>.w640.webp"), served by the same
// /media route with the same immutable headers, listed in the original's metadata and in a gallery's
// rows so pages can write srcset without asking R2.
import { decodeImage, encodeWebp, type DecodableFormat } from './codecs.ts';
import { downscale } from './downscale.ts';

/** Phones (320-640 CSS px at 1-2x) and the article column (up to 1024). The original is the largest size. */
export const COPY_WIDTHS = [320, 640, 1024] as const;

/**
 * Copies are made of pictures up to this many pixels. Measured with these codecs (README, "Ảnh"):
 * decoding a JPEG takes its Emscripten heap to about 2.3x the RGBA size plus the RGBA copy handed back,
 * 80 MB for 3000 x 2000 and 161 MB for 4000 x 3000, past a Worker's 128 MB. Bigger uploads of the
 * decodable formats are refused with a message to shrink them.
 */
export const MAX_COPY_PIXELS = 6_000_000;

/** The uploads copies are made of (AVIF and GIF are kept as uploaded: no decoder for them here). */
export const DECODABLE_FORMATS: readonly string[] = ['jpeg', 'png', 'webp'] satisfies DecodableFormat[];

const COPY_SUFFIX = /\.w(\d{1,5})\.webp$/;

/** The key of the copy of `key` at `width` px. */
export const copyKey = (key: string, width: number): string => `${key}.w${width}.webp`;

/** The key of the original a copy was made from, or the key itself for an original. */
export const originalKeyOf = (key: string): string => key.replace(COPY_SUFFIX, '');

/** The copy widths an original of this width gets: only those narrower than it. */
export const copyWidthsFor = (width: number): number[] => COPY_WIDTHS.filter((w) => w < width);

/** "320,640" as stored in R2 metadata and article_images.widths; parsed back leniently. */
export const formatWidths = (widths: readonly number[]): string => widths.join(',');
export const parseWidths = (text: string | null | undefined): number[] =>
  (text ?? '').split(',').map(Number).filter((w) => Number.isInteger(w) && w > 0);

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
    // Largest first; each copy is made from the full picture (one area-average pass each).
    for (const width of [...widths].reverse()) {
      const height = Math.max(1, Math.round((pixels.height * width) / pixels.width));
      const webp = await encodeWebp(downscale(pixels, width, height));
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

/**
 * The srcset of an image: its copies, then the original at its own width (browsers pick by the
 * rendered width and the screen's density). Empty when there are no copies: src alone says it all.
 */
export function srcsetOf(key: string, width: number | null | undefined, widths: readonly number[]): string {
  if (widths.length === 0 || !width) return '';
  return [...widths.map((w) => `/media/${copyKey(key, w)} ${w}w`), `/media/${key} ${width}w`].join(', ');
}
