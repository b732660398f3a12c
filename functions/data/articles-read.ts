// Article queries for readers and clients: lists newest first with keyset paging, one article by slug.
// Every query is for one site: its articles, its tags, its former slugs.
import { and, desc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { articles, articleSlugHistory, articleTags, categories, tags, type StoredStatus } from '../../schema/tables.ts';
import type { Db } from './db.ts';
import { encodeCursor, type Cursor } from './cursor.ts';
import { publicStatus, type Article, type ArticleSummary, type TagRef } from './article-types.ts';
import { matchingArticles } from './search.ts';

export interface ListOptions {
  limit: number;
  cursor?: Cursor | undefined;
  categoryId?: number | undefined;
  /** A parent category's id: its own and its children's articles (its page, its feeds). */
  categoryFamily?: number | undefined;
  tagSlug?: string | undefined;
  /** Search words: full-text search (functions/data/search.ts), diacritics ignored, every word must match. */
  q?: string | undefined;
  /** Include the rendered body (feeds need it; lists do not). */
  withBody?: boolean;
  now: Date;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Readers see an article of this site only when it is published, its time has come, and it is not
 * deleted. The site comes first: it leads the (site_id, status, published_at) index of every list.
 */
export function visibleToReaders(siteId: number, now: Date): SQL {
  return and(eq(articles.siteId, siteId), eq(articles.status, 'published'), lte(articles.publishedAt, now), isNull(articles.deletedAt))!;
}

/**
 * The articles of a category and of its children. A subquery, not a list of ids: an admin may give a category
 * any number of children, and D1 binds at most 100 parameters a statement.
 */
export function inCategoryFamily(db: Db, siteId: number, categoryId: number): SQL {
  return inArray(
    articles.categoryId,
    db.select({ id: categories.id }).from(categories)
      .where(and(eq(categories.siteId, siteId), or(eq(categories.id, categoryId), eq(categories.parentId, categoryId)))),
  );
}

/** The articles of a site carrying a tag (tags are per site: another site's tag of the same slug is another tag). */
export function taggedWith(db: Db, siteId: number, tagSlug: string): SQL {
  return inArray(
    articles.id,
    db.select({ id: articleTags.articleId }).from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(and(eq(tags.siteId, siteId), eq(tags.slug, tagSlug))),
  );
}

/**
 * The joined category of an article. Aliased: drizzle's D1 batch maps rows by column name, so a
 * joined "slug" or "id" would overwrite the article's.
 */
export const categoryRefColumns = {
  categoryId: sql<number>`${categories.id}`.as('category_id_'),
  categorySlug: sql<string>`${categories.slug}`.as('category_slug_'),
  categoryName: sql<string>`${categories.name}`.as('category_name_'),
};

export const summaryColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  summary: articles.summary,
  byline: articles.byline,
  coverKey: articles.coverKey,
  coverCaption: articles.coverCaption,
  coverAlt: articles.coverAlt,
  status: articles.status,
  publishedAt: articles.publishedAt,
  createdAt: articles.createdAt,
  updatedAt: articles.updatedAt,
  version: articles.version,
  ...categoryRefColumns,
};

export interface SummaryRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  byline: string;
  coverKey: string | null;
  coverCaption: string;
  coverAlt: string;
  status: StoredStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  categoryId: number;
  categorySlug: string;
  categoryName: string;
}

