// sitemap.xml (sitemaps.org 0.9) of the host's site: home, every category page, the tag index (/the), every
// published article, the documents registry and every published document of that site, every published page in each of its
// languages (a translated page's two URLs name each other as xhtml:link alternates), with lastmod.
import { js2xml } from 'xml-js';
import { lastModified } from '../data/article-types.ts';
import { listPublishedSlugs } from '../data/articles-read.ts';
import { listCategories } from '../data/categories.ts';
import { database } from '../data/db.ts';
import { listPublishedDocumentSlugs } from '../data/documents-read.ts';
import { listPublishedPages } from '../data/pages-read.ts';
import { paths, siteOf } from '../http/origin.ts';
import type { Handler } from '../http/request.ts';
import { sendRead } from '../http/respond.ts';

/** The tag index page (site/pages/the/index.astro). */
export const TAG_INDEX_PATH = '/the';

export const sitemap: Handler = async (request, env) => {
  const now = new Date();
  const db = database(env.DB);
  const { id: siteId, origin } = siteOf(request, env);
  const [articleRows, categoryList, documentRows, pageRows] = await Promise.all([
    listPublishedSlugs(db, siteId, now), listCategories(db, siteId, now), listPublishedDocumentSlugs(db, siteId, now), listPublishedPages(db, siteId, now),
  ]);
  const newest = articleRows.reduce<Date | undefined>((max, a) => (!max || lastModified(a) > max ? lastModified(a) : max), undefined);
  const url = (loc: string, lastmod?: Date) => ({
    loc: { _text: loc },
    ...(lastmod ? { lastmod: { _text: lastmod.toISOString() } } : {}),
  });
  const alternate = (lang: string, href: string) => ({ _attributes: { rel: 'alternate', hreflang: lang, href } });
  const pageUrls = pageRows.flatMap((p) => {
    const vi = origin + paths.page(p.slug);
    if (p.slugEn === null) return [url(vi, p.updatedAt)];
    const en = origin + paths.pageEn(p.slugEn);
    const links = { 'xhtml:link': [alternate('vi', vi), alternate('en', en), alternate('x-default', vi)] };
    return [{ ...url(vi, p.updatedAt), ...links }, { ...url(en, p.updatedAt), ...links }];
  });
  const doc = {
    _declaration: { _attributes: { version: '1.0', encoding: 'UTF-8' } },
    urlset: {
      _attributes: { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:xhtml': 'http://www.w3.org/1999/xhtml' },
      url: [
        url(origin + '/', newest),
        ...categoryList.map((c) => url(origin + paths.category(c.slug), c.updatedAt)),
        // The tags' index: a reader's way into every topic (its tags' own pages are reached from it).
        url(origin + TAG_INDEX_PATH),
        ...articleRows.map((a) => url(origin + paths.article(a.slug), lastModified(a))),
        url(origin + paths.documents(), documentRows[0] ? lastModified(documentRows[0]) : undefined),
        ...documentRows.map((d) => url(origin + paths.document(d.slug), lastModified(d))),
        ...pageUrls,
      ],
    },
  };
  return sendRead(request, js2xml(doc, { compact: true, spaces: 1 }), { contentType: 'application/xml; charset=utf-8' });
};
