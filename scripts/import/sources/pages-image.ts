// Image bytes for the pages source: a file name from the URL, a cheap check that catches the classic
// legacy-site failure (an error page saved or served under the photo's name), and the HTTP last resort.
import type { ImageBytes } from '../item.ts';
import { fetchImage as fetchOverHttp } from './wxr-image.ts';

const IMAGE_NAME = /\.(?:jpe?g|png|gif|webp|avif|bmp|svg)$/i;

/** A file name for the upload: the last path segment that looks like an image file, else the last one. */
export function imageFilename(url: string): string {
  let segments: string[] = [];
  try {
    segments = new URL(url).pathname.split('/').filter((s) => s !== '').map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  } catch {
    segments = [];
  }
  return segments.findLast((s) => IMAGE_NAME.test(s)) ?? segments.at(-1) ?? 'image';
}

const decoder = new TextDecoder('utf-8');

/** The bytes as an image answer, or why they are not one (empty, an HTML page). */
export function imageBytes(bytes: Uint8Array, url: string): ImageBytes {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const head = decoder.decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<') && head.includes('<body'))) {
    return { ok: false, reason: 'not an image: the file holds an HTML page' };
  }
  return { ok: true, bytes, filename: imageFilename(url) };
}

/** The last resort for an image the folder or WARC lacks: the old site itself, if it still answers (15 s, 10 MB). */
export async function fetchImage(url: string): Promise<ImageBytes> {
  if (!/^https?:/i.test(url)) return { ok: false, reason: 'not in the folder or archive' };
  const fetched = await fetchOverHttp(new URL(url));
  if (!fetched.ok) return { ok: false, reason: `not in the folder or archive; the old site: ${fetched.reason}` };
  return imageBytes(fetched.bytes, url);
}
