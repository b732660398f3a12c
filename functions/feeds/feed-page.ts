// What a feed shows: one page of the host's site's published articles, newest first, for the whole
// site, one category or one tag, with the names and URLs the feed formats need.
import type { IRequest } from 'itty-router';
import { listPublishedArticles } from '../data/articles-read.ts';
import { readCategory } from '../data/categories.ts';
import { decodeCursor } from '../data/cursor.ts';
import { database } from '../data/db.ts';
import { readTag } from '../data/listings.ts';
import { paths, siteOf } from '../http/origin.ts';
import { notFound } from '../http/problem.ts';
import { queryOf, slugParam } from '../http/request.ts';

export const FEED_PAGE_SIZE = 20;

export type FeedScope = 'site' | 'category' | 'tag';

export interface FeedSource {
  /** The category's or tag's name; null for the whole site. */
  name: string | null;
  description: string;
  homePath: string;
  jsonPath: string;
  rssPath: string;
}

export async function feedPage(request: IRequest, env: Env, scope: FeedScope) {
  const now = new Date();
  const db = database(env.DB);
  const siteId = siteOf(request, env).id;
  let source: FeedSource = { name: null, description: '', homePath: '/', jsonPath: '/feed.json', rssPath: '/rss.xml' };
  let filter: { categoryId?: number; tagSlug?: string } = {};
  if (scope === 'category') {
    const slug = slugParam(request, 'category');
    const category = await readCategory(db, siteId, slug, now);
    if (!category) throw notFound(`No category has the slug "${slug}".`);
    source = { name: category.name, description: category.description, homePath: paths.category(slug), jsonPath: paths.categoryFeed(slug), rssPath: paths.categoryRss(slug) };
    filter = { categoryId: category.id };
  } else if (scope === 'tag') {
    const slug = slugParam(request, 'tag');
    const tag = await readTag(db, siteId, slug, now);
    // A tag that only unpublished articles carry does not exist for readers.
    if (!tag || tag.articleCount === 0) throw notFound(`No tag has the slug "${slug}".`);
    source = { name: tag.name, description: `Tin bài gắn thẻ ${tag.name}`, homePath: paths.tag(slug), jsonPath: paths.tagFeed(slug), rssPath: paths.tagRss(slug) };
    filter = { tagSlug: slug };
  }
  const { cursor } = queryOf(request);
  const page = await listPublishedArticles(db, siteId, {
    limit: FEED_PAGE_SIZE,
    cursor: cursor ? decodeCursor(cursor) : undefined,
    ...filter,
    withBody: true,
    now,
  });
  return { source, page };
}
