// The pieces of every sitemap document: a <url> entry, a <urlset>, and the site's frame (home, categories,
// the tag and document indexes, pages: what is neither an article nor a document), for the one-file
// sitemap.xml and for the first slice of a large site's (sitemap-index.ts).
import { js2xml } from 'xml-js';
import { listCategories } from '../data/categories.ts';
import type { Db } from '../data/db.ts';
import { listPublishedPages } from '../data/pages-read.ts';
import { paths } from '../http/origin.ts';

/** The tag index page (site/pages/the/index.astro). */
export const TAG_INDEX_PATH = '/the';

type PageRow = Awaited<ReturnType<typeof listPublishedPages>>[number];
type CategoryRow = Awaited<ReturnType<typeof listCategories>>[number];

export const url = (loc: string, lastmod?: Date) => ({
  loc: { _text: loc },
  ...(lastmod ? { lastmod: { _text: lastmod.toISOString() } } : {}),
});

const alternate = (lang: string, href: string) => ({ _attributes: { rel: 'alternate', hreflang: lang, href } });

/** Every published page in each of its languages; a translated page's two URLs name each other. */
function pageUrls(origin: string, pageRows: PageRow[]) {
  return pageRows.flatMap((p) => {
    const vi = origin + paths.page(p.slug);
    if (p.slugEn === null) return [url(vi, p.updatedAt)];
    const en = origin + paths.pageEn(p.slugEn);
    const links = { 'xhtml:link': [alternate('vi', vi), alternate('en', en), alternate('x-default', vi)] };
    return [{ ...url(vi, p.updatedAt), ...links }, { ...url(en, p.updatedAt), ...links }];
  });
}

/** A <urlset> document of these entries. */
export function urlset(urls: unknown[]): string {
  return js2xml({
    _declaration: { _attributes: { version: '1.0', encoding: 'UTF-8' } },
    urlset: { _attributes: { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:xhtml': 'http://www.w3.org/1999/xhtml' }, url: urls },
  }, { compact: true, spaces: 1 });
}

/** What is neither an article nor a document: home, categories, the tag and document indexes, pages. */
export interface SiteFrame {
  categories: CategoryRow[];
  pages: PageRow[];
}

export async function siteFrame(db: Db, siteId: number, now: Date): Promise<SiteFrame> {
  const [categories, pages] = await Promise.all([listCategories(db, siteId, now), listPublishedPages(db, siteId, now)]);
  return { categories, pages };
}

/** How many URLs the frame gives (home, tag index and document registry are the 3). */
export const frameUrlCount = (frame: SiteFrame): number =>
  3 + frame.categories.length + frame.pages.reduce((n, p) => n + (p.slugEn === null ? 1 : 2), 0);

/** The frame's URLs; `newest` and `newestDocument` date the home page and the registry. */
export function frameUrls(origin: string, frame: SiteFrame, newest?: Date, newestDocument?: Date) {
  return {
    head: [
      url(origin + '/', newest),
      ...frame.categories.map((c) => url(origin + paths.category(c.slug), c.updatedAt)),
      // The tags' index: a reader's way into every topic (its tags' own pages are reached from it).
      url(origin + TAG_INDEX_PATH),
    ],
    tail: [url(origin + paths.documents(), newestDocument), ...pageUrls(origin, frame.pages)],
  };
}

