// Queries the reader site's pages need beyond the API's lists: home blocks per category, related
// articles, a tag by slug, and the way back to the previous page of a keyset-paged list; all for one site.
import { and, asc, desc, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { articles, articleTags, categories, tags } from '../../schema/tables.ts';
import type { ArticleSummary, TagRef } from './article-types.ts';
import { categoryRefColumns, inCategoryFamily, taggedWith, visibleToReaders } from './articles-read.ts';
import { encodeCursor } from './cursor.ts';
import type { Db } from './db.ts';

/** What a list item on a page shows: no body, no tags, no editorial fields. */
export type ArticleTeaser = Pick<ArticleSummary, 'id' | 'slug' | 'title' | 'summary' | 'cover' | 'category' | 'publishedAt'>;

export const teaserColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  summary: articles.summary,
  coverKey: articles.coverKey,
  coverCaption: articles.coverCaption,
  coverAlt: articles.coverAlt,
  publishedAt: articles.publishedAt,
  ...categoryRefColumns,
};

export interface TeaserRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  coverKey: string | null;
  coverCaption: string;
  coverAlt: string;
  publishedAt: Date | null;
  categoryId: number;
  categorySlug: string;
  categoryName: string;
}

export function toTeaser(row: TeaserRow): ArticleTeaser {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    cover: row.coverKey ? { key: row.coverKey, caption: row.coverCaption, alt: row.coverAlt } : null,
    category: { id: row.categoryId, slug: row.categorySlug, name: row.categoryName },
    publishedAt: row.publishedAt,
  };
}

function newestInCategory(db: Db, siteId: number, categoryId: number, limit: number, now: Date, extra?: SQL) {
  return db
    .select(teaserColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(visibleToReaders(siteId, now), eq(articles.categoryId, categoryId), extra))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
}

/**
 * The newest `perCategory` articles of each category, for the home page's blocks: one round trip
 * (a D1 batch), each statement a short range of the (category, status, published_at) index.
 */
export async function latestPerCategory(
  db: Db, siteId: number, categoryIds: number[], perCategory: number, now: Date,
): Promise<Map<number, ArticleTeaser[]>> {
  const result = new Map<number, ArticleTeaser[]>();
  const [first, ...rest] = categoryIds.map((id) => newestInCategory(db, siteId, id, perCategory, now));
  if (!first) return result;
  const answers = await db.batch([first, ...rest]);
  categoryIds.forEach((id, i) => result.set(id, (answers[i] ?? []).map(toTeaser)));
  return result;
}

export interface Tag extends TagRef {
  /** Published articles carrying the tag. */
  articleCount: number;
}

/** A tag of the site by its slug, with how many published articles carry it; null if no such tag. */
export async function readTag(db: Db, siteId: number, slug: string, now: Date): Promise<Tag | null> {
  const [row] = await db
    .select({
      slug: tags.slug,
      name: tags.name,
      articleCount: sql<number>`(select count(*) from ${articleTags} inner join ${articles} on ${eq(articles.id, articleTags.articleId)} where ${and(eq(articleTags.tagId, tags.id), visibleToReaders(siteId, now))})`,
    })
    .from(tags)
    .where(and(eq(tags.siteId, siteId), eq(tags.slug, slug)));
  return row ?? null;
}

export interface ListFilter {
  categoryId?: number | undefined;
  /** A parent category's id: its own and its children's articles. */
  categoryFamily?: number | undefined;
  tagSlug?: string | undefined;
}

/**
 * Where the "newer" link of a keyset-paged list (newest first, `?sau=<cursor>`) leads, given the first
 * item of the page shown: null when nothing is newer (this is the first page); `{}` when the previous
 * page is the first page; otherwise the cursor that starts it (the item just newer than that page).
 */
export async function previousPageCursor(
  db: Db, siteId: number, filter: ListFilter, first: { id: number; publishedAt: Date | null }, pageSize: number, now: Date,
): Promise<{ cursor?: string } | null> {
  if (!first.publishedAt) return null;
  const at = first.publishedAt;
  const conditions: (SQL | undefined)[] = [
    visibleToReaders(siteId, now),
    or(gt(articles.publishedAt, at), and(eq(articles.publishedAt, at), gt(articles.id, first.id))),
  ];
  if (filter.categoryId !== undefined) conditions.push(eq(articles.categoryId, filter.categoryId));
  if (filter.categoryFamily !== undefined) conditions.push(inCategoryFamily(db, siteId, filter.categoryFamily));
  if (filter.tagSlug !== undefined) conditions.push(taggedWith(db, siteId, filter.tagSlug));
  const newer = await db
    .select({ id: articles.id, publishedAt: articles.publishedAt })
    .from(articles)
    .where(and(...conditions))
    .orderBy(asc(articles.publishedAt), asc(articles.id))
    .limit(pageSize + 1);
  if (newer.length === 0) return null;
  const start = newer[pageSize];
  if (!start?.publishedAt) return {};
  return { cursor: encodeCursor({ publishedAt: start.publishedAt.getTime(), id: start.id }) };
}
