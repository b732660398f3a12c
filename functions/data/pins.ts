// "Tin nổi bật": a site's own articles its editors pin on its home page, in their order, each until it is
// unpinned or its expiry passes. The same table holds a province's pins of its communes' articles
// (functions/data/rollup.ts); a pin is the site's own when the article is of the same site.
import { and, asc, desc, eq, gt, isNull, max, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { articles, categories, featuredArticles } from '../../schema/tables.ts';
import { invalidField, NotFound } from '../articles/errors.ts';
import { visibleToReaders } from './articles-read.ts';
import type { Db } from './db.ts';
import { teaserColumns, toTeaser, type ArticleTeaser } from './listings.ts';
import { steppedOrder } from './list-order.ts';

/** Pins a site may hold at once (the home box shows them all; more is no longer "nổi bật"). */
export const PINS_MAX = 12;

/** The refusal of a pin over the limit (also when a concurrent pin took the last place). */
export const pinsFull = () => invalidField('pins', `At most ${PINS_MAX} articles can be pinned.`);

/** Own pins only: the article is the pinning site's. */
const ownPin = (siteId: number): SQL =>
  and(eq(featuredArticles.siteId, siteId), eq(featuredArticles.articleId, articles.id), eq(articles.siteId, siteId))!;

/** Not yet expired at `now` (no expiry: until unpinned). */
export const pinLive = (now: Date): SQL => or(isNull(featuredArticles.expiresAt), gt(featuredArticles.expiresAt, now))!;

const pinOrder = [asc(featuredArticles.position), desc(featuredArticles.createdAt), desc(articles.id)] as const;

/** The home page's "Tin nổi bật": pinned, not expired, and visible to readers now, in the editors' order. */
export async function listPinned(db: Db, siteId: number, now: Date, limit = PINS_MAX): Promise<ArticleTeaser[]> {
  const rows = await db.select(teaserColumns).from(featuredArticles)
    .innerJoin(articles, ownPin(siteId))
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(visibleToReaders(siteId, now), pinLive(now)))
    .orderBy(...pinOrder)
    .limit(limit);
  return rows.map(toTeaser);
}

export interface PinRow {
  articleId: number;
  title: string;
  slug: string;
  status: string;
  publishedAt: Date | null;
  deleted: boolean;
  expiresAt: Date | null;
  position: number;
}

/** Every own pin of the site for the admin, expired or not shown ones included, in order. */
export function listPins(db: Db, siteId: number): Promise<PinRow[]> {
  return db.select({
    articleId: articles.id, title: articles.title, slug: articles.slug, status: articles.status, publishedAt: articles.publishedAt,
    deleted: sql<boolean>`${articles.deletedAt} is not null`.mapWith(Boolean), expiresAt: featuredArticles.expiresAt, position: featuredArticles.position,
  }).from(featuredArticles).innerJoin(articles, ownPin(siteId)).orderBy(...pinOrder);
}

/**
 * The statement that pins an article of the site, last in the order: only an article readers see now
 * (NotFound otherwise: a draft, another site's or a deleted one), at most PINS_MAX (InvalidFields).
 * Pinning one already pinned changes nothing. An expiry must lie ahead (InvalidFields).
 */
export async function planPin(db: Db, siteId: number, articleId: number, expiresAt: Date | null, by: number | null, now: Date): Promise<{ statement: BatchItem<'sqlite'>; checkFull?: true }> {
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw invalidField('expiresAt', 'The expiry must be in the future.');
  const [[visible], pins] = await db.batch([
    db.select({ id: articles.id }).from(articles).where(and(eq(articles.id, articleId), visibleToReaders(siteId, now))),
    db.select({ id: featuredArticles.articleId, last: max(featuredArticles.position) }).from(featuredArticles)
      .innerJoin(articles, ownPin(siteId)).groupBy(featuredArticles.articleId),
  ]);
  if (!visible) throw new NotFound('No published article of this site has that id.');
  if (pins.some((p) => p.id === articleId)) {
    return { statement: db.update(featuredArticles).set({ expiresAt }).where(and(eq(featuredArticles.siteId, siteId), eq(featuredArticles.articleId, articleId))) };
  }
  if (pins.length >= PINS_MAX) throw pinsFull();
  // The limit and the place are checked again inside the insert: editors pinning at once all read the
  // same count, and each must see the others' pins (the caller refuses the pin when nothing was written).
  const own = sql`from ${featuredArticles} f join ${articles} a on a.id = f.article_id and a.site_id = ${siteId} where f.site_id = ${siteId}`;
  const row = sql`select ${siteId}, ${articleId}, (select coalesce(max(f.position), 0) + 1 ${own}), ${expiresAt?.getTime() ?? null}, ${by}, ${now.getTime()}
    where (select count(*) ${own}) < ${PINS_MAX}`;
  return {
    statement: db.insert(featuredArticles).select(row)
      .onConflictDoUpdate({ target: [featuredArticles.siteId, featuredArticles.articleId], set: { expiresAt } })
      .returning({ id: featuredArticles.articleId }),
    checkFull: true,
  };
}

/** The statement that unpins an own article (NotFound when it is not pinned). */
export async function planUnpin(db: Db, siteId: number, articleId: number): Promise<{ statement: BatchItem<'sqlite'> }> {
  await assertPinned(db, siteId, articleId);
  return { statement: db.delete(featuredArticles).where(and(eq(featuredArticles.siteId, siteId), eq(featuredArticles.articleId, articleId))) };
}

/** The statement that sets or clears a pin's expiry (in the future; NotFound when not pinned). */
export async function planExpiry(db: Db, siteId: number, articleId: number, expiresAt: Date | null, now: Date): Promise<{ statement: BatchItem<'sqlite'> }> {
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw invalidField('expiresAt', 'The expiry must be in the future.');
  await assertPinned(db, siteId, articleId);
  return { statement: db.update(featuredArticles).set({ expiresAt }).where(and(eq(featuredArticles.siteId, siteId), eq(featuredArticles.articleId, articleId))) };
}

/**
 * The statements that move a pin one place up or down: every own pin gets its place in the new order
 * (positions 1..n), so ties left by older rows never make a move a no-op. NotFound when not pinned; at the
 * top (or bottom) already: null, nothing to write.
 */
export async function planMove(db: Db, siteId: number, articleId: number, direction: 'up' | 'down'): Promise<{ statements: BatchItem<'sqlite'>[] } | null> {
  const order = (await listPins(db, siteId)).map((p) => p.articleId);
  if (!order.includes(articleId)) throw new NotFound('That article is not pinned.');
  const next = steppedOrder(order, articleId, direction);
  if (!next) return null;
  return {
    statements: next.map((id, i) => db.update(featuredArticles).set({ position: i + 1 })
      .where(and(eq(featuredArticles.siteId, siteId), eq(featuredArticles.articleId, id)))),
  };
}

async function assertPinned(db: Db, siteId: number, articleId: number): Promise<void> {
  const [pin] = await db.select({ id: featuredArticles.articleId }).from(featuredArticles)
    .innerJoin(articles, ownPin(siteId)).where(eq(featuredArticles.articleId, articleId));
  if (!pin) throw new NotFound('That article is not pinned.');
}
