// sitemap.xml (sitemaps.org 0.9) of the host's site: home, every category page, the tag index (/the), every
// published article, the documents registry and every published document of that site, every published page in each of its
// languages (a translated page's two URLs name each other as xhtml:link alternates), with lastmod.
// Past SLICE_URLS URLs it is a <sitemapindex> of /sitemap-1.xml ... /sitemap-N.xml (functions/feeds/sitemap-index.ts).
import { lastModified } from '../data/article-types.ts';
import { listPublishedSlugs } from '../data/articles-read.ts';
import { database } from '../data/db.ts';
import { listPublishedDocumentSlugs } from '../data/documents-read.ts';
import { paths, siteOf } from '../http/origin.ts';
import type { Handler } from '../http/request.ts';
import { sendRead } from '../http/respond.ts';
import { sitemapCounts } from '../data/sitemap-slices.ts';
import { sitemapIndexXml, sliceLayout } from './sitemap-index.ts';
import { frameUrlCount, frameUrls, siteFrame, url, urlset } from './sitemap-parts.ts';

export const sitemap: Handler = async (request, env) => {
  const now = new Date();
  const db = database(env.DB);
  const { id: siteId, origin } = siteOf(request, env);
  const [counts, frame] = await Promise.all([sitemapCounts(db, siteId, now), siteFrame(db, siteId, now)]);
  const layout = sliceLayout(counts, frameUrlCount(frame));
  if (layout) return sendRead(request, sitemapIndexXml(origin, layout), { contentType: 'application/xml; charset=utf-8' });
  const [articleRows, documentRows] = await Promise.all([listPublishedSlugs(db, siteId, now), listPublishedDocumentSlugs(db, siteId, now)]);
  const newest = articleRows.reduce<Date | undefined>((max, a) => (!max || lastModified(a) > max ? lastModified(a) : max), undefined);
  const { head, tail } = frameUrls(origin, frame, newest, documentRows[0] ? lastModified(documentRows[0]) : undefined);
  return sendRead(request, urlset([
    ...head,
    ...articleRows.map((a) => url(origin + paths.article(a.slug), lastModified(a))),
    tail[0],
    ...documentRows.map((d) => url(origin + paths.document(d.slug), lastModified(d))),
    ...tail.slice(1),
  ]), { contentType: 'application/xml; charset=utf-8' });
};
