// A province's roll-up of its communes ("Tin từ cơ sở"): their newest published articles across sites,
// keyset-paged, and the commune articles a province editor featured (a reference: title, summary and
// link are the origin article's own, read live; an origin no longer visible simply drops out).
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { articles, categories, featuredArticles, sites } from '../../schema/tables.ts';
import { NotFound } from '../articles/errors.ts';
import type { ArticleSummary } from './article-types.ts';
import { summaryColumns, tagsOf, toSummary, type Page } from './articles-read.ts';
import { encodeCursor, type Cursor } from './cursor.ts';
import type { Db } from './db.ts';

/** A commune's article as its province shows it: the article and the site it belongs to (for its name and origin). */
export interface RollupArticle extends ArticleSummary {
  siteId: number;
}

/** How many featured articles the province home shows (the newest featured first). */
export const FEATURED_MAX = 6;

/** The province's communes, read inside the statement: a commune moved elsewhere drops out at once. */
const childrenOf = (db: Db, provinceId: number) => db.select({ id: sites.id }).from(sites).where(eq(sites.parentId, provinceId));

/**
 * Published, its time come, not deleted, and of one of the province's communes. Ordered newest first,
 * this is a walk down the (status, published_at, id) index keeping the communes' rows.
 */
const visibleInRollup = (db: Db, provinceId: number, now: Date): SQL =>
  and(eq(articles.status, 'published'), lte(articles.publishedAt, now), isNull(articles.deletedAt), inArray(articles.siteId, childrenOf(db, provinceId)))!;

const rollupColumns = { ...summaryColumns, siteId: articles.siteId };
type RollupRow = Awaited<ReturnType<typeof rollupSelect>>[number];
const rollupSelect = (db: Db, withBody: boolean) =>
  db.select(withBody ? { ...rollupColumns, bodyHtml: articles.bodyHtml } : rollupColumns)
    .from(articles).innerJoin(categories, eq(categories.id, articles.categoryId));

async function toRollup(db: Db, rows: (RollupRow & { bodyHtml?: string })[], now: Date, withTags: boolean): Promise<RollupArticle[]> {
  const tagMap = withTags ? await tagsOf(db, rows.map((r) => r.id)) : new Map();
  return rows.map((row) => {
    const item: RollupArticle = { ...toSummary(row, tagMap.get(row.id) ?? [], now), siteId: row.siteId };
    if (row.bodyHtml !== undefined) item.bodyHtml = row.bodyHtml;
    return item;
  });
}

export interface RollupOptions {
  limit: number;
  cursor?: Cursor | undefined;
  /** Bodies and tags (the feeds need them; the pages do not). */
  withBody?: boolean;
  now: Date;
}

/** One page of the communes' newest articles, newest first; nextCursor starts the next (older) page. */
export async function listRollup(db: Db, provinceId: number, options: RollupOptions): Promise<Page<RollupArticle>> {
  const { limit, cursor, now } = options;
  const after = cursor
    ? or(lt(articles.publishedAt, new Date(cursor.publishedAt)), and(eq(articles.publishedAt, new Date(cursor.publishedAt)), lt(articles.id, cursor.id)))
    : undefined;
  const rows = await rollupSelect(db, Boolean(options.withBody))
    .where(and(visibleInRollup(db, provinceId, now), after))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit + 1);
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: await toRollup(db, pageRows, now, Boolean(options.withBody)),
    nextCursor: rows.length > limit && last?.publishedAt ? encodeCursor({ publishedAt: last.publishedAt.getTime(), id: last.id }) : null,
  };
}

/**
 * The way back from a later page: the cursor that starts the page before the one whose first item is
 * `first` ({} when that is the first page), or null when nothing is newer.
 */
export async function rollupPreviousCursor(
  db: Db, provinceId: number, first: { id: number; publishedAt: Date | null }, pageSize: number, now: Date,
): Promise<{ cursor?: string } | null> {
  if (!first.publishedAt) return null;
  const at = first.publishedAt;
  const newer = await db.select({ id: articles.id, publishedAt: articles.publishedAt }).from(articles)
    .where(and(visibleInRollup(db, provinceId, now), or(gt(articles.publishedAt, at), and(eq(articles.publishedAt, at), gt(articles.id, first.id)))))
    .orderBy(asc(articles.publishedAt), asc(articles.id))
    .limit(pageSize + 1);
  if (newer.length === 0) return null;
  if (newer.length <= pageSize) return {};
  const before = newer[pageSize]!;
  return { cursor: encodeCursor({ publishedAt: before.publishedAt!.getTime(), id: before.id }) };
}

/** The featured articles the province home shows, newest featured first; origins no longer visible are left out. */
export async function listFeatured(db: Db, provinceId: number, now: Date, limit = FEATURED_MAX): Promise<RollupArticle[]> {
  const rows = await rollupSelect(db, false)
    .innerJoin(featuredArticles, and(eq(featuredArticles.articleId, articles.id), eq(featuredArticles.siteId, provinceId)))
    .where(visibleInRollup(db, provinceId, now))
    .orderBy(desc(featuredArticles.createdAt), desc(articles.id))
    .limit(limit);
  return toRollup(db, rows, now, false);
}

/** Which of these article ids the province features (for the admin's buttons). */
export async function featuredIds(db: Db, provinceId: number): Promise<Set<number>> {
  const rows = await db.select({ id: featuredArticles.articleId }).from(featuredArticles).where(eq(featuredArticles.siteId, provinceId));
  return new Set(rows.map((r) => r.id));
}

/**
 * The statement that features (or unfeatures) a commune's article on its province, for a write's batch.
 * Featuring checks first that the article is one the province rolls up now (NotFound otherwise), so a
 * province cannot put a stranger's, a draft or a deleted article on its home page. Wrapped in an object:
 * a query builder is a thenable, and an async function would run it instead of returning it.
 */
export async function planFeature(
  db: Db, provinceId: number, articleId: number, featured: boolean, by: number | null, now: Date,
): Promise<{ statement: BatchItem<'sqlite'> }> {
  if (!featured) {
    return { statement: db.delete(featuredArticles).where(and(eq(featuredArticles.siteId, provinceId), eq(featuredArticles.articleId, articleId))) };
  }
  const [visible] = await db.select({ id: articles.id }).from(articles)
    .where(and(eq(articles.id, articleId), visibleInRollup(db, provinceId, now)));
  if (!visible) throw new NotFound('No published article of this province\'s communes has that id.');
  return { statement: db.insert(featuredArticles).values({ siteId: provinceId, articleId, createdBy: by, createdAt: now }).onConflictDoNothing() };
}
