// GET /media/{year}/{month}/{file}: the host's site's uploaded images from R2 (another site's objects are
// not found there: each site's live under its own prefix, see object-key.ts). Keys never change content
// (a new upload gets a new key), so browsers and CDNs may keep them for a year; the type is the one
// sniffed at upload.
import { siteOf } from '../http/origin.ts';
import type { Handler } from '../http/request.ts';
import { notFound } from '../http/problem.ts';
import { mediaObjectKey } from './object-key.ts';

export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const YEAR = /^\d{4}$/;
const MONTH = /^\d{2}$/;
const FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$/;

/** Every key mediaKeyOf can produce, as one pattern (for the API's schema and its documentation). */
export const MEDIA_KEY = /^(?!.*\.\.)\d{4}\/\d{2}\/[A-Za-z0-9][A-Za-z0-9._-]{0,150}$/;

/** Whether a string has the shape of a key that /media can serve (year/month/file, no path tricks). */
export const isMediaKey = (key: string) => MEDIA_KEY.test(key);

/** The R2 key of a /media path, or null if the path could never name one. */
export function mediaKeyOf(params: Record<string, string | undefined>): string | null {
  const { year = '', month = '', file = '' } = params;
  return YEAR.test(year) && MONTH.test(month) && FILE.test(file) && !file.includes('..') ? `${year}/${month}/${file}` : null;
}

function headersOf(object: R2Object): Headers {
  const headers = new Headers({
    // Never guessed from the name: set from the sniffed type when stored.
    'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
    'Cache-Control': MEDIA_CACHE_CONTROL,
    ETag: object.httpEtag,
    'Last-Modified': object.uploaded.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
    // An image opened on its own must not become a document that runs anything.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  const width = object.customMetadata?.['width'];
  const height = object.customMetadata?.['height'];
  if (width && height) headers.set('X-Image-Size', `${width}x${height}`);
  return headers;
}

export const serveMedia: Handler = async (request, env) => {
  const key = mediaKeyOf(request.params);
  if (!key) throw notFound('No such image.');
  // R2 answers If-None-Match / If-Modified-Since itself (an object without a body). Only those two
  // are passed on: a failed If-Match would come back the same way and must not turn into a 304.
  const conditions = new Headers();
  for (const name of ['If-None-Match', 'If-Modified-Since']) {
    const value = request.headers.get(name);
    if (value) conditions.set(name, value);
  }
  const objectKey = mediaObjectKey(siteOf(request, env).id, key);
  const object = request.method === 'HEAD' ? await env.MEDIA.head(objectKey) : await env.MEDIA.get(objectKey, { onlyIf: conditions });
  if (!object) throw notFound('No such image.');
  const headers = headersOf(object);
  if (request.method === 'HEAD') {
    headers.set('Content-Length', String(object.size));
    return new Response(null, { status: 200, headers });
  }
  if (!('body' in object)) return new Response(null, { status: 304, headers });
  headers.set('Content-Length', String(object.size));
  return new Response((object as R2ObjectBody).body, { status: 200, headers });
};
