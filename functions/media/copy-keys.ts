// The names and sizes of the resized copies of uploads (copies.ts makes them): which widths, the key of
// each copy ("<key>.w640.webp"), the original of a copy, the srcset pages write. No codec here, so pages,
// the sweep and the seed (in Node) can use it.
import type { DecodableFormat } from './codecs.ts';

/** Phones (320-640 CSS px at 1-2x) and the article column (up to 1024). The original is the largest size. */
export const COPY_WIDTHS = [320, 640, 1024] as const;

/**
 * Copies are made of pictures up to this many pixels. Measured with the codecs of codecs.ts (README, "Ảnh"):
 * decoding a JPEG takes its Emscripten heap to about 2.3x the RGBA size plus the RGBA copy handed back,
 * 80 MB for 3000 x 2000 and 161 MB for 4000 x 3000, past a Worker's 128 MB. Bigger uploads are kept as
 * uploaded without copies (decided from the header's size, never decoded); the admin's upload script
 * (site/public/admin/shrink-photos.js) shrinks them in the browser first, so this is the no-JavaScript path.
 */
export const MAX_COPY_PIXELS = 6_000_000;

/** Whether an image of this size is too large to decode for copies in a Worker (kept without them). */
export const overCopyLimit = (size: { width: number | null; height: number | null }): boolean =>
  (size.width ?? 0) * (size.height ?? 0) > MAX_COPY_PIXELS;

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

/**
 * The srcset of an image: its copies, then the original at its own width (browsers pick by the
 * rendered width and the screen's density). Empty when there are no copies: src alone says it all.
 * `origin` makes the URLs absolute (the API).
 */
export function srcsetOf(key: string, width: number | null | undefined, widths: readonly number[], origin = ''): string {
  if (widths.length === 0 || !width) return '';
  return [...widths.map((w) => `${origin}/media/${copyKey(key, w)} ${w}w`), `${origin}/media/${key} ${width}w`].join(', ');
}
