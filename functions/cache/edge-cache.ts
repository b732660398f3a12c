// The edge cache for anonymous reads (Cache API, per location). Keys carry the site's content generation,
// so a write on a site makes every older entry of that site unreachable at once, everywhere, and leaves
// other sites' entries alone; a province's pages that show its communes' news (sites/rollup.ts) also
// carry its roll-up generation, which its communes' writes move. Entries also expire before the next
// scheduled publication, and carry the Vietnam day (documents' statuses change at midnight without a
// write). Browsers still get the handler's own Cache-Control and ETag / 304.
import { vietnamDay } from '../content/dates.ts';
import { pathOf } from '../http/canonical-path.ts';
import { siteOf } from '../http/origin.ts';
import { showsChildren } from '../sites/rollup.ts';
import type { Site } from '../sites/resolve.ts';
import type { Version } from './content-version.ts';
import { readVersion } from './generation.ts';
import { noneMatch } from '../http/etag.ts';

/** How long an entry may live at most; the generation, not this, is what keeps it fresh. */
export const EDGE_TTL_SECONDS = 300;
const CLIENT_CACHE_CONTROL = 'X-Client-Cache-Control';
/** When a stored entry expires (ms), so the memory tier can keep it no longer than the Cache API. */
const EXPIRES = 'X-Edge-Expires';
/** The editors' session cookie (admin): its holders never share cached answers. */
export const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?bt_session=/;

type Compute = () => Promise<Response>;

/**
 * A small first tier in the isolate's memory, in front of the Cache API: same keys (generation and
 * deploy included), same expiry, so it can be no staler than the Cache API; it only saves the lookup.
 * It keeps the client's view ready (headers already as the client gets them), so a hit builds one
 * Response from the stored bytes and nothing else.
 */
interface Remembered {
  status: number;
  /** The client's headers: its own Cache-Control back, our internal ones gone. */
  headers: [string, string][];
  etag: string | null;
  body: ArrayBuffer;
  expires: number;
}
const memory = new Map<string, Remembered>();
const MEMORY_ENTRIES = 256;
const MEMORY_ENTRY_BYTES = 256 * 1024;