export function toSummary(row: SummaryRow, tagList: TagRef[], now: Date): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    byline: row.byline,
    cover: row.coverKey ? { key: row.coverKey, caption: row.coverCaption, alt: row.coverAlt } : null,
    category: { id: row.categoryId, slug: row.categorySlug, name: row.categoryName },
    tags: tagList,
    status: publicStatus(row.status, row.publishedAt, now),
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function listPublishedArticles(db: Db, siteId: number, options: ListOptions): Promise<Page<ArticleSummary>> {
  const { limit, cursor, now } = options;
  const conditions: (SQL | undefined)[] = [visibleToReaders(siteId, now)];
  if (options.categoryId !== undefined) conditions.push(eq(articles.categoryId, options.categoryId));
  if (options.categoryFamily !== undefined) conditions.push(inCategoryFamily(db, siteId, options.categoryFamily));
  if (options.tagSlug !== undefined) conditions.push(taggedWith(db, siteId, options.tagSlug));
  if (options.q) {
    // Filtered, not ranked: the API's lists stay newest first with keyset paging. A q without a
    // letter or digit searches for nothing, so it finds nothing (rather than everything).
    const matching = matchingArticles(options.q);
    if (matching === null) return { items: [], nextCursor: null };
    conditions.push(matching);
  }
  if (cursor) {
    const at = new Date(cursor.publishedAt);
    conditions.push(or(lt(articles.publishedAt, at), and(eq(articles.publishedAt, at), lt(articles.id, cursor.id))));
  }
  const rows = await db
    .select(options.withBody ? { ...summaryColumns, bodyHtml: articles.bodyHtml } : summaryColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(...conditions))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit + 1);
  const pageRows = rows.slice(0, limit);
  const tagMap = await tagsOf(db, pageRows.map((r) => r.id));
  const items = pageRows.map((row) => {
    const item = toSummary(row, tagMap.get(row.id) ?? [], now);
    if ('bodyHtml' in row) item.bodyHtml = row.bodyHtml as string;
    return item;
  });
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > limit && last?.publishedAt ? encodeCursor({ publishedAt: last.publishedAt.getTime(), id: last.id }) : null;
  return { items, nextCursor };
}

/** Tags of many articles in one statement: the ids travel as one JSON parameter (D1 allows 100 per statement). */
export async function tagsOf(db: Db, ids: number[]): Promise<Map<number, TagRef[]>> {
  const map = new Map<number, TagRef[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .select({ articleId: articleTags.articleId, slug: tags.slug, name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(sql`${articleTags.articleId} in (select value from json_each(${JSON.stringify(ids)}))`)
    .orderBy(tags.name);
  for (const r of rows) {
    const list = map.get(r.articleId) ?? [];
    list.push({ slug: r.slug, name: r.name });
    map.set(r.articleId, list);
  }
  return map;
}

export type ReadResult = { article: Article } | { movedTo: string } | null;

/**
 * One article of the site by slug, any status but deleted; the caller decides who may see what.
 * A slug the article used to have answers with the current slug so the caller can redirect.
 */
export async function readArticleBySlug(db: Db, siteId: number, slug: string, now: Date): Promise<ReadResult> {
  const [found, tagRows, moved] = await db.batch([
    db.select({ ...summaryColumns, bodyMarkdown: articles.bodyMarkdown, bodyHtml: articles.bodyHtml })
      .from(articles)
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .where(and(eq(articles.siteId, siteId), eq(articles.slug, slug), isNull(articles.deletedAt))),
    db.select({ slug: tags.slug, name: tags.name })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .innerJoin(articles, eq(articles.id, articleTags.articleId))
      .where(and(eq(articles.siteId, siteId), eq(articles.slug, slug)))
      .orderBy(tags.name),
    db.select({ slug: articles.slug })
      .from(articleSlugHistory)
      .innerJoin(articles, eq(articles.id, articleSlugHistory.articleId))
      .where(and(eq(articleSlugHistory.siteId, siteId), eq(articleSlugHistory.slug, slug), eq(articles.siteId, siteId), isNull(articles.deletedAt))),
  ]);
  const row = found[0];
  if (row) {
    return { article: { ...toSummary(row, tagRows, now), bodyMarkdown: row.bodyMarkdown, bodyHtml: row.bodyHtml } };
  }
  const current = moved[0];
  return current ? { movedTo: current.slug } : null;
}

/** The article as readers may see it, following a changed slug only to a visible article. */
export async function readPublishedArticle(db: Db, siteId: number, slug: string, now: Date): Promise<ReadResult> {
  const result = await readArticleBySlug(db, siteId, slug, now);
  if (!result) return null;
  if ('article' in result) return result.article.status === 'published' ? result : null;
  const target = await readArticleBySlug(db, siteId, result.movedTo, now);
  return target && 'article' in target && target.article.status === 'published' ? result : null;
}

/** Every published article's slug and last change on the site, for its sitemap. */
export function listPublishedSlugs(db: Db, siteId: number, now: Date) {
  return db
    .select({ slug: articles.slug, updatedAt: articles.updatedAt, publishedAt: articles.publishedAt })
    .from(articles)
    .where(visibleToReaders(siteId, now))
    .orderBy(desc(articles.publishedAt), desc(articles.id));
}
