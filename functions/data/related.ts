// "Tin liên quan" under an article: the editor's list when the article has one (article_related, in its
// order), else computed: articles sharing a tag with it, then of its category, newest first. Readers see
// only published articles of the same site, never the article itself.
import { and, asc, desc, eq, inArray, max, ne, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { articleRelated, articles, articleTags, categories } from '../../schema/tables.ts';
import { invalidField, NotFound } from '../articles/errors.ts';
import { visibleToReaders } from './articles-read.ts';
import type { Db } from './db.ts';
import { teaserColumns, toTeaser, type ArticleTeaser } from './listings.ts';
import { steppedOrder } from './list-order.ts';

/** Articles in "Tin liên quan", and in an editor's list. */
export const RELATED_MAX = 5;

/** The editor's list, readers' view: its published articles of the site, in order. */
function chosen(db: Db, siteId: number, articleId: number, limit: number, now: Date) {
  return db.select(teaserColumns).from(articleRelated)
    .innerJoin(articles, eq(articles.id, articleRelated.relatedId))
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(eq(articleRelated.articleId, articleId), visibleToReaders(siteId, now)))
    .orderBy(asc(articleRelated.position), asc(articles.id))
    .limit(limit);
}

/** Sharing a tag first, then the same category; newest first within each. */
function computed(db: Db, siteId: number, article: { id: number; category: { id: number } }, limit: number, now: Date) {
  const itsTags = db.select({ id: articleTags.tagId }).from(articleTags).where(eq(articleTags.articleId, article.id));
  const sharesTag = inArray(articles.id, db.select({ id: articleTags.articleId }).from(articleTags).where(inArray(articleTags.tagId, itsTags)));
  return db.select(teaserColumns).from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(visibleToReaders(siteId, now), ne(articles.id, article.id), or(sharesTag, eq(articles.categoryId, article.category.id))))
    .orderBy(desc(sql`${sharesTag}`), desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
}

/**
 * "Tin liên quan" of an article of the site: one round trip for both lists. The editor's list wins when
 * it has an article readers may see; when every one of its articles is gone, the computed list shows.
 */
export async function relatedArticles(
  db: Db, siteId: number, article: { id: number; category: { id: number } }, limit: number, now: Date,
): Promise<ArticleTeaser[]> {
  return relatedOf(await db.batch(relatedReads(db, siteId, article, limit, now)));
}

/** The two queries of relatedArticles, for a page's own D1 batch (site/lib/article-page.ts); relatedOf reads their rows. */
export function relatedReads(db: Db, siteId: number, article: { id: number; category: { id: number } }, limit: number, now: Date) {
  return [chosen(db, siteId, article.id, limit, now), computed(db, siteId, article, limit, now)] as const;
}

type RelatedRows = Awaited<ReturnType<typeof chosen>>;
export const relatedOf = ([own, auto]: readonly [RelatedRows, RelatedRows]): ArticleTeaser[] => (own.length > 0 ? own : auto).map(toTeaser);

export interface RelatedRow {
  id: number;
  title: string;
  slug: string;
  status: string;
  publishedAt: Date | null;
  deleted: boolean;
}

/** The editor's list as the admin shows it (every entry, with its state), in order. */
export function listChosen(db: Db, siteId: number, articleId: number): Promise<RelatedRow[]> {
  return db.select({
    id: articles.id, title: articles.title, slug: articles.slug, status: articles.status, publishedAt: articles.publishedAt,
    deleted: sql<boolean>`${articles.deletedAt} is not null`.mapWith(Boolean),
  }).from(articleRelated)
    .innerJoin(articles, and(eq(articles.id, articleRelated.relatedId), eq(articles.siteId, siteId)))
    .where(eq(articleRelated.articleId, articleId))
    .orderBy(asc(articleRelated.position), asc(articles.id));
}

/**
 * The statement that adds a published article of the site to the end of the article's list. Not
 * itself (InvalidFields), not another site's or unpublished (NotFound), at most RELATED_MAX
 * (InvalidFields); one already there changes nothing (null).
 */
export async function planAddRelated(db: Db, siteId: number, articleId: number, relatedId: number, now: Date): Promise<{ statement: BatchItem<'sqlite'> } | null> {
  if (relatedId === articleId) throw invalidField('relatedId', 'An article is not related to itself.');
  const [[visible], list] = await db.batch([
    db.select({ id: articles.id }).from(articles).where(and(eq(articles.id, relatedId), visibleToReaders(siteId, now))),
    db.select({ id: articleRelated.relatedId, last: max(articleRelated.position) }).from(articleRelated)
      .where(eq(articleRelated.articleId, articleId)).groupBy(articleRelated.relatedId),
  ]);
  if (!visible) throw new NotFound('No published article of this site has that id.');
  if (list.some((r) => r.id === relatedId)) return null;
  if (list.length >= RELATED_MAX) throw relatedFull();
  // The limit and the place are checked again inside the insert: editors adding at once all read the same
  // list; nothing inserted means another took the last place or added the same article (the caller tells which).
  const own = sql`from ${articleRelated} r where r.article_id = ${articleId}`;
  const row = sql`select ${articleId}, ${relatedId}, (select coalesce(max(r.position), 0) + 1 ${own}) where (select count(*) ${own}) < ${RELATED_MAX}`;
  return { statement: db.insert(articleRelated).select(row).onConflictDoNothing().returning({ id: articleRelated.relatedId }) };
}

/** The refusal of one more related article over the limit. */
export const relatedFull = () => invalidField('related', `At most ${RELATED_MAX} related articles.`);

/** Whether the article's list holds that article (after an insert that wrote nothing). */
export async function isRelated(db: Db, articleId: number, relatedId: number): Promise<boolean> {
  const [row] = await db.select({ id: articleRelated.relatedId }).from(articleRelated)
    .where(and(eq(articleRelated.articleId, articleId), eq(articleRelated.relatedId, relatedId)));
  return row !== undefined;
}

/** The statement that takes an article off the list (NotFound when it is not on it). */
export async function planRemoveRelated(db: Db, articleId: number, relatedId: number): Promise<{ statement: BatchItem<'sqlite'> }> {
  const [row] = await db.select({ id: articleRelated.relatedId }).from(articleRelated)
    .where(and(eq(articleRelated.articleId, articleId), eq(articleRelated.relatedId, relatedId)));
  if (!row) throw new NotFound('That article is not on the list.');
  return { statement: db.delete(articleRelated).where(and(eq(articleRelated.articleId, articleId), eq(articleRelated.relatedId, relatedId))) };
}

/** The statements that move an entry one place up or down (positions 1..n); null at the end already. */
export async function planMoveRelated(db: Db, siteId: number, articleId: number, relatedId: number, direction: 'up' | 'down'): Promise<{ statements: BatchItem<'sqlite'>[] } | null> {
  const order = (await listChosen(db, siteId, articleId)).map((r) => r.id);
  if (!order.includes(relatedId)) throw new NotFound('That article is not on the list.');
  const next = steppedOrder(order, relatedId, direction);
  if (!next) return null;
  return {
    statements: next.map((id, i) => db.update(articleRelated).set({ position: i + 1 })
      .where(and(eq(articleRelated.articleId, articleId), eq(articleRelated.relatedId, id)))),
  };
}