function remember(key: string, entry: Remembered): void {
  if (entry.body.byteLength > MEMORY_ENTRY_BYTES) return;
  memory.delete(key);
  memory.set(key, entry);
  // Map keeps insertion order: the first key is the least recently stored.
  while (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
}

function recalled(key: string, now: number): Remembered | null {
  const entry = memory.get(key);
  if (!entry) return null;
  if (entry.expires <= now) {
    memory.delete(key);
    return null;
  }
  return entry;
}

/** What the client gets of a stored answer: its own Cache-Control back, our internal headers removed. */
function remembered(stored: Headers, status: number, body: ArrayBuffer, expires: number): Remembered {
  const headers = new Headers(stored);
  headers.set('Cache-Control', headers.get(CLIENT_CACHE_CONTROL) ?? 'no-cache');
  headers.delete(CLIENT_CACHE_CONTROL);
  headers.delete(EXPIRES);
  return { status, headers: [...headers], etag: headers.get('ETag'), body, expires };
}

/** Whether this answer shows the site's communes' news: only then does its key carry the roll-up. */
const rollsUp = (site: Site, url: string) => site.childIds.length > 0 && showsChildren(pathOf(url).path);

/**
 * The deployed version is part of the key too: a deploy (new pages, new code) starts afresh. So is the
 * host asked for (only served hosts get here, see sites/resolve.ts): an answer is stored per host, so
 * no answer made for one host can ever be handed to a request for another, in either tier. The
 * request's URL is already normalised by the runtime (scheme and host lowercased, default port gone).
 * The site's generation (and, for a province's roll-up pages, its roll-up generation) make a write on
 * one site reach exactly the keys of that site and of its province's roll-up.
 */
function cacheKey(request: Request, env: Env, siteId: number, version: Version & { replica: number }, rollup: boolean, now: number): string {
  // The Vietnam day too: documents' legal status (functions/documents/status.ts) changes at Vietnam
  // midnight with no write, so no entry made on one day is served on the next.
  const generations = `s${siteId}-r${version.replica}-g${version.generation}${rollup ? `-u${version.rollup}` : ''}-d${vietnamDay(new Date(now))}`;
  return `https://edge-cache.internal/${env.CF_VERSION_METADATA.id}/${generations}/${request.url.replace('://', '/')}`;
}

/** Seconds an entry may live: never past the next publication it would hide (the site's, or a commune's on a roll-up). */
function ttlOf(version: Version, rollup: boolean, now: number): number {
  const next = [version.nextScheduledAt, rollup ? version.rollupNextScheduledAt : null].filter((t): t is number => t !== null);
  return next.length ? Math.min(EDGE_TTL_SECONDS, Math.floor((Math.min(...next) - now) / 1000)) : EDGE_TTL_SECONDS;
}

/** One Response for the client from a remembered answer: 304 when it has it already. */
function toClient(request: Request, entry: Remembered): Response {
  if (entry.etag && noneMatch(request, entry.etag)) {
    return new Response(null, { status: 304, headers: entry.headers.filter(([name]) => name !== 'content-type' && name !== 'content-length') });
  }
  return new Response(request.method === 'HEAD' ? null : entry.body, { status: entry.status, headers: entry.headers });
}

/** `now` is the request's time (ms); tests pass their own to check expiry without waiting. */
export async function edgeCached(request: Request, env: Env, compute: Compute, now = Date.now()): Promise<Response> {
  // Anything personal bypasses the shared cache entirely: API tokens and editors' sessions (other
  // cookies, such as a reader's analytics cookie, do not change what a reader page shows).
  if ((request.method !== 'GET' && request.method !== 'HEAD') || request.headers.has('Authorization') || SESSION_COOKIE.test(request.headers.get('Cookie') ?? '')) {
    return compute();
  }
  const site = siteOf(request, env);
  let version: Awaited<ReturnType<typeof readVersion>>;
  try {
    version = await readVersion(env, site.id, request.headers.get('CF-Connecting-IP') ?? '', now);
  } catch (error) {
    // Without the generation no entry can be known fresh: answer uncached rather than fail the read
    // (a broken ContentVersion object must not take every page, feed and API read down with it).
    console.error('content generation unavailable, serving uncached:', error);
    return compute();
  }
  const rollup = rollsUp(site, request.url);
  const key = cacheKey(request, env, site.id, version, rollup, now);
  const inMemory = recalled(key, now);
  if (inMemory) return toClient(request, inMemory);
  const cache = caches.default;
  const hit = await cache.match(key);
  // Our own expiry decides, not the Cache API's clock: an entry must never outlive a publication time.
  const expires = Number(hit?.headers.get(EXPIRES));
  if (hit && expires > now) {
    const entry = remembered(hit.headers, hit.status, await hit.arrayBuffer(), expires);
    remember(key, entry);
    return toClient(request, entry);
  }
  if (hit) await hit.body?.cancel();

  const response = await compute();
  const ttl = ttlOf(version, rollup, now);
  const clientCacheControl = response.headers.get('Cache-Control') ?? '';
  // 301 too: every one the Worker makes (a former slug, an old URL) depends on content, which the key's generation covers.
  if ((response.status === 200 || response.status === 301) && request.method === 'GET' && /(^|,)\s*public\b/.test(clientCacheControl) && ttl > 0 && !response.headers.has('Set-Cookie')) {
    // Read once and handed to both: no tee of the stream, no second copy.
    const body = await response.arrayBuffer();
    const stored = new Response(body, response);
    stored.headers.set(CLIENT_CACHE_CONTROL, clientCacheControl);
    stored.headers.set('Cache-Control', `public, max-age=${ttl}`);
    stored.headers.set(EXPIRES, String(now + ttl * 1000));
    remember(key, remembered(stored.headers, stored.status, body, now + ttl * 1000));
    // Awaited, not waitUntil: the next request must find the entry (bodies here are small and in memory).
    await cache.put(key, stored).catch((error: unknown) => console.error('edge cache put failed:', error));
    return new Response(body, response);
  }
  return response;
}
