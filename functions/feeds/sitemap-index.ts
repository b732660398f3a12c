// A large site's sitemap: past SLICE_URLS URLs, /sitemap.xml is a <sitemapindex> naming /sitemap-1.xml ...
// /sitemap-N.xml: 1 is the frame (home, categories, tag and document indexes, pages), then the articles, then
// the documents, each in keyset slices of SLICE_URLS in (published_at, id) order (functions/data/sitemap-slices.ts).
// Edge-cached like the sitemap: an index and its slices of one generation name every URL exactly once.
import { lastModified } from '../data/article-types.ts';
import { database } from '../data/db.ts';
import { sitemapCounts, sitemapSlice, type SitemapCounts } from '../data/sitemap-slices.ts';
import { paths, siteOf } from '../http/origin.ts';
import { notFound } from '../http/problem.ts';
import type { Handler } from '../http/request.ts';
import { sendRead } from '../http/respond.ts';
import { frameUrls, siteFrame, url, urlset } from './sitemap-parts.ts';
import { js2xml } from 'xml-js';

/**
 * URLs per file. sitemaps.org allows 50,000 and 50 MB; 10,000 entries are about 2 MB of XML (~200 bytes
 * each), one D1 read of 10,000 small rows and a few tens of ms of CPU to write, so a slice stays far inside
 * the Worker's CPU, memory and D1's response limits however large the site grows; a portal of 50,000
 * articles has 6 files, and a new article changes only the last of them.
 */
export const SLICE_URLS = 10_000;

export interface SliceLayout {
  articleSlices: number;
  documentSlices: number;
  /** The frame, then the article slices, then the document slices. */
  files: number;
}

/** The slices of a site with these counts, or null when one sitemap.xml holds them all. */
export function sliceLayout(counts: SitemapCounts, frameUrlCount: number, size = SLICE_URLS): SliceLayout | null {
  if (frameUrlCount + counts.articles + counts.documents <= size) return null;
  const articleSlices = Math.ceil(counts.articles / size);
  const documentSlices = Math.ceil(counts.documents / size);
  return { articleSlices, documentSlices, files: 1 + articleSlices + documentSlices };
}

export const slicePath = (n: number) => `/sitemap-${n}.xml`;

export function sitemapIndexXml(origin: string, layout: SliceLayout): string {
  return js2xml({
    _declaration: { _attributes: { version: '1.0', encoding: 'UTF-8' } },
    sitemapindex: {
      _attributes: { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' },
      sitemap: Array.from({ length: layout.files }, (_, i) => ({ loc: { _text: origin + slicePath(i + 1) } })),
    },
  }, { compact: true, spaces: 1 });
}

/** /sitemap-N.xml: N from 1, no leading zero (one spelling per file); 404 beyond the layout or for a small site. */
export const sitemapSliceHandler: Handler = async (request, env) => {
  const n = /^[1-9]\d{0,5}$/.test(request.params?.n ?? '') ? Number(request.params!.n) : 0;
  if (n === 0) throw notFound('No such sitemap file.');
  const now = new Date();
  const db = database(env.DB);
  const { id: siteId, origin } = siteOf(request, env);
  const [counts, frame] = await Promise.all([sitemapCounts(db, siteId, now), siteFrame(db, siteId, now)]);
  const { head, tail } = frameUrls(origin, frame);
  const layout = sliceLayout(counts, head.length + tail.length);
  if (!layout || n > layout.files) throw notFound(`This site's sitemap has no file ${n}.`);
  let urls: unknown[];
  if (n === 1) {
    urls = [...head, ...tail];
  } else if (n <= 1 + layout.articleSlices) {
    const rows = await sitemapSlice(db, 'articles', siteId, now, n - 2, SLICE_URLS);
    urls = rows.map((a) => url(origin + paths.article(a.slug), lastModified(a)));
  } else {
    const rows = await sitemapSlice(db, 'documents', siteId, now, n - 2 - layout.articleSlices, SLICE_URLS);
    urls = rows.map((d) => url(origin + paths.document(d.slug), lastModified(d)));
  }
  return sendRead(request, urlset(urls), { contentType: 'application/xml; charset=utf-8' });
};
