// Absolute URLs for links in API bodies and feeds: the configured SITE_URL, else the request's origin.
export function siteOrigin(request: Request, env: Env): string {
  return env.SITE_URL ? env.SITE_URL.replace(/\/+$/, '') : new URL(request.url).origin;
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
};
