// What a feed shows: one page of the host's site's published articles, newest first, for the whole
// site, one category (with its children's) or one tag, with the names and URLs the feed formats need; or,
// for a slug a category or tag had before a rename, where its feed is now (the handlers answer 301).
import type { IRequest } from 'itty-router';
import { listPublishedArticles } from '../data/articles-read.ts';
import { movedCategorySlug, readCategory } from '../data/categories.ts';
import { decodeCursor } from '../data/cursor.ts';
import { database } from '../data/db.ts';
import { readTag } from '../data/listings.ts';
import { movedTagSlug } from '../data/tags.ts';
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

/** A category's or tag's feed at a slug it had before a rename (or a merged tag's): where it is now. */
export interface FeedMoved {
  movedTo: string;
}

/** The 301 to a moved feed, on the site's own origin; cached like the pages' own 301s. */
export function movedFeed(request: IRequest, env: Env, moved: FeedMoved): Response {
  return new Response(null, { status: 301, headers: { Location: siteOf(request, env).origin + moved.movedTo, 'Cache-Control': 'public, max-age=60' } });
}

export async function feedPage(request: IRequest, env: Env, scope: FeedScope): Promise<{ source: FeedSource; page: Awaited<ReturnType<typeof listPublishedArticles>> } | FeedMoved> {
  const now = new Date();
  const db = database(env.DB);
  const siteId = siteOf(request, env).id;
  let source: FeedSource = { name: null, description: '', homePath: '/', jsonPath: '/feed.json', rssPath: '/rss.xml' };
  let filter: { categoryFamily?: number; tagSlug?: string } = {};
  const rss = new URL(request.url).pathname.endsWith('/rss.xml');
  if (scope === 'category') {
    const slug = slugParam(request, 'category');
    const category = await readCategory(db, siteId, slug, now);
    if (!category) {
      const moved = await movedCategorySlug(db, siteId, slug);
      if (moved) return { movedTo: rss ? paths.categoryRss(moved) : paths.categoryFeed(moved) };
      throw notFound(`No category has the slug "${slug}".`);
    }
    source = { name: category.name, description: category.description, homePath: paths.category(slug), jsonPath: paths.categoryFeed(slug), rssPath: paths.categoryRss(slug) };
    // Like its page: a parent's feed carries its children's articles too.
    filter = { categoryFamily: category.id };
  } else if (scope === 'tag') {
    const slug = slugParam(request, 'tag');
    const tag = await readTag(db, siteId, slug, now);
    if (!tag) {
      const moved = await movedTagSlug(db, siteId, slug);
      if (moved) return { movedTo: rss ? paths.tagRss(moved) : paths.tagFeed(moved) };
    }
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
