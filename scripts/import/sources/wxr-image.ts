// The bytes of an image a WordPress export names: from a copied uploads folder when given (offline imports),
// else over HTTP(S) with a time limit, a size limit and a few redirects. The type is the server's to check.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileInside } from './inside-folder.ts';
import type { ImageBytes } from '../item.ts';

export interface FetchLimits { timeoutMs: number; maxBytes: number; maxRedirects: number }
export const IMAGE_LIMITS: FetchLimits = { timeoutMs: 15_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 3 };

const UPLOADS = '/wp-content/uploads/';
const sizeOf = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`);

function filenameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? 'image';
  try { return decodeURIComponent(last); } catch { return last; }
}

/** mediaDir may be the site's root copy (holding wp-content/uploads/) or the uploads folder itself. */
async function fromMediaDir(url: URL, mediaDir: string): Promise<ImageBytes> {
  const at = url.pathname.indexOf(UPLOADS);
  let rest: string;
  try { rest = decodeURIComponent(url.pathname.slice(at + UPLOADS.length)); } catch { return { ok: false, reason: `bad file name in ${url.pathname}` }; }
  for (const candidate of [join('wp-content', 'uploads', rest), rest]) {
    const real = await fileInside(mediaDir, candidate);
    if (real === null) continue;
    // A path with ../ in it must not read files outside the folder given.
    if (real === 'outside') return { ok: false, reason: `outside the media folder: ${rest}` };
    return { ok: true, bytes: new Uint8Array(await readFile(real)), filename: filenameOf(url) };
  }
  return { ok: false, reason: `not in the media folder ${mediaDir}: wp-content/uploads/${rest}` };
}

/** Reads the body up to maxBytes; null when it is longer. */
async function boundedBody(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) { await response.body?.cancel(); return null; }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) { bytes.set(c, offset); offset += c.byteLength; }
  return bytes;
}

export async function fetchImage(url: URL, limits: FetchLimits = IMAGE_LIMITS): Promise<ImageBytes> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(current, { redirect: 'manual', signal, headers: { accept: 'image/*,*/*;q=0.5' } });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (hop >= limits.maxRedirects) return { ok: false, reason: `more than ${limits.maxRedirects} redirects` };
        current = new URL(location, current);
        if (current.protocol !== 'http:' && current.protocol !== 'https:') return { ok: false, reason: `redirected to ${current.protocol} URL` };
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { ok: false, reason: `${response.status} ${response.statusText}`.trim() };
      }
      const bytes = await boundedBody(response, limits.maxBytes);
      if (!bytes) return { ok: false, reason: `larger than ${sizeOf(limits.maxBytes)}` };
      return { ok: true, bytes, filename: filenameOf(current) };
    }
  } catch (error) {
    if (signal.aborted) return { ok: false, reason: `not reachable: no answer within ${limits.timeoutMs / 1000} s` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, reason: `not reachable: ${cause?.code ?? cause?.message ?? (error as Error).message}` };
  }
}

export async function readWxrImage(source: string, mediaDir?: string, limits?: FetchLimits): Promise<ImageBytes> {
  let url: URL;
  try { url = new URL(source); } catch { return { ok: false, reason: `not a URL: ${source}` }; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `not an http(s) URL: ${source}` };
  if (mediaDir && url.pathname.includes(UPLOADS)) return fromMediaDir(url, mediaDir);
  return fetchImage(url, limits);
}
