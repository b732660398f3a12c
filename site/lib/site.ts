// What every reader page needs from the Worker: the database, the clock, the portal's name and origin.
import { env } from 'cloudflare:workers';
import { database, type Db } from '../../functions/data/db.ts';
import { siteOrigin } from '../../functions/http/origin.ts';
import { ARTICLE_ID_HEADER } from '../../functions/stats/page-view.ts';

/** Reader pages may sit in the edge cache (the Worker keys it by content generation) and in browsers briefly. */
export const READER_CACHE_CONTROL = 'public, max-age=60';
/** Error pages must never be stored anywhere. */
export const NO_STORE = 'no-store';

/** The headers of a reader page; `articleId` attributes the view to an article (the Worker strips it). */
export function setReaderHeaders(headers: Headers, options: { articleId?: number; cacheControl?: string } = {}): void {
  headers.set('Content-Type', 'text/html; charset=utf-8');
  headers.set('Cache-Control', options.cacheControl ?? READER_CACHE_CONTROL);
  if (options.articleId !== undefined) headers.set(ARTICLE_ID_HEADER, String(options.articleId));
}

export interface SiteContext {
  db: Db;
  now: Date;
  name: string;
  origin: string;
}

export function siteContext(request: Request): SiteContext {
  return { db: database(env.DB), now: new Date(), name: env.SITE_NAME, origin: siteOrigin(request, env) };
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
