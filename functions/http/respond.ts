// Responses for reads: one place that sets ETag, 304, Cache-Control and CORS for every GET.
import { CORS_READ_HEADERS } from './cors.ts';
import { noneMatch, strongEtag } from './etag.ts';

/** Public reads may sit in shared caches briefly; browsers revalidate cheaply with the ETag. */
export const PUBLIC_CACHE = 'public, max-age=60, must-revalidate';
/** Anything shown only to credentials, and every write response. */
export const PRIVATE_CACHE = 'private, no-store';

export interface ReadOptions {
  contentType?: string;
  cacheControl?: string;
  headers?: Record<string, string>;
  status?: number;
  /**
   * Hash this instead of the body: for representations that carry a live counter (an article's
   * views), so the counter neither defeats revalidation nor breaks If-Match for writers.
   */
  etagSource?: string;
}

/** Sends a representation with a strong ETag, answering 304 when the client already has it. */
export async function sendRead(request: Request, body: string, options: ReadOptions = {}): Promise<Response> {
  const etag = await strongEtag(options.etagSource ?? body);
  const headers: Record<string, string> = {
    'Content-Type': options.contentType ?? 'application/json; charset=utf-8',
    'Cache-Control': options.cacheControl ?? PUBLIC_CACHE,
    ETag: etag,
    Vary: 'Authorization, Accept-Encoding',
    // Set here rather than by the security-header step, which would otherwise wrap every read again.
    'X-Content-Type-Options': 'nosniff',
    ...CORS_READ_HEADERS,
    ...options.headers,
  };
  if (noneMatch(request, etag)) {
    delete headers['Content-Type'];
    return new Response(null, { status: 304, headers });
  }
  return new Response(request.method === 'HEAD' ? null : body, { status: options.status ?? 200, headers });
}

export function sendJson(request: Request, value: unknown, options: ReadOptions = {}): Promise<Response> {
  return sendRead(request, JSON.stringify(value), options);
}

/** Write results: never cached, no CORS (cross-origin writes stay closed). */
export function sendWrite(value: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(value === null ? null : JSON.stringify(value), {
    status,
    headers: {
      ...(value === null ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      'Cache-Control': PRIVATE_CACHE,
      ...headers,
    },
  });
}
