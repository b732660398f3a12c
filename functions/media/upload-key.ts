// The key of a new upload, apart from upload.ts (which loads the codecs) so the seed can name its
// photos the same way in Node.
import { vietnamDay } from '../content/dates.ts';
import type { ImageInfo } from './sniff.ts';

/** The object key: Vietnam year/month, 128 random bits, the extension of the real type. */
export function mediaKey(image: Pick<ImageInfo, 'ext'>, now: Date): string {
  const [year, month] = vietnamDay(now).split('-');
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const random = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${year}/${month}/${random}.${image.ext}`;
}
