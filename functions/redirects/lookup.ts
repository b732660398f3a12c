// Old URLs answering 301 (the site's redirects table): consulted only where a reader page would be a 404,
// and for a query string whose key the site's redirects use ("/?p=12" on a live home page). A page
// answered 200 otherwise costs no query. Runs inside the edge cache's compute, so the 301 is cached
// under the site's generation like any anonymous read (a redirect edit moves it: functions/redirects/service.ts).
import { readVersion } from '../cache/generation.ts';
import { database } from '../data/db.ts';
import { countRedirectHit, findRedirect, oldPathOf, otherSlashSpelling, redirectQueryPrefixes, type RedirectTarget } from '../data/redirects.ts';
import type { Site } from '../sites/resolve.ts';

/** Internal: which redirect a (possibly cached) 301 is, so the hit is counted on cached answers too; never sent. */
const REDIRECT_ID = 'X-Redirect-Id';

/** Browsers keep an editable 301 a short while only (the edge cache keys it by generation anyway). */
const CACHE_CONTROL = 'public, max-age=300';

interface Prefixes {
  generation: string;
  set: Set<string>;
}
/** Per site: the "<path>?<key>" its query-string redirects start with, as of a generation of the site. */
const prefixMemo = new Map<number, Prefixes>();

/** The "<path>?<key>" of each query parameter of a normalized old path ("/?a=1&p=2" -> "/?a", "/?p"). */
export function queryPrefixesOf(pathAndQuery: string): string[] {
  const q = pathAndQuery.indexOf('?');
  if (q < 0) return [];
  const path = pathAndQuery.slice(0, q);
  return pathAndQuery.slice(q + 1).split('&').filter(Boolean).map((part) => `${path}?${part.split('=')[0]}`);
}

/** null when the generation cannot be read: nothing can be known current then, so the caller asks D1 directly. */
async function sitePrefixes(env: Env, siteId: number, client: string, now: number): Promise<Set<string> | null> {
  let version: Awaited<ReturnType<typeof readVersion>>;
  try {
    version = await readVersion(env, siteId, client, now);
  } catch {
    // A broken ContentVersion object must not turn every reader page with a query string into a 500:
    // the edge cache serves uncached then (and logs it), and so does this.
    return null;
  }
  const generation = `${version.replica}:${version.generation}`;
  const held = prefixMemo.get(siteId);
  if (held && held.generation === generation) return held.set;
  const set = new Set(await redirectQueryPrefixes(database(env.DB), siteId));
  prefixMemo.set(siteId, { generation, set });
  return set;
}

function answer(site: Site, target: RedirectTarget): Response {
  const location = /^https?:\/\//i.test(target.toPath) ? target.toPath : site.origin + target.toPath;
  return new Response(null, {
    status: 301,
    headers: { Location: location, 'Cache-Control': CACHE_CONTROL, [REDIRECT_ID]: `${site.id}:${target.id}` },
  });
}

/** The request's old path as redirects store it, or null for one no redirect can match (admin, API). */
function requestedPath(request: Request): string | null {
  const url = new URL(request.url);
  const path = oldPathOf(url.pathname + url.search);
  return path === null || /^\/(?:admin|api)(?:[/?]|$)/.test(path) ? null : path;
}

/**
 * A 301 for a request whose query string uses a key the site's redirects use, else null (the page is
 * rendered). The prefixes are read once per site generation and isolate (without a generation: the row itself).
 */
export async function queryRedirect(request: Request, env: Env, site: Site, now = Date.now()): Promise<Response | null> {
  if (!request.url.includes('?')) return null;
  const path = requestedPath(request);
  if (!path) return null;
  const wanted = queryPrefixesOf(path);
  if (wanted.length === 0) return null;
  const prefixes = await sitePrefixes(env, site.id, request.headers.get('CF-Connecting-IP') ?? '', now);
  if (prefixes !== null && !wanted.some((p) => prefixes.has(p))) return null;
  const target = await findRedirect(database(env.DB), site.id, path, { exact: true });
  return target && target.toPath !== path ? answer(site, target) : null;
}

/**
 * A 301 instead of a reader page's 404 when the site has a redirect for the path and query, or the path.
 * Also asked (by the Worker entry) before another spelling of a path is sent to its canonical one: an
 * old "/tin-tuc/bai-1.html" or "/2019/05/bai/" goes to its new page in one hop, not via "/tin-tuc/bai-1".
 */
export async function oldUrlRedirect(request: Request, env: Env, site: Site): Promise<Response | null> {
  const path = requestedPath(request);
  if (!path) return null;
  const target = await findRedirect(database(env.DB), site.id, path);
  if (!target) return null;
  // A redirect to the very URL asked for would loop (an imported item unpublished since): the 404 stands.
  // So would one to its other trailing-slash spelling (found by that spelling, or sent back by the site's own canonical 301).
  const q = path.indexOf('?');
  const bare = q < 0 ? path : path.slice(0, q);
  if (target.toPath === path || target.toPath === bare || target.toPath === otherSlashSpelling(bare)) return null;
  return answer(site, target);
}

/**
 * The answer as the client gets it: a redirect's 301 (fresh or from the edge cache) counts one hit after
 * the response (best effort, never delaying it) and loses the internal header.
 */
export function countedRedirect(response: Response, env: Env, ctx: Pick<ExecutionContext, 'waitUntil'>): Response {
  const id = response.headers.get(REDIRECT_ID);
  if (id === null) return response;
  const [siteId, redirectId] = id.split(':').map(Number) as [number, number];
  ctx.waitUntil(countRedirectHit(database(env.DB), siteId, redirectId).catch((error: unknown) => console.error('redirect hit not counted:', error)));
  const headers = new Headers(response.headers);
  headers.delete(REDIRECT_ID);
  return new Response(null, { status: response.status, headers });
}

/**
 * A reader page, or a redirect's 301 in its place: before rendering for a query key the site's redirects
 * use, after rendering for a 404.
 */
export async function pageOrRedirect(request: Request, env: Env, site: Site, render: () => Promise<Response>): Promise<Response> {
  const early = await queryRedirect(request, env, site);
  if (early) return early;
  const page = await render();
  if (page.status !== 404) return page;
  const moved = await oldUrlRedirect(request, env, site);
  if (!moved) return page;
  await page.body?.cancel();
  return moved;
}
