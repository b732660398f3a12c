// What every reader page needs from the Worker: the database, the clock, and its site (the host's:
// Astro.locals.site, set by site/middleware.ts from the registry): id, name, origin, communes.
import { env } from 'cloudflare:workers';
import { database, type Db } from '../../functions/data/db.ts';
import { siteOf } from '../../functions/http/origin.ts';
import { siteName } from '../../functions/sites/registry.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import { ARTICLE_ID_HEADER } from '../../functions/stats/page-view.ts';
import { MOST_READ_HEADER } from '../../functions/stats/most-read-inject.ts';
import { PORTAL } from '../consts.ts';

/** Reader pages may sit in the edge cache (the Worker keys it by content generation) and in browsers briefly. */
export const READER_CACHE_CONTROL = 'public, max-age=60';
/**
 * A former slug's answer on a reader page (article, category, tag, static page). Short-lived: an editor may
 * change the slug again (even back), and browsers keep 301s.
 */
export function readerRedirect(location: string): Response {
  return new Response(null, { status: 301, headers: { Location: location, 'Cache-Control': READER_CACHE_CONTROL } });
}

/** Error pages must never be stored anywhere. */
export const NO_STORE = 'no-store';

/**
 * The headers of a reader page; `articleId` attributes the view to an article, `mostRead` asks the Worker to
 * fill the page's "Xem nhiều nhất" lists (the Worker strips both).
 */
export function setReaderHeaders(headers: Headers, options: { articleId?: number; cacheControl?: string; mostRead?: boolean } = {}): void {
  headers.set('Content-Type', 'text/html; charset=utf-8');
  headers.set('Cache-Control', options.cacheControl ?? READER_CACHE_CONTROL);
  if (options.articleId !== undefined) headers.set(ARTICLE_ID_HEADER, String(options.articleId));
  if (options.mostRead) headers.set(MOST_READ_HEADER, '1');
}

export interface SiteContext {
  db: Db;
  now: Date;
  /** The site every query of the page is for: a page shows its own site's content only. */
  id: number;
  name: string;
  origin: string;
  /** A province's communes (the sites whose news it rolls up); empty for any other site. */
  childIds: number[];
  site: Site;
}

/** The page's site: the middleware's, or (a page rendered before the middleware ran, e.g. 500) the host's. */
export function siteContext(astro: { locals: { site?: Site | undefined }; request: Request }): SiteContext {
  const site = astro.locals.site ?? siteOf(astro.request, env);
  return { db: database(env.DB), now: new Date(), id: site.id, name: siteName(site, env), origin: site.origin, childIds: site.childIds, site };
}

/** The home page's description: the upgraded first site keeps its own, others say whose portal it is. */
export function homeDescription(site: SiteContext): string {
  return site.site.name === '' ? PORTAL.description : `Thông tin chính thức của ${site.name}: tin tức, sự kiện, thông báo, chỉ đạo điều hành và cải cách hành chính.`;
}

/** The canonical address of a page: the site's origin, the path and only the query parameters that select content. */
export function canonicalUrl(origin: string, url: URL, keep: readonly string[] = []): string {
  const params = new URLSearchParams();
  for (const name of keep) {
    const value = url.searchParams.get(name);
    if (value) params.set(name, value);
  }
  const query = params.toString();
  return `${origin}${url.pathname === '/' ? '/' : url.pathname}${query ? `?${query}` : ''}`;
}

/** `title – site name`, or the site name alone on the home page. */
export function documentTitle(siteName: string, title?: string): string {
  return title ? `${title} – ${siteName}` : siteName;
}
