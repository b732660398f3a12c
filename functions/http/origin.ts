// The request's site, and absolute URLs for links in API bodies, feeds and pages: always the resolved
// site's canonical origin (functions/sites/resolve.ts), never a host the client merely claimed.
import { resolveSite, type Site } from '../sites/resolve.ts';
import { HttpError } from './problem.ts';

/** The 404 for a host this deployment does not serve; it names no host, so it can reflect nothing. */
export const unknownHost = () => new HttpError(404, 'unknown-host', 'This deployment serves no site at the requested host.');

/** The site a request is for (the Worker entry has resolved it and refused any other host). */
export function siteOf(request: Request, env: Env): Site {
  const site = resolveSite(request.url, env);
  // The Worker entry refuses unknown hosts first; this guards any path that might bypass it.
  if (!site) throw unknownHost();
  return site;
}

export function siteOrigin(request: Request, env: Env): string {
  return siteOf(request, env).origin;
}

/** Public URLs of the things the CMS serves: one place, so API, feeds and site agree. */
export const paths = {
  article: (slug: string) => `/bai-viet/${slug}`,
  category: (slug: string) => `/chuyen-muc/${slug}`,
  categoryFeed: (slug: string) => `/chuyen-muc/${slug}/feed.json`,
  categoryRss: (slug: string) => `/chuyen-muc/${slug}/rss.xml`,
  tag: (slug: string) => `/the/${slug}`,
  tagFeed: (slug: string) => `/the/${slug}/feed.json`,
  tagRss: (slug: string) => `/the/${slug}/rss.xml`,
  media: (key: string) => `/media/${key.split('/').map(encodeURIComponent).join('/')}`,
  apiArticle: (slug: string) => `/api/v1/articles/${slug}`,
  apiCategory: (slug: string) => `/api/v1/categories/${slug}`,
  // The documents registry (issue 11).
  documents: () => '/van-ban',
  document: (slug: string) => `/van-ban/${slug}`,
  documentPrint: (slug: string) => `/van-ban/${slug}/in`,
  documentFile: (fileId: number, name: string) => `/van-ban/tep/${fileId}/${encodeURIComponent(name)}`,
  documentsFeed: () => '/van-ban/feed.json',
  documentsRss: () => '/van-ban/rss.xml',
  documentTypeFeed: (typeSlug: string) => `/van-ban/loai/${typeSlug}/feed.json`,
  documentTypeRss: (typeSlug: string) => `/van-ban/loai/${typeSlug}/rss.xml`,
  apiDocument: (slug: string) => `/api/v1/documents/${slug}`,
  // Static pages, Vietnamese and English (issue 12).
  page: (slug: string) => `/trang/${slug}`,
  pageEn: (slugEn: string) => `/en/${slugEn}`,
  apiPage: (slug: string) => `/api/v1/pages/${slug}`,
};
